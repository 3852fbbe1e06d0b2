package io.distillguard.bench;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Exchange;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Feature extraction of one parsed exchange (template skeleton and hashes, lexicons, harvest
 * flags), against a baseline that only walks the same prompt text once (the least any text feature
 * must do).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FeatureBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureBenchmark {

  private Exchange[] exchanges;
  private final FeatureExtractor extractor = new FeatureExtractor();
  private int i;

  @Setup
  public void setup() {
    exchanges = BenchTraffic.generate(4096, 2000, 19).exchanges;
  }

  private Exchange next() {
    Exchange e = exchanges[i];
    i = i + 1 == exchanges.length ? 0 : i + 1;
    return e;
  }

  @Benchmark
  public ExchangeFeatures extract() {
    return extractor.extract(next());
  }

  @Benchmark
  public void baselineScanText(Blackhole bh) {
    String s = next().request().lastUserText();
    int h = 0;
    for (int k = 0; k < s.length(); k++) {
      h = 31 * h + s.charAt(k);
    }
    bh.consume(h);
  }
}
