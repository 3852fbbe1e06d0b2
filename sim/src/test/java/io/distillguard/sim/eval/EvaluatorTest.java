package io.distillguard.sim.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.report.Report;
import io.distillguard.sim.Label;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small case computed by hand (see the comments) must come out exactly. */
class EvaluatorTest {

  static Report.AccountEntry acct(String id, double risk, String verdict, String campaign, String flaggedAt) {
    return new Report.AccountEntry(id, risk, verdict, campaign, flaggedAt, null, null, 1, List.of());
  }

  static final Report REPORT =
      new Report(Report.SCHEMA, "2026-11-03T00:00:00Z", null,
          List.of(
              acct("a1", 0.9, "distillation", "R1", "2026-11-02T01:00:00Z"),
              acct("a2", 0.8, "distillation", "R1", "2026-11-02T02:00:00Z"),
              acct("a3", 0.4, "suspicious", null, null),
              acct("a4", 0.3, "benign", null, null),
              acct("b1", 0.85, "distillation", "R1", "2026-11-02T03:00:00Z"),
              acct("b2", 0.1, "benign", null, null),
              acct("b3", 0.4, "suspicious", null, null),
              acct("x9", 0.2, "benign", null, null)),
          List.of(new Report.CampaignEntry("R1", List.of("a1", "a2", "b1"), 0.95, "2026-11-02T01:00:00Z", List.of(), List.of())));

  static final List<Label> LABELS =
      List.of(
          new Label("a1", "attack", "C1", "hydra-cot"),
          new Label("a2", "attack", "C1", "hydra-cot"),
          new Label("a3", "attack", "C1", "hydra-cot"),
          new Label("a4", "attack", null, "single-harvester"),
          new Label("b1", "benign", null, "casual-chat"),
          new Label("b2", "benign", null, "casual-chat"),
          new Label("b3", "benign", null, "batch-labelling"),
          new Label("b4", "benign", null, "batch-labelling"), // active but missing from the report
          new Label("z0", "attack", null, "single-harvester")); // never sent anything: not scored

  static String ev(String time, String account, int tokens) {
    return "{\"ts\":\"2026-11-02T" + time + "Z\",\"request_id\":\"r" + time + account + "\",\"account_id\":\"" + account
        + "\",\"endpoint\":\"/v1/chat/completions\",\"model\":\"m\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},"
        + "\"response\":{\"status\":200,\"prompt_tokens\":3,\"completion_tokens\":" + tokens + "}}";
  }

