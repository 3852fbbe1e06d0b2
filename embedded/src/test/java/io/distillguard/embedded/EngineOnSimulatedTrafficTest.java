package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.Evasion;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Label;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real parser, feature extractor, scorer and campaign linker over the simulator's personas
 * (real corpus prompts): attackers must rank above benign traffic. Thresholds sit below what the
 * detector reaches so that they catch breakage, not tuning drift; the per-persona table is printed
 * for calibration.
 */
class EngineOnSimulatedTrafficTest {

  record Row(Label label, Assessment assessment) {}

  static List<Row> run(Scenario scenario, long seed, boolean campaigns) {
    return run(scenario, seed, campaigns, Corpus.locate(null, Path.of("").toAbsolutePath()));
  }

  static List<Row> run(Scenario scenario, long seed, boolean campaigns, Corpus corpus) {
    Map<String, Label> labels = new HashMap<>();
    ExchangeParser parser = new ExchangeParser();
    DetectorConfig config = DetectorConfig.defaults();
    DetectionEngine engine =
        campaigns ? DetectionEngine.create() : DetectionEngine.create(config, null);
    Simulator.run(scenario, seed, corpus,
        new ExchangeSink() {
          @Override
          public void label(Label l) {
            labels.put(l.accountId(), l);
          }

          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            engine.observe(parser.parse(utf8, offset, length));
          }
        });
    List<Row> rows = new ArrayList<>();
    for (Assessment a : engine.assessments()) {
      rows.add(new Row(labels.get(a.accountId()), a));
    }
    return rows;
  }

  /** Probability that a random attacker outranks a random benign account (ROC AUC). */
  static double auc(List<Row> rows) {
    List<Double> atk = new ArrayList<>();
    List<Double> ben = new ArrayList<>();
    for (Row r : rows) {
      (r.label().attack() ? atk : ben).add(r.assessment().risk());
    }
    double wins = 0;
    for (double a : atk) {
      for (double b : ben) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    return wins / Math.max(1, (double) atk.size() * ben.size());
  }

  static void print(String title, List<Row> rows) {
    Map<String, double[]> byPersona = new TreeMap<>(); // n, sum risk, flagged, suspicious+, events
    for (Row r : rows) {
      double[] s = byPersona.computeIfAbsent(
          (r.label().attack() ? "A " : "b ") + r.label().persona(), k -> new double[5]);
      s[0]++;
      s[1] += r.assessment().risk();
      s[2] += r.assessment().verdict() == Verdict.DISTILLATION ? 1 : 0;
      s[3] += r.assessment().verdict() != Verdict.BENIGN ? 1 : 0;
      s[4] += r.assessment().events();
    }
    System.out.println("== " + title + "  AUC " + String.format(Locale.ROOT, "%.3f", auc(rows)));
    byPersona.forEach((p, s) -> System.out.printf(Locale.ROOT,
        "%-28s n=%4d meanRisk=%.3f distill=%4.0f%% watch+=%4.0f%% events/acct=%.0f%n",
        p, (long) s[0], s[1] / s[0], 100 * s[2] / s[0], 100 * s[3] / s[0], s[4] / s[0]));
  }

  @Test
  void engine_smokeScenario_attackersOutrankBenignAccounts() {
    List<Row> rows = run(Scenario.named("smoke"), 7, true);
    print("smoke seed 7", rows);
    assertThat(rows).allSatisfy(r -> assertThat(r.label()).isNotNull());
    assertThat(auc(rows)).isGreaterThan(0.8);
    long benignFlagged = rows.stream()
        .filter(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION).count();
    long benign = rows.stream().filter(r -> !r.label().attack()).count();
    assertThat(benignFlagged).isLessThanOrEqualTo(Math.max(1, benign / 10));
  }

  /**
   * Attackers who send human-written prompts and ordinary users who send the harvesting sets
   * (`simulate --swap-corpora`): detection rests on behaviour and coordination, so attackers
   * still outrank everyone and no ordinary user is flagged (the held-back evaluation has corpora
   * we never see).
   */
  @Test
  void engine_promptSourcesOfAttackersAndOrdinaryUsersSwapped_stillTellsThemApart() {
    Corpus own = Corpus.locate(null, Path.of("").toAbsolutePath());
    List<Row> plain = run(Scenario.named("smoke"), 7, true, own);
    List<Row> swapped = run(Scenario.named("smoke"), 7, true, own.swapped());
    print("smoke seed 7, prompt sources swapped", swapped);
    assertThat(auc(swapped)).isGreaterThan(0.95);
    assertThat(swapped).noneMatch(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION);
    assertThat(watched(swapped)).as("attackers at suspicious or above, against %d on own corpora", watched(plain))
        .isGreaterThanOrEqualTo(watched(plain) - 2);
  }

  private static long watched(List<Row> rows) {
    return rows.stream().filter(r -> r.label().attack() && r.assessment().verdict() != Verdict.BENIGN).count();
  }

  /**
   * Disguises that each used to hide the low-and-slow campaigns: every request's system prompt
   * stamped with its own session and time, or sent as the user turn's opening paragraph (both
   * unlinked them); history before each question that reads as conversation, made up or chained to
   * the account's previous question (lowered every worker's risk and discounted the campaign);
   * requests spread over three models, which read as an evaluation run; each worker moved to a
   * fresh account every 1-3 days, which made the workers half of all accounts and the median
   * account's risk their own (one campaign of two unflagged).
   */
  @ParameterizedTest
  @EnumSource(value = Evasion.class,
      names = {"STAMPED_SYSTEM", "SYSTEM_IN_USER", "FAKE_TURNS", "CHAINED_TURNS", "MODEL_ROTATION",
          "ACCOUNT_CHURN"})
  void engine_lowAndSlowInADisguiseThatUsedToHideIt_isStillLinkedAndFlagged(Evasion disguise) {
    assertLowAndSlowCaught(EnumSet.of(disguise));
  }

  /**
   * Asking for the working with an answer schema instead of the step-by-step sentence did not hide
   * the workers, but it left their cue unread: each worker's risk rested on the rest of its
   * behaviour, and on the full scenario the campaign that asks for it was flagged after 21.3 h
   * instead of 13.5 min (2.87M tokens served instead of 31k). Read as the fixed instruction it is,
   * the schema costs the operation that time back.
   */
  @Test
  void engine_lowAndSlowAskingForTheWorkingByAnAnswerSchema_isFlaggedAsSoonAsWhenItAsksInASentence() {
    long sentence = medianEventsBeforeFlag(run(Scenario.named("low-and-slow").withAccounts(470), 11, true));
    List<Row> rows = run(Scenario.named("low-and-slow").withAccounts(470)
        .withEvasions(EnumSet.of(Evasion.SCHEMA_COT)), 11, true);
    print("low-and-slow (quarter) seed 11, schema-cot", rows);
    long schema = medianEventsBeforeFlag(rows);
    assertThat(sentence).isLessThan(Long.MAX_VALUE);
    assertThat(schema).as("median attacker's exchanges before its flag, sentence: " + sentence)
        .isLessThanOrEqualTo(sentence + sentence / 10 + 1);
    assertThat(rows).noneMatch(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION);
  }

  private static long medianEventsBeforeFlag(List<Row> rows) {
    long[] v = rows.stream().filter(r -> r.label().attack())
        .mapToLong(r -> r.assessment().flagged() ? r.assessment().eventsBeforeFlag() : Long.MAX_VALUE)
        .sorted().toArray();
    return v[v.length / 2];
  }

  @Test
  void engine_lowAndSlowOpeningEachWorkersSystemPromptWithItsOwnAssistantName_isLinkedWhereItsWorkersDistil() {
    // "Your name is Maya, a careful assistant. <the campaign's prompt>": one sentence per worker.
    // Such a group of prompts links only senders that distil (a framework template filled in with
    // each customer's name has the same shape): of seed 11's two campaigns, the one asking for
    // step-by-step answers must be caught whole; the one asking only for detailed answers is not
    // linked by its prompt (design-campaigns.md).
    List<Row> rows = run(Scenario.named("low-and-slow").withAccounts(470)
        .withEvasions(EnumSet.of(Evasion.PERSONA_NAME)), 11, true);
    print("low-and-slow (quarter) seed 11, persona-name", rows);
    Map<String, long[]> byCampaign = new HashMap<>(); // campaign -> {workers, flagged}
    for (Row r : rows) {
      if (r.label().attack()) {
        long[] c = byCampaign.computeIfAbsent(r.label().campaign(), k -> new long[2]);
        c[0]++;
        c[1] += r.assessment().verdict() == Verdict.DISTILLATION ? 1 : 0;
      }
    }
    assertThat(byCampaign).hasSize(2);
    assertThat(byCampaign.values()).as("a campaign caught whole")
        .anySatisfy(c -> assertThat(c[1]).isGreaterThanOrEqualTo(c[0] * 9 / 10).isPositive());
    assertThat(rows).noneMatch(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION);
  }

  @Test
  void engine_lowAndSlowWhoseWorkersStampTheirPromptOrNot_isOneCampaignPerOperation() {
    // Half the workers open the prompt with "Session 980333. Current time: 2026-11-02T00:01Z."
    // (their own coin each): two sentences apart from the bare prompt, one prompt all the same.
    // Seed 11's second operation does not distil by its own traffic; each of its two copies is
    // sent by a crowd of its workers, which a customer's filled-in template never is.
    List<Row> rows = run(Scenario.named("low-and-slow").withAccounts(470)
        .withEvasions(EnumSet.of(Evasion.PER_ACCOUNT, Evasion.STAMPED_SYSTEM)), 11, true);
    print("low-and-slow (quarter) seed 11, per-account stamped-system", rows);
    Map<String, Map<String, Integer>> reportedBy = new HashMap<>(); // campaign -> reported id -> workers
    Map<String, Integer> workers = new HashMap<>();
    for (Row r : rows) {
      if (r.label().attack()) {
        workers.merge(r.label().campaign(), 1, Integer::sum);
        if (r.assessment().campaignId() != null) {
          reportedBy.computeIfAbsent(r.label().campaign(), k -> new HashMap<>())
              .merge(r.assessment().campaignId(), 1, Integer::sum);
        }
      }
    }
    assertThat(workers).hasSize(2);
    assertThat(workers.keySet()).as("each campaign reported whole").allSatisfy(c -> assertThat(
        reportedBy.getOrDefault(c, Map.of()).values().stream().mapToInt(Integer::intValue).max().orElse(0))
        .isGreaterThanOrEqualTo(workers.get(c) * 9 / 10));
    assertThat(rows).noneMatch(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION);
  }

  /** A quarter of the low-and-slow scenario (two campaigns of 50) under {@code evasions}. */
  private static void assertLowAndSlowCaught(Set<Evasion> evasions) {
    List<Row> rows = run(Scenario.named("low-and-slow").withAccounts(470).withEvasions(evasions), 11, true);
    print("low-and-slow (quarter) seed 11, evasions " + evasions, rows);
    List<Row> attackers = rows.stream().filter(r -> r.label().attack()).toList();
    long caught = attackers.stream().filter(r -> r.assessment().verdict() == Verdict.DISTILLATION).count();
    long benignFlagged = rows.stream()
        .filter(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION).count();
    assertThat(attackers).hasSizeGreaterThanOrEqualTo(60);
    assertThat(caught).as("low-and-slow workers flagged").isGreaterThanOrEqualTo(attackers.size() * 9L / 10);
    assertThat(benignFlagged).isZero();
  }

  @Test
  @Tag("slow")
  void engine_mixedWeekSample_perPersonaTable() {
    List<Row> rows = run(Scenario.named("mixed-week").withAccounts(1500).withScale(0.2), 11, true);
    print("mixed-week sample seed 11", rows);
    assertThat(auc(rows)).isGreaterThan(0.8);
  }
}
