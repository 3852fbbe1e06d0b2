package io.distillguard.bench;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.ingest.Exchange;
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
 * The full per-exchange engine cost (features, profile update, scoring, campaign linking) on
 * pre-parsed simulated traffic. The traffic is replayed in rounds with times shifted forward each
 * round, so the engine always sees non-decreasing event time and a steady population of {@code
 * accounts} accounts.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EngineBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class EngineBenchmark {

  @Param({"2000"})
  int accounts;

  private Exchange[] exchanges;
  private long span;
  private DetectionEngine engine;
  private int i;
  private long shift;

  @Setup
  public void setup() {
    exchanges = BenchTraffic.generate(50_000, accounts, 17).exchanges;
    span = exchanges[exchanges.length - 1].tsMillis() - exchanges[0].tsMillis() + 1000;
    engine = DetectionEngine.create();
  }

  @Benchmark
  public Assessment observe() {
    Exchange e = exchanges[i];
    if (++i == exchanges.length) {
      i = 0;
      shift += span;
    }
    if (shift != 0) {
      e = new Exchange(e.tsMillis() + shift, e.requestId(), e.accountId(), e.apiKeyId(), e.orgId(),
          e.client(), e.account(), e.endpoint(), e.model(), e.request(), e.response());
    }
    return engine.observe(e);
  }
}
