package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report full of hostile strings in a real headless Chromium and reads back the DOM after
 * its script ran: string assertions (HtmlReportTest) prove escaping as written, this proves what a
 * browser makes of it. CI installs Debian's chromium; on a developer machine without it the test
 * is skipped, in CI (CI set) it fails instead.
 */
class HtmlReportBrowserIT {

  private static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static final String PWN = "document.documentElement.setAttribute('data-pwned','1')";

  @TempDir Path dir;

  @Test
  void hostileAccountData_rendersAsTextInChromium_andNoInjectedCodeRuns() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) || System.getenv("CI") != null, "chromium not installed");
    String img = "\"'><img src=x onerror=\"" + PWN + "\">";
    String script = "</script><script>" + PWN + "</script>";
    String svg = "<svg onload=\"" + PWN + "\"></svg>";
    Report.ReasonEntry reason = new Report.ReasonEntry(svg, 0.9, 0.3, "detail " + script);
    List<Report.AccountEntry> accounts = new ArrayList<>();
    accounts.add(new Report.AccountEntry(img, 0.97, "distillation", script, "2026-11-02T15:40:02Z", 118L, "campaign", 4210, List.of(reason)));
    accounts.add(new Report.AccountEntry(script, 0.5, "suspicious", null, null, null, null, 12, List.of(reason)));
    accounts.add(new Report.AccountEntry("acct_plain", 0.01, "benign", null, null, null, null, 3, List.of()));
    Report report = new Report(Report.SCHEMA, "2026-11-26T12:00:00Z",
        new Report.Input(4225, 3, 0, 0, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"), accounts,
        List.of(new Report.CampaignEntry(script, List.of(img, script), 0.99, null, List.of(reason), List.of())));
    CampaignAssessment camp = new CampaignAssessment(script, List.of(img, script), 0.99, Verdict.DISTILLATION,
        Lines.T0, List.of(new Reason(svg, 212, 0.4, img)), List.of("Solve <N> " + img, svg));
    Activity activity = new Activity();
    activity.record(img, Lines.T0);
    activity.record(script, Lines.T0 + 3_600_000L * 5);
    TrafficReader.Summary read = new TrafficReader.Summary(4225, 4225, 0, List.of(), 100_000);
    AnalysisResult result = new AnalysisResult(report, read, 0, 0, List.of(camp), activity, 1000);

    Path html = dir.resolve("report.html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      HtmlReport.write(result, w);
    }
    String dom = dumpDom(html);

    assertThat(dom).contains("DistillGuard report", "acct_plain");
    // The payloads' text may show up (escaped), but none of them ran: the root element is untouched.
    assertThat(dom).doesNotContainPattern("<html[^>]*data-pwned");
    // The hostile ids are shown as text: the browser re-serialises them escaped.
    assertThat(dom).contains("&lt;img src=x onerror=");
    assertThat(dom).doesNotContainPattern("<img[^>]*src=\"x\"");
    assertThat(dom).doesNotContainPattern("<svg onload");
  }

  private String dumpDom(Path html) throws IOException, InterruptedException {
    Path out = dir.resolve("dom.html");
    Process p = new ProcessBuilder(
            CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
            "--virtual-time-budget=2000", "--dump-dom", html.toUri().toString())
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("chromium.err").toFile())
        .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(dir.resolve("chromium.err"))).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
