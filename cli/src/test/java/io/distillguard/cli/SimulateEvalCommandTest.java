package io.distillguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.Evasion;
import io.distillguard.sim.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateEvalCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static String stdout(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void simulate_smoke_writesGzipEventsAndOneLabelPerAccount(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("s.jsonl.gz");
    Path labels = dir.resolve("s.labels.jsonl");
    int code = Main.run("simulate", "--scenario", "smoke", "--seed", "3", "--days", "0.25",
        "--out", events.toString(), "--labels", labels.toString());
    assertThat(code).isZero();
    assertThat(Files.size(events)).isGreaterThan(1000);
    List<String> l = Files.readAllLines(labels);
    assertThat(l).hasSizeGreaterThan(40);
    assertThat(JSON.readTree(l.get(0)).has("persona")).isTrue();
  }

  @Test
  void simulate_onTheBundledSample_warnsForScenariosThatMeasureDetection_only() {
    Corpus sample = Corpus.bundled();
    assertThat(SimulateCommand.corpusWarning(Scenario.named("mixed-week"), sample))
        .contains("WARNING", "bundled sample", "mixed-week");
    assertThat(SimulateCommand.corpusWarning(Scenario.named("low-and-slow"), sample)).isNotNull();
    assertThat(SimulateCommand.corpusWarning(Scenario.named("smoke"), sample)).isNull();
    assertThat(SimulateCommand.corpusWarning(Scenario.named("demo"), sample)).isNull();
  }

  @Test
  void simulate_onCorporaFromADirectory_doesNotWarn(@TempDir Path dir) throws Exception {
    // One pool's file with one line: a directory of corpora, however small.
    Path f = dir.resolve(Corpus.Pool.SELF_INSTRUCT.file());
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"prompt\": \"Write a haiku about rain.\"}\n");
    Corpus fromDir = Corpus.locate(dir, dir);
    assertThat(fromDir.isBundledSample()).isFalse();
    assertThat(SimulateCommand.corpusWarning(Scenario.named("mixed-week"), fromDir)).isNull();
  }

  @Test
  void simulate_unknownScenario_exitCodeTwo(@TempDir Path dir) {
    assertThat(Main.run("simulate", "--scenario", "nope", "--out", dir.resolve("x.jsonl").toString())).isEqualTo(2);
  }

  @Test
  void simulate_evasion_disguisesAttackersOnly_unknownEvasionIsExitCodeTwo(@TempDir Path dir) throws Exception {
    Path plain = dir.resolve("p.jsonl");
    Path stamped = dir.resolve("s.jsonl");
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "3", "--days", "0.25",
        "--out", plain.toString())).isZero();
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "3", "--days", "0.25",
        "--evasion", "stamped-system", "--out", stamped.toString())).isZero();
    List<String> a = Files.readAllLines(plain);
    List<String> b = Files.readAllLines(stamped);
    assertThat(b).hasSameSizeAs(a);
    assertThat(b).anyMatch(l -> l.contains("Session ")).isNotEqualTo(a);
    assertThat(Main.run("simulate", "--scenario", "smoke", "--evasion", "stamped-system,nope",
        "--out", dir.resolve("x.jsonl").toString())).isEqualTo(2);
    assertThat(dir.resolve("x.jsonl")).doesNotExist();
  }

  @Test
  void simulate_swapCorpora_sameAccountsAndSchedule_otherPrompts(@TempDir Path dir) throws Exception {
    Path plain = dir.resolve("p.jsonl");
    Path swapped = dir.resolve("s.jsonl");
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "3", "--days", "0.25",
        "--out", plain.toString(), "--labels", dir.resolve("p.labels").toString())).isZero();
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "3", "--days", "0.25", "--swap-corpora",
        "--out", swapped.toString(), "--labels", dir.resolve("s.labels").toString())).isZero();
    assertThat(Files.readAllLines(dir.resolve("s.labels"))).isEqualTo(Files.readAllLines(dir.resolve("p.labels")));
    List<String> a = Files.readAllLines(plain);
    List<String> b = Files.readAllLines(swapped);
    assertThat(b).hasSameSizeAs(a).isNotEqualTo(a);
    // every exchange keeps its time and account; only what is asked changes
    for (int i = 0; i < a.size(); i++) {
      JsonNode x = JSON.readTree(a.get(i));
      JsonNode y = JSON.readTree(b.get(i));
      assertThat(y.get("ts")).isEqualTo(x.get("ts"));
      assertThat(y.get("account_id")).isEqualTo(x.get("account_id"));
    }
  }

  @Test
  void simulate_help_namesEveryDisguise() {
    String help = stdout(() -> Main.run("simulate", "--help"));
    for (Evasion e : Evasion.values()) {
      assertThat(help.replaceAll("\\s+", " ")).contains(e.json());
    }
  }

  @Test
  void eval_reportFlaggingExactlyTheAttackers_isPerfect(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("s.jsonl");
    Path labels = dir.resolve("s.labels.jsonl");
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "5", "--days", "0.25",
        "--out", events.toString(), "--labels", labels.toString())).isZero();
    // an oracle report built from the labels: flags every attacker, nothing else
    StringBuilder accounts = new StringBuilder();
    for (String line : Files.readAllLines(labels)) {
      JsonNode n = JSON.readTree(line);
      boolean attack = n.get("label").asText().equals("attack");
      if (accounts.length() > 0) {
        accounts.append(',');
      }
      accounts.append("{\"account_id\":\"").append(n.get("account_id").asText()).append("\",\"risk\":")
          .append(attack ? "0.9" : "0.1").append(",\"verdict\":\"").append(attack ? "distillation" : "benign")
          .append("\",\"campaign_id\":").append(n.get("campaign").isNull() ? "null" : "\"R-" + n.get("campaign").asText() + "\"")
          .append(",\"first_flagged_at\":").append(attack ? "\"2026-11-02T03:00:00Z\"" : "null")
          .append(",\"events\":1,\"reasons\":[]}");
    }
    Path report = dir.resolve("r.json");
    Files.writeString(report, "{\"schema\":\"distillguard.report/v1\",\"accounts\":[" + accounts + "],\"campaigns\":[]}");
    String out = stdout(() -> assertThat(Main.run("eval", "--report", report.toString(), "--labels", labels.toString(),
        "--events", events.toString(), "--json")).isZero());
    JsonNode r = JSON.readTree(out);
    assertThat(r.path("at_distillation").path("precision").asDouble()).isEqualTo(1.0);
    assertThat(r.path("at_distillation").path("recall").asDouble()).isEqualTo(1.0);
    assertThat(r.path("roc_auc").asDouble()).isEqualTo(1.0);
    assertThat(r.path("campaigns_found").asInt()).isEqualTo(r.path("campaigns").size()).isPositive();
    assertThat(r.path("events_read").asLong()).isEqualTo(Files.readAllLines(events).size());
    String table = stdout(() -> Main.run("eval", "--report", report.toString(), "--labels", labels.toString()));
    assertThat(table).contains("ROC-AUC over risk   1.0000").contains("hydra-cot");
  }

  @Test
  void simulateAnalyzeEval_endToEnd_exitsZeroAndScoresEveryAccount(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("s.jsonl.gz");
    Path labels = dir.resolve("s.labels.jsonl");
    Path report = dir.resolve("r.json");
    assertThat(Main.run("simulate", "--scenario", "smoke", "--seed", "9", "--days", "0.25",
        "--out", events.toString(), "--labels", labels.toString())).isZero();
    assertThat(Main.run("analyze", "--events", events.toString(), "--out", report.toString())).isZero();
    String out = stdout(() -> assertThat(Main.run("eval", "--report", report.toString(), "--labels", labels.toString(),
        "--events", events.toString(), "--json")).isZero());
    JsonNode r = JSON.readTree(out);
    assertThat(r.path("accounts").asInt() + r.path("inactive_labelled").asInt()).isEqualTo(Files.readAllLines(labels).size());
    assertThat(r.path("accounts").asInt()).isPositive();
    assertThat(r.path("roc_auc").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void eval_missingReport_exitCodeTwo(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("l.jsonl");
    Files.writeString(labels, "{\"account_id\":\"a\",\"label\":\"benign\",\"campaign\":null,\"persona\":\"casual-chat\"}\n");
    assertThat(Main.run("eval", "--report", dir.resolve("none.json").toString(), "--labels", labels.toString())).isEqualTo(2);
  }

  static String stderr(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static Path labels(Path dir) throws Exception {
    Path labels = dir.resolve("l.jsonl");
    Files.writeString(labels, "{\"account_id\":\"a\",\"label\":\"benign\",\"campaign\":null,\"persona\":\"casual-chat\"}\n");
    return labels;
  }

  private static Path report(Path dir) throws Exception {
    Path report = dir.resolve("r.json");
    Files.writeString(report, "{\"schema\":\"distillguard.report/v1\",\"accounts\":[{\"account_id\":\"a\","
        + "\"risk\":0.1,\"verdict\":\"benign\",\"events\":1,\"reasons\":[]}],\"campaigns\":[]}");
    return report;
  }

  @Test
  void eval_missingEventsFile_exitCodeTwoWithMessageNoStackTrace(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("none.jsonl");
    Path report = report(dir);
    Path labels = labels(dir);
    String err = stderr(() -> assertThat(Main.run("eval", "--report", report.toString(),
        "--labels", labels.toString(), "--events", events.toString())).isEqualTo(2));
    assertThat(err).contains("eval: no such file: " + events).doesNotContain("\tat ", "Exception");
  }

  @Test
  void eval_truncatedGzipEvents_exitCodeTwoWithMessageNoStackTrace(@TempDir Path dir) throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write("{\"ts\":\"2026-11-02T00:00:00Z\",\"account_id\":\"a\"}\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
    }
    Path events = dir.resolve("cut.jsonl.gz");
    Files.write(events, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    Path report = report(dir);
    Path labels = labels(dir);
    String err = stderr(() -> assertThat(Main.run("eval", "--report", report.toString(),
        "--labels", labels.toString(), "--events", events.toString())).isEqualTo(2));
    assertThat(err).contains("eval: cannot read --events").doesNotContain("\tat ");
  }

  @Test
  void simulate_outIsADirectory_exitCodeTwoWithMessageNoStackTrace(@TempDir Path dir) {
    String err = stderr(() -> assertThat(Main.run("simulate", "--scenario", "smoke", "--max-exchanges", "10",
        "--out", dir.toString())).isEqualTo(2));
    assertThat(err).contains("simulate: cannot write " + dir).doesNotContain("\tat ");
  }

  @Test
  void simulate_outAndLabelsSameFile_exitCodeTwoAndNothingWritten(@TempDir Path dir) {
    Path f = dir.resolve("x.jsonl");
    assertThat(Main.run("simulate", "--max-exchanges", "10", "--out", f.toString(), "--labels",
        dir.resolve(".").resolve("x.jsonl").toString())).isEqualTo(2);
    assertThat(f).doesNotExist();
  }

  @Test
  void simulate_negativeMaxExchanges_exitCodeTwo(@TempDir Path dir) {
    Path out = dir.resolve("x.jsonl");
    assertThat(Main.run("simulate", "--max-exchanges", "-1", "--out", out.toString())).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void eval_malformedLabelLines_skippedWithAWarningNamingTheFirst(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("l.jsonl");
    Files.writeString(labels, "{\"account_id\":\"a\",\"label\":\"benign\",\"campaign\":null,\"persona\":\"casual-chat\"}\n"
        + "{\"account_id\":\n{\"label\":\"attack\"}\n");
    Path report = report(dir);
    String err = stderr(() -> assertThat(Main.run("eval", "--report", report.toString(), "--labels", labels.toString()))
        .isZero());
    assertThat(err).contains("skipped 2 malformed line(s)", "(first: line 2)");
  }
}
