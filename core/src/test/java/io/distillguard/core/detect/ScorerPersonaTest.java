package io.distillguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.profile.AccountProfile;
import io.distillguard.core.profile.Personas;
import io.distillguard.core.profile.Personas.Event;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScorerPersonaTest {

  private final RiskScorer scorer = new RiskScorer(DetectorConfig.defaults());

  private RiskScorer.Score score(List<Event> events) {
    return scorer.score(Personas.profile(events));
  }

  @Test
  void print_personaScores() {
    Map<String, List<Event>> all = new TreeMap<>();
    all.put("cot", Personas.cotHarvester("a", 400, 1));
    all.put("meta", Personas.metaHarvester("a", 400, 1));
    all.put("taskgen", Personas.taskGenerator("a", 400, 1));
    all.put("batch", Personas.batchLabeller("a", 5000, 1));
    all.put("eval", Personas.evalHarness("a", 2000, 1));
    all.put("rag", Personas.ragApp("a", 3000, 1));
    all.put("reseller", Personas.reseller("a", 10000, 1, 0));
    all.put("reseller15", Personas.reseller("a", 10000, 1, 0.15));
    all.put("casual", Personas.casual("a", 200, 1));
    all.forEach((k, v) -> {
      RiskScorer.Score s = score(v);
      System.out.printf("%-12s %.3f %s %s%n", k, s.risk(), s.verdict(), s.reasons());
    });
  }

  @Test
  void cotHarvester_400Exchanges_distillation() {
    assertThat(score(Personas.cotHarvester("a", 400, 1)).verdict()).isEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void metaReasoningHarvester_verifiedOldAccount_distillation() {
    assertThat(score(Personas.metaHarvester("a", 400, 2)).verdict()).isEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void taskGenerator_400Exchanges_distillation() {
    assertThat(score(Personas.taskGenerator("a", 400, 3)).verdict()).isEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void resellerWithFifteenPercentHarvesting_flaggedByAccumulatedCounts() {
    assertThat(score(Personas.reseller("a", 10_000, 4, 0.15)).verdict()).isEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void batchLabelling_oneTemplateManyDocuments_benign() {
    assertThat(score(Personas.batchLabeller("a", 5_000, 5)).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void evalHarness_stepByStepOnRepeatedBenchmarks_benign() {
    assertThat(score(Personas.evalHarness("a", 2_000, 6)).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void ragApp_fixedSystemPromptDiverseQuestions_benign() {
    assertThat(score(Personas.ragApp("a", 3_000, 7)).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void reseller_diverseRealTraffic_benign() {
    assertThat(score(Personas.reseller("a", 10_000, 8, 0)).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void casualUser_benign() {
    assertThat(score(Personas.casual("a", 200, 9)).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void attackers_scoreHigherThanEveryHardNegative() {
    double minAttack =
        Math.min(score(Personas.cotHarvester("a", 300, 10)).risk(),
            Math.min(score(Personas.metaHarvester("a", 300, 10)).risk(),
                score(Personas.taskGenerator("a", 300, 10)).risk()));
    double maxBenign =
        Math.max(score(Personas.batchLabeller("a", 3000, 10)).risk(),
            Math.max(score(Personas.evalHarness("a", 2000, 10)).risk(),
                Math.max(score(Personas.ragApp("a", 2000, 10)).risk(),
                    score(Personas.reseller("a", 5000, 10, 0)).risk())));
    assertThat(minAttack).isGreaterThan(maxBenign + 0.3);
  }

  @Test
  void reasons_cotHarvester_explainInPlainWordsLargestFirst() {
    RiskScorer.Score s = score(Personas.cotHarvester("a", 400, 11));
    assertThat(s.reasons()).isNotEmpty();
    assertThat(s.reasons()).extracting(Reason::signal).contains("cot_elicitation_share");
    Reason cot = s.reasons().stream().filter(r -> r.signal().equals("cot_elicitation_share")).findFirst().orElseThrow();
    assertThat(cot.detail()).matches("\\d+% of prompts ask for step-by-step reasoning");
    assertThat(cot.value()).isBetween(0.8, 1.0);
    for (int i = 1; i < s.reasons().size(); i++) {
      assertThat(s.reasons().get(i).contribution()).isLessThanOrEqualTo(s.reasons().get(i - 1).contribution());
    }
  }

  @Test
  void contributions_sumToRiskAboveThePrior() {
    AccountProfile p = Personas.profile(Personas.reseller("a", 3_000, 12, 0.1));
    RiskScorer.Score s = scorer.score(p);
    double base = 1 / (1 + Math.exp(-DetectorConfig.defaults().bias()));
    double sum = java.util.Arrays.stream(scorer.contributions(p)).sum();
    assertThat(sum).isCloseTo(s.risk() - base, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.reasons().size()).isBetween(1, 9);
  }
}
