package io.distillguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.profile.AccountProfile;
import io.distillguard.core.profile.Personas;
import io.distillguard.core.profile.Personas.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
    all.put("tools", Personas.toolHarvester("a", 1500, 1));
    all.put("agentdev", Personas.agentDeveloper("a", 3000, 1));
    all.put("logprobs", Personas.logprobHarvester("a", 12000, 1));
    all.put("hidden12", Personas.resellerWithHiddenStream("a", 8000, 1, 0.12));
    all.put("appcot", Personas.appBackendWithCotSystemPrompt("a", 2000, 1));
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
  void madeUpHistoryBeforeEveryRequest_leavesAHarvestersRisk_whereOwnFollowUpsWouldLowerIt() {
    List<Event> plain = Personas.metaHarvester("a", 400, 2);
    double risk = score(plain).risk();
    RiskScorer.Score fewShot = score(Personas.withTurns(plain, true));
    assertThat(fewShot.risk()).isEqualTo(risk);
    assertThat(fewShot.verdict()).isEqualTo(Verdict.DISTILLATION);
    // the same requests as a person's follow-ups read as conversation
    assertThat(score(Personas.withTurns(plain, false)).risk()).isLessThan(risk);
  }

  @Test
  void rotatingModelsOverFreshPrompts_earnsNoCredit_whereAnEvalRunOnRepeatedQuestionsDoes() {
    String[] models = {"frontier-large", "frontier-mini", "frontier-reasoner"};
    List<Event> oneModel = new ArrayList<>();
    List<Event> rotating = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    long ts = Personas.T0;
    for (int i = 0; i < 400; i++) {
      ts += 5_000 + r.nextInt(20_000);
      Personas.Ev e = Personas.ev().account("a").ts(ts).template(2000 + r.nextInt(50))
          .prompt(r.nextLong()).topic(r.nextInt(64)).cot(r.nextDouble() < 0.5 ? 0.9f : 0f)
          .tokens(120, 700 + r.nextInt(800));
      oneModel.add(e.build());
      rotating.add(e.model(models[i % 3]).build());
    }
    RiskScorer.Score rotated = score(rotating);
    assertThat(rotated.risk()).isEqualTo(score(oneModel).risk());
    assertThat(rotated.reasons()).extracting(Reason::signal).doesNotContain("model_rotation");

    RiskScorer.Score eval = score(Personas.evalHarness("e", 2000, 1));
    assertThat(eval.reasons()).extracting(Reason::signal).contains("model_rotation");
  }

  @Test
  void anEvalRunOfTwoTurnQuestionsOverThreeModels_keepsAlmostAllItsRotationCredit() {
    // Each question's first turn goes to three models unchanged; its second turn carries each
    // model's own answer, so only a third of the prompts repeat.
    String[] models = {"frontier-large", "frontier-mini", "frontier-code"};
    List<Event> run = new ArrayList<>();
    long ts = Personas.T0;
    for (int q = 0; q < 200; q++) {
      for (int m = 0; m < 3; m++) {
        ts += 2_000;
        run.add(Personas.ev().account("e").ts(ts).model(models[m]).template(500 + q % 8)
            .prompt(90_000 + q).topic(q % 20).cot(0.8f).tokens(150, 500).build());
        ts += 2_000;
        run.add(Personas.ev().account("e").ts(ts).model(models[m]).template(500 + q % 8)
            .prompt(190_000 + 3 * q + m).topic(q % 20).cot(0.8f).tokens(300, 500).turns(1).build());
      }
    }
    double[] x = new double[Signal.count()];
    RiskScorer.signals(Personas.profile(run), x, new double[Signal.count()]);
    double evenRotation = (2.0 / 3 - 0.3) / 0.4;
    assertThat(x[Signal.MODEL_ROTATION.ordinal()]).isGreaterThanOrEqualTo(0.9 * evenRotation);
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
  void batchLabelling_whoseSchemaAsksForAReasonBeforeEachLabel_benign() {
    assertThat(score(Personas.reasonedLabeller("a", 5_000, 5)).verdict()).isEqualTo(Verdict.BENIGN);
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
  void toolHarvester_cannedResultsAcrossManyTasks_distillation() {
    RiskScorer.Score s = score(Personas.toolHarvester("a", 1_500, 13));
    assertThat(s.verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(s.reasons()).extracting(Reason::signal).contains("fabricated_tool_results");
  }

  @Test
  void agentDeveloper_freshToolResultsFewTasks_benign() {
    AccountProfile p = Personas.profile(Personas.agentDeveloper("a", 3_000, 14));
    assertThat(scorer.score(p).verdict()).isEqualTo(Verdict.BENIGN);
    assertThat(scorer.contributions(p)[Signal.TOOL_RESULT_FABRICATION.ordinal()]).isLessThan(0.05);
  }

  @Test
  void logprobHarvester_thousandsOfDistinctPrompts_distillationOnBreadth() {
    AccountProfile p = Personas.profile(Personas.logprobHarvester("a", 12_000, 15));
    RiskScorer.Score s = scorer.score(p);
    assertThat(s.verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(s.reasons()).extracting(Reason::signal).contains("harvest_breadth");
    RiskScorer without = new RiskScorer(DetectorConfig.defaults().withWeight(Signal.HARVEST_BREADTH, 0));
    assertThat(without.score(p).verdict()).isNotEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void evalHarness_selfConsistencyOnBenchmark_noHarvestBreadth() {
    AccountProfile p = Personas.profile(Personas.evalHarness("a", 6_000, 16));
    assertThat(scorer.contributions(p)[Signal.HARVEST_BREADTH.ordinal()]).isZero();
  }

  @Test
  void resellerWithHiddenLongAnswerStream_flaggedBySubstreamContrast() {
    RiskScorer.Score s = score(Personas.resellerWithHiddenStream("a", 8_000, 17, 0.12));
    assertThat(s.verdict()).isNotEqualTo(Verdict.BENIGN);
    assertThat(s.reasons()).extracting(Reason::signal).contains("minority_substream");
    assertThat(s.risk()).isGreaterThan(score(Personas.resellerWithHiddenStream("a", 8_000, 17, 0)).risk() + 0.4);
  }

  @Test
  void resellerWithManyRareSystemPrompts_noSubstreamEvidence() {
    AccountProfile p = Personas.profile(Personas.resellerWithHiddenStream("a", 8_000, 18, 0));
    assertThat(scorer.contributions(p)[Signal.MINORITY_SUBSTREAM.ordinal()]).isLessThan(0.01);
    assertThat(scorer.score(p).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void appBackend_stepByStepOnlyInFixedSystemPrompt_benign() {
    RiskScorer.Score s = score(Personas.appBackendWithCotSystemPrompt("a", 2_000, 19));
    assertThat(s.verdict()).isEqualTo(Verdict.BENIGN);
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