  static Path events(Path dir) throws Exception {
    Path f = dir.resolve("events.jsonl.gz");
    String body = String.join("\n",
        ev("00:00:00.000", "a1", 100),
        ev("00:10:00.000", "b1", 10),
        ev("00:30:00.000", "a2", 50),
        ev("00:45:00.000", "a4", 1000),
        ev("01:00:00.000", "a1", 100), // at the flag moment: not "before"
        "garbage {",
        ev("01:30:00.000", "a3", 70),
        ev("02:30:00.000", "a2", 50),
        ev("04:00:00.000", "b1", 10),
        ev("05:00:00.000", "b4", 5),
        ev("05:10:00.000", "b2", 0),
        ev("05:20:00.000", "b3", 0)) + "\n";
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  @Test
  void evaluate_handComputedCase_accountMetricsExact(@TempDir Path dir) throws Exception {
    EvalResult r = Evaluator.evaluate(REPORT, LABELS, events(dir));
    // distillation: tp a1 a2; fp b1; fn a3 a4; tn b2 b3 b4
    assertThat(r.atDistillation()).isEqualTo(new EvalResult.Confusion("distillation", 2, 1, 2, 3));
    assertThat(r.atDistillation().precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.atDistillation().recall()).isCloseTo(0.5, within(1e-12));
    assertThat(r.atDistillation().f1()).isCloseTo(4 / 7.0, within(1e-12));
    assertThat(r.atDistillation().fpr()).isCloseTo(0.25, within(1e-12));
    // suspicious or worse: tp a1 a2 a3; fp b1 b3; fn a4; tn b2 b4
    assertThat(r.atSuspicious()).isEqualTo(new EvalResult.Confusion("suspicious", 3, 2, 1, 2));
    // attack risks .9 .8 .4 .3 vs benign .85 .1 .4 0 -> (4 + 3 + 2.5 + 2) / 16
    assertThat(r.rocAuc()).isCloseTo(11.5 / 16, within(1e-12));
    assertThat(r.missingFromReport()).isEqualTo(1);
    assertThat(r.unlabelledInReport()).isEqualTo(1);
    assertThat(r.inactiveLabelled()).isEqualTo(1);
    assertThat(r.attackAccounts()).isEqualTo(4);
    assertThat(r.benignAccounts()).isEqualTo(4);
    EvalResult.PersonaRow casual = row(r, "casual-chat");
    assertThat(casual.flaggedShare()).isCloseTo(0.5, within(1e-12));
    assertThat(row(r, "batch-labelling").suspiciousOrFlagged()).isEqualTo(1);
    assertThat(row(r, "hydra-cot").flagged()).isEqualTo(2);
    assertThat(casual.tokensServed()).isEqualTo(20);
  }

  @Test
  void evaluate_withoutEvents_scoresOnlyAccountsInTheReport() throws Exception {
    EvalResult r = Evaluator.evaluate(REPORT, LABELS, null);
    // b4 and z0 are not in the report: tn drops to b2 b3
    assertThat(r.atDistillation()).isEqualTo(new EvalResult.Confusion("distillation", 2, 1, 2, 2));
    assertThat(r.inactiveLabelled()).isEqualTo(2);
    assertThat(r.missingFromReport()).isZero();
    // attack .9 .8 .4 .3 vs benign .85 .1 .4 -> (3 + 2 + 1.5 + 1) / 12
    assertThat(r.rocAuc()).isCloseTo(7.5 / 12, within(1e-12));
    assertThat(row(r, "casual-chat").tokensServed()).isNull();
  }

  @Test
  void evaluate_handComputedCase_campaignFoundWithCoverageAndPurity() throws Exception {
    EvalResult r = Evaluator.evaluate(REPORT, LABELS, null);
    assertThat(r.campaigns()).hasSize(1);
    EvalResult.CampaignRow c = r.campaigns().get(0);
    assertThat(c.campaign()).isEqualTo("C1");
    assertThat(c.bestReported()).isEqualTo("R1");
    assertThat(c.coverage()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(c.purity()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(c.found()).isTrue();
    assertThat(c.flaggedShare()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(c.firstFlag()).isEqualTo("2026-11-02T01:00:00Z");
    assertThat(c.secondsToFlag()).isNull();
    assertThat(r.campaignsFound()).isEqualTo(1);
    assertThat(r.benignInCampaigns()).as("b1, casual-chat, in R1").isEqualTo(1);
    assertThat(EvalTable.render(r)).contains("benign accounts in reported campaigns 1");
  }

  @Test
  void evaluate_withEvents_timeToFlagAndTokensExact(@TempDir Path dir) throws Exception {
    EvalResult r = Evaluator.evaluate(REPORT, LABELS, events(dir));
    assertThat(r.eventsRead()).isEqualTo(12);
    EvalResult.CampaignRow c = r.campaigns().get(0);
    assertThat(c.firstEvent()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(c.secondsToFlag()).isEqualTo(3600.0);
    assertThat(c.tokensServed()).isEqualTo(370);
    assertThat(c.tokensBeforeFlag()).isEqualTo(150); // a1 100 at 00:00 + a2 50 at 00:30
    EvalResult.PersonaRow hydra = row(r, "hydra-cot");
    assertThat(hydra.tokensServed()).isEqualTo(370);
    assertThat(hydra.tokensBeforeFlag()).isEqualTo(100 + 50 + 70); // a3 never flagged: all of it
    assertThat(hydra.medianSecondsToFlag()).isEqualTo(4500.0); // a1 3600 s, a2 5400 s
    assertThat(row(r, "single-harvester").tokensBeforeFlag()).isEqualTo(1000);
    assertThat(row(r, "single-harvester").medianSecondsToFlag()).isNull();
    assertThat(row(r, "casual-chat").medianSecondsToFlag()).isEqualTo(10_200.0);
  }

  @Test
  void evaluate_reportAndLabelFiles_roundTripAndRenderAsTableAndJson(@TempDir Path dir) throws Exception {
    ObjectMapper m = new ObjectMapper();
    Path rep = dir.resolve("report.json");
    m.writeValue(rep.toFile(), REPORT);
    Path lab = dir.resolve("labels.jsonl");
    StringBuilder sb = new StringBuilder();
    for (Label l : LABELS) {
      sb.append("{\"account_id\":\"").append(l.accountId()).append("\",\"label\":\"").append(l.label())
          .append("\",\"campaign\":").append(l.campaign() == null ? "null" : "\"" + l.campaign() + "\"")
          .append(",\"persona\":\"").append(l.persona()).append("\"}\n");
    }
    sb.append("not json\n");
    Files.writeString(lab, sb);
    EvalResult r = Evaluator.evaluate(Evaluator.readReport(rep), Evaluator.readLabels(lab), events(dir));
    assertThat(r).isEqualTo(Evaluator.evaluate(REPORT, LABELS, events(dir)));
    String table = EvalTable.render(r);
    assertThat(table).contains("ROC-AUC over risk   0.7188").contains("C1").contains("60.0min").contains("campaigns found 1 of 1");
    JsonNode j = m.readTree(m.writeValueAsString(r));
    assertThat(j.path("at_distillation").path("precision").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(j.path("campaigns").get(0).path("tokens_before_flag").asLong()).isEqualTo(150);
  }

  @Test
  void auc_perfectAndInverted_areOneAndZero() {
    assertThat(Evaluator.auc(new double[] {0.9, 0.8}, new double[] {0.1, 0.2})).isEqualTo(1.0);
    assertThat(Evaluator.auc(new double[] {0.1}, new double[] {0.9, 0.8})).isEqualTo(0.0);
    assertThat(Evaluator.auc(new double[] {0.5}, new double[] {0.5})).isEqualTo(0.5);
  }

  static EvalResult.PersonaRow row(EvalResult r, String persona) {
    return r.personas().stream().filter(p -> p.persona().equals(persona)).findFirst().orElseThrow();
  }

  @Test
  void flaggedViaLink_countsOnlyAccountsWhoseOwnRiskIsBelowTheThreshold() throws Exception {
    // m1: own 0.4, lifted to 0.9 by its campaign; m2: own 0.95, above its campaign's 0.9;
    // m3: own 0.90, lifted to 0.92 (already flagged alone at 0.85, not at 0.95). The campaign
    // raised the first flag of m1 and m3 (m3's own evidence caught up later), m2's own came first.
    Report r = new Report(Report.SCHEMA, "2026-11-03T00:00:00Z", null,
        List.of(
            member("m1", 0.9, 0.9, 0.5, "campaign"),
            member("m2", 0.95, 0.9, 0.0, "account"),
            member("m3", 0.92, 0.92, 0.02, "campaign")),
        List.of(new Report.CampaignEntry("R1", List.of("m1", "m2", "m3"), 0.92, "2026-11-02T01:00:00Z", List.of(), List.of())));
    List<Label> labels = List.of(
        new Label("m1", "attack", "C1", "low-and-slow"),
        new Label("m2", "attack", "C1", "low-and-slow"),
        new Label("m3", "attack", "C1", "low-and-slow"));
    EvalResult.PersonaRow at085 = Evaluator.evaluate(r, labels, null, 0.85).personas().get(0);
    assertThat(at085.flagged()).isEqualTo(3);
    assertThat(at085.flaggedViaLink()).isEqualTo(1);
    assertThat(at085.firstFlaggedByLink()).isEqualTo(2);
    assertThat(Evaluator.evaluate(r, labels, null, 0.95).personas().get(0).flaggedViaLink()).isEqualTo(2);
    assertThat(EvalTable.render(Evaluator.evaluate(r, labels, null, 0.85)))
        .containsPattern("low-and-slow +attack +3 +3 +2 +1 ");
  }

  @Test
  void benignAccountFlaggedDuringTheStreamAndClearedByItsEnd_isCountedThoughNotAFalsePositive()
      throws Exception {
    // b1 is at distillation at the end; b2 was flagged at 03:00 and is benign at the end; b3 never.
    Report r = new Report(Report.SCHEMA, "2026-11-03T00:00:00Z", null,
        List.of(
            acct("a1", 0.9, "distillation", null, "2026-11-02T01:00:00Z"),
            acct("b1", 0.85, "distillation", null, "2026-11-02T02:00:00Z"),
            acct("b2", 0.2, "benign", null, "2026-11-02T03:00:00Z"),
            acct("b3", 0.6, "suspicious", null, null)),
        List.of());
    List<Label> labels = List.of(
        new Label("a1", "attack", null, "single-harvester"),
        new Label("b1", "benign", null, "casual-chat"),
        new Label("b2", "benign", null, "eval-harness"),
        new Label("b3", "benign", null, "eval-harness"));
    EvalResult e = Evaluator.evaluate(r, labels, null);
    assertThat(e.atDistillation().fp()).isEqualTo(1);
    assertThat(e.benignEverFlagged()).isEqualTo(2);
    assertThat(e.benignFlaggedThenCleared()).isEqualTo(1);
    assertThat(EvalTable.render(e))
        .contains("benign accounts flagged at some point 2 (1 of them no longer at distillation at the end)");
  }

  @Test
  void firstFlaggedByLink_isUnknownForReportsWithoutTheField() throws Exception {
    // REPORT predates first_flagged_by: the count is "-", not a misleading 0
    EvalResult r = Evaluator.evaluate(REPORT, LABELS, null);
    assertThat(r.personas()).filteredOn(p -> p.flagged() > 0)
        .allSatisfy(p -> assertThat(p.firstFlaggedByLink()).isNull());
    assertThat(r.personas()).filteredOn(p -> p.flagged() == 0)
        .allSatisfy(p -> assertThat(p.firstFlaggedByLink()).isZero());
  }

  static Report.AccountEntry member(String id, double risk, double campaignRisk, double contribution, String by) {
    return new Report.AccountEntry(id, risk, "distillation", "R1", "2026-11-02T01:00:00Z", 1L, by, 10,
        List.of(new Report.ReasonEntry("campaign_membership", campaignRisk, contribution, "Member of R1"),
            new Report.ReasonEntry("meta_reasoning_share", 0.3, 0.2, "own")));
  }

  @Test
  void readLabels_linesWithoutAccountIdOrWithABadLabel_skipped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("l.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"account_id\":\"a1\",\"label\":\"attack\",\"campaign\":\"C1\",\"persona\":\"hydra-cot\"}",
        "{\"label\":\"attack\",\"persona\":\"hydra-cot\"}",
        "{\"account_id\":\"\",\"label\":\"benign\",\"persona\":\"casual-chat\"}",
        "{\"account_id\":7,\"label\":\"benign\",\"persona\":\"casual-chat\"}",
        "{\"account_id\":\"a2\",\"label\":\"weird\"}",
        "{\"account_id\":",
        "",
        "{\"account_id\":\"b1\",\"label\":\"benign\",\"campaign\":null,\"persona\":\"casual-chat\"}"));
    assertThat(Evaluator.readLabels(f)).extracting(Label::accountId).containsExactly("a1", "b1");
    Evaluator.LabelFile lf = Evaluator.readLabelFile(f);
    assertThat(lf.malformed()).isEqualTo(5);
    assertThat(lf.firstMalformedLine()).isEqualTo(2);
  }

  @Test
  void readLabels_lineLongerThanTheLimit_skippedWithoutHoldingItAndCounted(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("l.jsonl");
    String good = "{\"account_id\":\"a1\",\"label\":\"attack\",\"campaign\":\"C1\",\"persona\":\"hydra-cot\"}";
    String huge = "{\"account_id\":\"" + "x".repeat(Evaluator.MAX_LABEL_CHARS) + "\",\"label\":\"benign\"}";
    Files.writeString(f, good + "\r\n" + huge + "\n" + huge + "\n" + good.replace("a1", "a2"));

    Evaluator.LabelFile lf = Evaluator.readLabelFile(f);

    assertThat(lf.labels()).extracting(Label::accountId).containsExactly("a1", "a2");
    assertThat(lf.malformed()).isEqualTo(2);
    assertThat(lf.firstMalformedLine()).isEqualTo(2);
  }

  @Test
  void boundedLines_anyTextAndLimit_keepsExactlyTheLinesWithinTheLimit() {
    org.quicktheories.QuickTheory.qt()
        .withExamples(300)
        .forAll(
            org.quicktheories.generators.SourceDSL.lists()
                .of(org.quicktheories.generators.SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 100))
                .ofSizeBetween(0, 12),
            org.quicktheories.generators.SourceDSL.integers().between(0, 60))
        .checkAssert((lines, max) -> {
          List<String> clean = lines.stream().map(l -> l.replace("\n", "").replace("\r", "")).toList();
          String text = String.join("\n", clean);
          List<String> got = new java.util.ArrayList<>();
          BoundedLines r = new BoundedLines(new java.io.StringReader(text), max);
          try {
            for (String l; (l = r.next()) != null; ) {
              got.add(l);
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          // java.io.BufferedReader.readLine is the reference for what a line is
          List<String> all = new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList();
          assertThat(got).isEqualTo(all.stream().filter(l -> l.length() <= max).toList());
          assertThat(r.tooLong()).isEqualTo(all.stream().filter(l -> l.length() > max).count());
        });
  }
}
