package io.distillguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one {@code api-exchange/v1} line: our streaming {@link ExchangeParser} against the
 * baseline of Jackson building a tree of the same line ({@code readTree}), which does strictly less
 * (no normalisation, no validation) and so bounds what a parser on Jackson can reach.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar ParseBenchmark -prof gc -rf json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

  @Param({"4096"})
  int lines;

  private byte[][] data;
  private int i;
  private final ExchangeParser parser = new ExchangeParser();
  private final ObjectMapper mapper = new ObjectMapper();

  @Setup
  public void setup() {
    data = BenchTraffic.generate(lines, 2000, 11).lines;
  }

  private byte[] next() {
    byte[] b = data[i];
    i = i + 1 == data.length ? 0 : i + 1;
    return b;
  }

  @Benchmark
  public Exchange exchangeParser() {
    byte[] b = next();
    return parser.parse(b, 0, b.length);
  }

  @Benchmark
  public JsonNode baselineJacksonReadTree() throws IOException {
    byte[] b = next();
    return mapper.readTree(b, 0, b.length);
  }
}
