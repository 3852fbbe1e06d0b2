package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.report.Report;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyzerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  private static AnalysisResult analyze(List<String> lines) throws IOException {
    return new Analyzer(AnalyzerOptions.defaults(CLOCK)).analyze(new ByteArrayInputStream(Lines.join(lines)));
  }

  @Test
  void analyze_duplicatesAndMalformedLines_countedAndExcluded() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(Lines.line(Lines.T0 + i * 1000L, "r" + i, "acct_" + (i % 3), "Explain step by step why " + i));
    }
    lines.add(Lines.line(Lines.T0 + 5000, "r5", "acct_2", "redelivered"));
    lines.add(Lines.line(Lines.T0 + 6000, "r6", "acct_0", "redelivered"));
    lines.add("{broken");
    AnalysisResult r = analyze(lines);
    Report.Input in = r.report().input();
    assertThat(in.events()).isEqualTo(30);
    assertThat(in.duplicates()).isEqualTo(2);
    assertThat(in.malformedLines()).isEqualTo(1);
    assertThat(in.accounts()).isEqualTo(3);
    assertThat(in.from()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(in.to()).isEqualTo("2026-11-02T00:00:29Z");
    assertThat(r.read().samples()).extracting(TrafficReader.MalformedLine::lineNumber).containsExactly(33L);
    assertThat(r.report().generatedAt()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(r.report().accounts()).extracting(Report.AccountEntry::accountId)
        .containsExactlyInAnyOrder("acct_0", "acct_1", "acct_2");
    assertThat(r.report().accounts()).extracting(Report.AccountEntry::events).containsOnly(10L);
    assertThat(r.report().accounts()).extracting(Report.AccountEntry::risk)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void analyze_optionalFieldOfTheWrongType_exchangeAnalysedAndFieldCountedInTheReport(int threads)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String l = Lines.line(Lines.T0 + i * 1000L, "r" + i, "acct_" + (i % 2), "Explain step by step why " + i);
      lines.add(i % 4 == 0 ? l.replace("\"client\":{", "\"client\":{\"asn\":\"AS64500\",") : l);
    }
    AnalysisResult r =
        new Analyzer(AnalyzerOptions.defaults(CLOCK).withThreads(threads))
            .analyze(new ByteArrayInputStream(Lines.join(lines)));
    Report.Input in = r.report().input();
    assertThat(in.events()).isEqualTo(20);
    assertThat(in.malformedLines()).isZero();
    assertThat(in.ignoredFields()).containsExactly(Map.entry("client.asn", 5L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportJson.write(r.report(), out);
    assertThat(ReportJson.read(new ByteArrayInputStream(out.toByteArray())).input().ignoredFields())
        .containsExactly(Map.entry("client.asn", 5L));
  }

  @Test
  void analyze_eventsLaterThanSlack_processedAndCountedLate() throws IOException {
    List<String> lines = List.of(
        Lines.line(Lines.T0 + 60_000, "r1", "acct_a", "hello"),
        Lines.line(Lines.T0 + 120_000, "r2", "acct_a", "hello again"),
        Lines.line(Lines.T0 + 125_000, "r3", "acct_b", "slightly out of order is fine"),
        Lines.line(Lines.T0 + 118_000, "r4", "acct_b", "within slack"),
        Lines.line(Lines.T0, "r5", "acct_c", "two minutes late"));
    AnalysisResult r = analyze(lines);
    assertThat(r.late()).isEqualTo(1);
    assertThat(r.report().input().events()).isEqualTo(5);
    assertThat(r.report().input().from()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(r.report().accounts()).hasSize(3);
  }

  @Test
  void analyze_gzipStream_sameReportAsPlain() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(Lines.line(Lines.T0 + i * 500L, "r" + i, "acct_" + (i % 4), "Translate sentence " + i));
    }
    Analyzer a = new Analyzer(AnalyzerOptions.defaults(CLOCK));
    Report plain = a.analyze(new ByteArrayInputStream(Lines.join(lines))).report();
    Report gz = a.analyze(new ByteArrayInputStream(Lines.gzip(Lines.join(lines)))).report();
    assertThat(gz).isEqualTo(plain);
  }

  @Test
  void analyze_emptyInput_emptyReportWithNullTimes() throws IOException {
    AnalysisResult r = analyze(List.of());
    assertThat(r.report().accounts()).isEmpty();
    assertThat(r.report().input().from()).isNull();
    assertThat(r.report().schema()).isEqualTo(Report.SCHEMA);
  }

  @Test
  void reportJson_written_specFieldNamesInStableOrderAndRoundTrips() throws IOException {
    AnalysisResult r = analyze(List.of(
        Lines.line(Lines.T0, "r1", "acct_a", "Think step by step: 2+2"),
        Lines.line(Lines.T0 + 1, "r2", "acct_b", "hi")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportJson.write(r.report(), out);
    JsonNode root = new ObjectMapper().readTree(out.toByteArray());
    assertThat(names(root)).containsExactly("schema", "generated_at", "input", "accounts", "campaigns");
    assertThat(names(root.get("input")))
        .containsExactly("events", "accounts", "malformed_lines", "duplicates", "from", "to", "ignored_fields");
    // the spec's fields in its order, plus first_flagged_by (an added field) beside the flag time
    assertThat(names(root.get("accounts").get(0))).containsExactly("account_id", "risk", "verdict",
        "campaign_id", "first_flagged_at", "events_before_flag", "first_flagged_by", "events", "reasons");
    assertThat(root.get("schema").asText()).isEqualTo("distillguard.report/v1");
    assertThat(ReportJson.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(r.report());
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("\n  \"generated_at\"");
  }

  @Test
  void reportJson_campaignCarriesExamplePrompts_andReportsWithoutThemStillRead() throws IOException {
    Report.CampaignEntry c = new Report.CampaignEntry("C-0001", List.of("a", "b"), 0.9, null,
        List.of(), List.of("You are Orca. <script>alert(1)</script>"));
    Report report = new Report(Report.SCHEMA, "2026-11-02T00:00:00Z",
        new Report.Input(0, 0, 0, 0, null, null), List.of(), List.of(c));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportJson.write(report, out);
    JsonNode root = new ObjectMapper().readTree(out.toByteArray());
    // the spec's fields in its order, then example_prompts (an added field)
    assertThat(names(root.get("campaigns").get(0)))
        .containsExactly("campaign_id", "accounts", "risk", "first_flagged_at", "reasons", "example_prompts");
    assertThat(ReportJson.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(report);

    String older = "{\"schema\":\"distillguard.report/v1\",\"accounts\":[],\"campaigns\":[{\"campaign_id\":"
        + "\"C-0001\",\"accounts\":[\"a\"],\"risk\":0.9,\"first_flagged_at\":null,\"reasons\":[]}]}";
    Report read = ReportJson.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)));
    assertThat(read.campaigns().get(0).examplePrompts()).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
  void analyze_truncatedGzip_analysesLinesBeforeTheCutAndCountsTheBreak(int threads) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(Lines.line(Lines.T0 + i * 1000L, "r" + i, "acct_" + (i % 3), "Explain step by step why " + i));
    }
    byte[] gz = Lines.gzip(Lines.join(lines));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    long expected = TrafficReaderTest.completeLinesBeforeDamage(cut);
    AnalysisResult r = new Analyzer(AnalyzerOptions.defaults(CLOCK).withThreads(threads))
        .analyze(new ByteArrayInputStream(cut));
    assertThat(expected).isBetween(100L, 1999L);
    assertThat(r.report().input().events()).isEqualTo(expected);
    assertThat(r.report().input().malformedLines()).isOne();
    assertThat(r.read().inputError()).isEqualTo("gzip data ends early");
  }

  private static List<String> smokeLines() {
    List<String> lines = new ArrayList<>();
    io.distillguard.sim.Simulator.run(io.distillguard.sim.Scenario.named("smoke"), 1,
        io.distillguard.sim.Corpus.locate(null, java.nio.file.Path.of("").toAbsolutePath()),
        new io.distillguard.sim.ExchangeSink() {
          @Override
          public void label(io.distillguard.sim.Label l) {}

          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            lines.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
          }
        }, 3000);
    return lines;
  }

  private static List<String> verdicts(Report r) {
    List<String> out = new ArrayList<>();
    for (Report.AccountEntry a : r.accounts()) {
      out.add(a.accountId() + " " + a.verdict() + " " + a.campaignId() + " " + a.firstFlaggedAt());
    }
    out.sort(null);
    return out;
  }

  @Test
  void analyze_oneLineStampedYearsAhead_sameVerdictsAndCampaignsForEveryOtherAccount() throws IOException {
    List<String> lines = smokeLines();
    Report base = analyze(lines).report();
    assertThat(base.campaigns()).isNotEmpty();
    List<String> withFuture = new ArrayList<>(lines);
    withFuture.add(100, Lines.line(Instant.parse("2031-06-01T00:00:00Z").toEpochMilli(), "req_future", "acct_future",
        "hello"));
    AnalysisResult r = analyze(withFuture);
    List<String> got = verdicts(r.report());
    got.removeIf(v -> v.startsWith("acct_future "));
    assertThat(got).containsExactlyElementsOf(verdicts(base));
    assertThat(r.report().campaigns()).extracting(Report.CampaignEntry::accounts)
        .containsExactlyElementsOf(base.campaigns().stream().map(Report.CampaignEntry::accounts).toList());
    assertThat(r.report().input().to()).isEqualTo(base.input().to());
    assertThat(r.late()).isOne();
  }

  @Test
  void reportJson_loneSurrogatesInAnyString_writtenAsReplacementCharacter() throws IOException {
    String lone = "a\uD800b";
    String pair = "ok \uD83D\uDE00";
    Report.ReasonEntry reason = new Report.ReasonEntry("s", 1, 0.5, lone);
    Report report = new Report(Report.SCHEMA, "2026-11-26T12:00:00Z",
        new Report.Input(2, 2, 0, 0, null, null),
        List.of(new Report.AccountEntry(lone, 0.9, "distillation", "C-0001", "2026-11-02T00:00:00Z", 1L, "account", 1,
            List.of(reason)),
            new Report.AccountEntry(pair, 0.1, "benign", null, null, null, null, 1, List.of())),
        List.of(new Report.CampaignEntry("C-0001", List.of(lone, "x\uDC00"), 0.9, null, List.of(reason),
            List.of("Solve \uDBFF this", pair))));
    String json = ReportJson.toJson(report);
    assertThat(json).doesNotContainPattern("(?i)\\\\ud[89ab][0-9a-f]{2}(?!\\\\ud[c-f])")
        .doesNotContainPattern("(?i)(?<!\\\\ud[89ab][0-9a-f]{2})\\\\ud[c-f][0-9a-f]{2}");
    Report back = ReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(back.accounts().get(0).accountId()).isEqualTo("a\uFFFDb");
    assertThat(back.accounts().get(0).reasons().get(0).detail()).isEqualTo("a\uFFFDb");
    assertThat(back.accounts().get(1).accountId()).isEqualTo(pair);
    assertThat(back.campaigns().get(0).accounts()).containsExactly("a\uFFFDb", "x\uFFFD");
    assertThat(back.campaigns().get(0).examplePrompts()).containsExactly("Solve \uFFFD this", pair);
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
