package io.distillguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.distillguard.core.profile.AccountProfile;
import io.distillguard.core.profile.Personas;
import io.distillguard.core.profile.RandomTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RiskScorerPropertyTest {

  private static final DetectorConfig CONFIG = DetectorConfig.defaults();
  private static final int N = Signal.values().length;

  private static double[] randomSignals(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble();
    }
    return x;
  }

  @Test
  void riskOf_anySignalsAndVolume_inUnitInterval() {
    RiskScorer s = new RiskScorer(CONFIG);
    qt().forAll(longs().all(), longs().between(0, Long.MAX_VALUE / 2)).checkAssert((seed, n) -> {
      double risk = s.riskOf(randomSignals(seed), n);
      assertThat(risk).isBetween(0.0, 1.0);
    });
  }

  @Test
  void riskOf_moreEvidenceInAnySignalsDirection_neverLowersRisk() {
    RiskScorer s = new RiskScorer(CONFIG);
    qt().forAll(longs().all(), integers().between(0, N - 1), doubles().between(0, 1), longs().between(0, 1_000_000))
        .checkAssert((seed, i, delta, n) -> {
          double[] x = randomSignals(seed);
          double before = s.riskOf(x, n);
          x[i] = Math.min(1, x[i] + delta);
          double after = s.riskOf(x, n);
          if (CONFIG.weight(Signal.values()[i]) >= 0) {
            assertThat(after).isGreaterThanOrEqualTo(before);
          } else {
            assertThat(after).isLessThanOrEqualTo(before);
          }
        });
  }

  @Test
  void score_turningExchangesIntoAttackRequests_neverLowersRisk() {
    RiskScorer s = new RiskScorer(CONFIG);
    qt().withExamples(80).forAll(longs().all(), integers().between(1, 600), integers().between(0, 3))
        .checkAssert((seed, n, kind) -> {
          List<Personas.Event> base = RandomTraffic.of(seed, n);
          SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
          List<Personas.Event> more = new ArrayList<>(n);
          for (Personas.Event e : base) {
            if (r.nextInt(3) == 0) {
              var f = e.features();
              f = new io.distillguard.core.features.ExchangeFeatures(f.templateHash(), f.templateSimhash(),
                  f.systemHash(), f.promptHash(), f.promptChars(), f.topicBucket(),
                  kind == 0 ? 1f : f.cotElicitation(), kind == 1 ? 1f : f.metaReasoning(),
                  kind == 2 || f.graderPrompt(), kind == 3 || f.taskGeneration(), f.harvestFlags(),
                  f.assistantTurns(), f.toolUse(), f.completionRatio());
              more.add(new Personas.Event(e.exchange(), f));
            } else {
              more.add(e);
            }
          }
          double before = s.risk(Personas.profile(base));
          double after = s.risk(Personas.profile(more));
          assertThat(after).isGreaterThanOrEqualTo(before - 1e-12);
        });
  }

  @Test
  void verdict_threeExchangesOfPureAttack_neverDistillation() {
    RiskScorer s = new RiskScorer(CONFIG);
    double[] all = new double[N];
    for (int i = 0; i < N; i++) {
      all[i] = CONFIG.weight(Signal.values()[i]) > 0 ? 1 : 0;
    }
    for (long n = 0; n < CONFIG.minEventsForDistillation(); n++) {
      assertThat(CONFIG.verdictOf(s.riskOf(all, n))).isNotEqualTo(Verdict.DISTILLATION);
    }
    qt().forAll(longs().all(), integers().between(1, 3)).checkAssert((seed, n) -> {
      SplittableRandom r = new SplittableRandom(seed);
      AccountProfile p = new AccountProfile();
      for (int i = 0; i < n; i++) {
        Personas.Event e = Personas.ev().ts(Personas.T0 + i * 1000L).verified(0).created(Personas.T0)
            .ip("10.0.0." + r.nextInt(256)).asn(r.nextInt(1000)).cot(1f).meta(1f).grader(true)
            .taskGen(true).harvest(15).tokens(10, 4000).prompt(r.nextLong()).topic(r.nextInt(64))
            .tools(List.of("t" + r.nextInt())).status(429).build();
        p.update(e.exchange(), e.features());
      }
      assertThat(s.score(p).verdict()).isNotEqualTo(Verdict.DISTILLATION);
    });
  }

  @Test
  void score_sameInput_sameRiskAndReasons() {
    qt().withExamples(40).forAll(longs().all(), integers().between(0, 800)).checkAssert((seed, n) -> {
      RiskScorer.Score a = new RiskScorer(CONFIG).score(Personas.profile(RandomTraffic.of(seed, n)));
      RiskScorer.Score b = new RiskScorer(CONFIG).score(Personas.profile(RandomTraffic.of(seed, n)));
      assertThat(b).isEqualTo(a);
      assertThat(a.risk()).isBetween(0.0, 1.0);
    });
  }

  @Test
  void score_emptyProfile_priorRiskBenign() {
    RiskScorer.Score s = new RiskScorer(CONFIG).score(new AccountProfile());
    assertThat(s.verdict()).isEqualTo(Verdict.BENIGN);
    assertThat(s.risk()).isCloseTo(1 / (1 + Math.exp(-CONFIG.bias())), org.assertj.core.data.Offset.offset(1e-12));
  }
}
