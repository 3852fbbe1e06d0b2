package io.distillguard.bench;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.profile.AccountProfile;
import java.util.SplittableRandom;
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
 * One account-profile update with precomputed features (the per-exchange cost of the profile
 * alone), against a baseline that only reads the same inputs. Features are drawn at random so the
 * profile's sketches see varied hashes.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ProfileBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileBenchmark {

  private Exchange[] exchanges;
  private ExchangeFeatures[] features;
  private AccountProfile profile;
  private int i;

  @Setup
  public void setup() {
    exchanges = BenchTraffic.generate(4096, 2000, 13).exchanges;
    SplittableRandom r = new SplittableRandom(5);
    features = new ExchangeFeatures[exchanges.length];
    for (int k = 0; k < features.length; k++) {
      features[k] = new ExchangeFeatures(r.nextLong(256), r.nextLong(), r.nextLong(8), r.nextLong(),
          r.nextInt(4000), r.nextInt(64), (float) r.nextDouble(), (float) r.nextDouble(0.2),
          r.nextInt(20) == 0, r.nextInt(30) == 0, r.nextInt(16), r.nextInt(3), r.nextBoolean(),
          (float) r.nextDouble(8));
    }
    profile = new AccountProfile();
  }

  @Benchmark
  public void update() {
    int k = i;
    i = k + 1 == exchanges.length ? 0 : k + 1;
    profile.update(exchanges[k], features[k]);
  }

  @Benchmark
  public void baselineReadInputs(Blackhole bh) {
    int k = i;
    i = k + 1 == exchanges.length ? 0 : k + 1;
    bh.consume(exchanges[k].tsMillis());
    bh.consume(features[k].templateHash());
  }
}
