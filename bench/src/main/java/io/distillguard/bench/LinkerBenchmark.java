package io.distillguard.bench;

import io.distillguard.core.campaign.CampaignConfig;
import io.distillguard.core.campaign.CampaignLinker;
import io.distillguard.core.campaign.CampaignLinkers;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The campaign linker's cost per exchange, reclustering included (amortised), on pre-parsed
 * simulated {@code mixed-week} traffic with features extracted up front, so only the linker is
 * timed. Each round replays the whole week into a fresh linker: a round is the cost of linking that
 * week from an empty state (posting every key, growing the graph, every reclustering), and the
 * average over rounds is that cost per exchange.
 *
 * <p>The week is compressed: {@code exchanges} over 7 event-days means one reclustering every
 * {@code exchanges / 672} exchanges (about 150 by default, ten times more often than on the real
 * {@code mixed-week}), a pessimistic load for the reclustering sweep.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LinkerBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class LinkerBenchmark {

  @Param({"2000"})
  int accounts;

  @Param({"100000"})
  int exchanges;

  private Exchange[] traffic;
  private ExchangeFeatures[] features;
  private double[] risks;
  private CampaignLinker linker;
  private int i;

  @Setup
  public void setup() {
    traffic = BenchTraffic.generate(exchanges, accounts, 23).exchanges;
    FeatureExtractor fx = new FeatureExtractor();
    features = new ExchangeFeatures[traffic.length];
    risks = new double[traffic.length];
    for (int k = 0; k < traffic.length; k++) {
      features[k] = fx.extract(traffic[k]);
      // A stand-in for the account's own risk: its step-by-step share, as the scorer would weigh.
      risks[k] = Math.min(1, 0.05 + 0.6 * Math.max(0, features[k].cotElicitation()));
    }
    linker = CampaignLinkers.create(CampaignConfig.defaults());
  }

  @Benchmark
  public CampaignLinker observe() {
    int k = i;
    linker.observe(traffic[k], features[k], risks[k], false);
    CampaignLinker used = linker;
    if (++i == traffic.length) {
      used.campaigns(); // the final reclustering belongs to the round
      i = 0;
      linker = CampaignLinkers.create(CampaignConfig.defaults());
    }
    return used;
  }
}
