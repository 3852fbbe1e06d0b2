package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  static final String XSS1 = "<script>alert(1)</script>";
  static final String XSS2 = "\"'><img src=x onerror=alert(1)>";
  static final String XSS3 = "</script><script>alert(3)</script>\u2028\u0000";

  private static AnalysisResult hostileResult() {
    Report.ReasonEntry reason = new Report.ReasonEntry(XSS2, 0.9, 0.3, "detail " + XSS1);
    List<Report.AccountEntry> accounts = List.of(
        new Report.AccountEntry(XSS1, 0.97, "distillation", XSS3, "2026-11-02T15:40:02Z", 118L, "account", 4210, List.of(reason)),
        new Report.AccountEntry(XSS2, 0.5, "suspicious", null, null, null, null, 12, List.of()),
        new Report.AccountEntry("acct_plain", 0.01, "benign", null, null, null, null, 3, List.of()));
    Report report = new Report(Report.SCHEMA, "2026-11-26T12:00:00Z",
        new Report.Input(4225, 3, 1, 0, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z",
            java.util.Map.of("client.asn", 4L, XSS1, 1L)), accounts,
        List.of(new Report.CampaignEntry(XSS3, List.of(XSS1, XSS2), 0.99, null, List.of(reason), List.of())));
    CampaignAssessment camp = new CampaignAssessment(XSS3, List.of(XSS1, XSS2), 0.99, Verdict.DISTILLATION,
        Lines.T0, List.of(new Reason(XSS2, 212, 0.4, XSS1)), List.of("Solve <N> " + XSS1, XSS2));
    Activity activity = new Activity();
    activity.record(XSS1, Lines.T0);
    activity.record(XSS1, Lines.T0 + 3_600_000L * 100);
    activity.record(XSS2, Lines.T0 + 3_600_000L * 5);
    TrafficReader.Summary read = new TrafficReader.Summary(4226, 4225, 1,
        List.of(new TrafficReader.MalformedLine(7, XSS1)), 100_000);
    return new AnalysisResult(report, read, 0, 0, List.of(camp), activity, 1000);
  }

  private static String render() throws IOException {
    StringWriter w = new StringWriter();
    HtmlReport.write(hostileResult(), w);
    return w.toString();
  }

  @Test
  void write_hostileStrings_neverAppearUnescaped() throws IOException {
    String html = render();
    assertThat(html).doesNotContain(XSS1, XSS2, "<img", "alert(1)</script>", "\u0000", "\u2028");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;");
    assertThat(html).contains("Solve &lt;N&gt;");
    assertThat(html).contains("optional fields dropped (exchanges kept)").contains("client.asn 4");
  }

  @Test
  void write_anyInput_exactlyOneScriptBlockWithFixedCode() throws IOException {
    String html = render();
    Matcher m = Pattern.compile("<script").matcher(html.toLowerCase(java.util.Locale.ROOT));
    int count = 0;
    while (m.find()) {
      count++;
    }
    assertThat(count).isEqualTo(1);
    String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
    assertThat(script).doesNotContain("alert", "acct", "C-");
    assertThat(html.indexOf("</script>")).isGreaterThan(html.lastIndexOf("</table>"));
  }

  @Test
  void write_anyInput_selfContainedWithoutExternalResources() throws IOException {
    String html = render();
    assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link", "@import", "url(");
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
  }

  @Test
  void write_accounts_tableDetailsAndPlotsPresent() throws IOException {
    String html = render();
    assertThat(html).contains("class=\"sortable\"", "id=\"a0\"", "id=\"a2\"", "id=\"c0\"", "<svg");
    assertThat(html).contains("4210").contains("First malformed lines");
    assertThat(html).contains("2026-11-02T15:40:02Z (by its account)");
    // anchors are generated, never derived from account ids
    assertThat(html).doesNotContain("id=\"" + XSS1.substring(0, 3));
  }

  @Test
  void esc_controlAndSpecialCharacters_escapedAndCut() {
    assertThat(Html.esc("a&b<c>d\"e'f\u0001g\u001b", 100)).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f\uFFFDg\uFFFD");
    assertThat(Html.esc("x".repeat(50), 10)).isEqualTo("x".repeat(10) + "…");
    assertThat(Html.esc(null)).isEmpty();
  }

  @Test
  void esc_cutFallsInsideSurrogatePair_pairDroppedWhole() {
    String emoji = "\uD83D\uDE00";
    assertThat(Html.esc("a".repeat(9) + emoji, 10)).isEqualTo("a".repeat(9) + "…");
    assertThat(Html.esc("a".repeat(8) + emoji, 10)).isEqualTo("a".repeat(8) + emoji);
  }

  @Test
  void esc_bidiOverridesAndIsolates_replaced() {
    assertThat(Html.esc("acct_\u202Egnp.exe\u202C \u2066x\u2069", 100)).isEqualTo("acct_\uFFFDgnp.exe\uFFFD \uFFFDx\uFFFD");
  }

  @Test
  void esc_loneSurrogates_replacedWithReplacementCharacter() {
    assertThat(Html.esc("a\uD800b\uDC00c\uDBFF", 100)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void write_idsWithLoneSurrogateOrPairAtCut_strictUtf8WriterSucceeds() throws IOException {
    // 199 chars then an emoji: the 200-char cut for account ids falls inside the pair
    String cutInPair = "A".repeat(199) + "\uD83D\uDE00";
    String lone = "acct\uD800x";
    Report.ReasonEntry reason = new Report.ReasonEntry("s", 1, 0.5, lone);
    List<Report.AccountEntry> accounts = List.of(
        new Report.AccountEntry(cutInPair, 0.97, "distillation", null, "2026-11-02T15:40:02Z", 1L, "account", 3, List.of(reason)),
        new Report.AccountEntry(lone, 0.5, "suspicious", null, null, null, null, 2, List.of(reason)));
    Report report = new Report(Report.SCHEMA, "2026-11-26T12:00:00Z",
        new Report.Input(5, 2, 0, 0, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"), accounts, List.of());
    Activity activity = new Activity();
    activity.record(cutInPair, Lines.T0);
    AnalysisResult result = new AnalysisResult(report, new TrafficReader.Summary(5, 5, 0, List.of(), 1000),
        0, 0, List.of(), activity, 10);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    // the encoder from newEncoder() reports unmappable input, like Files.newBufferedWriter
    try (java.io.Writer w = new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8.newEncoder())) {
      HtmlReport.write(result, w);
    }
    String html = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html).endsWith("</html>\n").contains("acct\uFFFDx").contains("A".repeat(199) + "…");
  }

  @Test
  void activity_eventsPastLastBin_coarsensAndKeepsTotals() {
    Activity a = new Activity();
    for (int h = 0; h < 500; h++) {
      a.record("x", Lines.T0 + h * 3_600_000L);
      a.record("y", Lines.T0 + h * 3_600_000L + 1);
    }
    assertThat(a.binMillis()).isEqualTo(16 * 3_600_000L);
    assertThat(java.util.Arrays.stream(a.of("x")).sum()).isEqualTo(500);
    assertThat(java.util.Arrays.stream(a.sum(List.of("x", "y", "z"))).sum()).isEqualTo(1000);
  }
}
