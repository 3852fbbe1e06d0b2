package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.report.Report;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Label;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the simulator's {@code smoke} scenario (real corpus prompts, every persona) through
 * gzip, the reader, the analyzer and both report writers, scored against the simulator's labels.
 * The floors are deliberately below what the detector reaches (smoke is one day, so many attackers
 * have few events), so they catch a broken pipeline (nothing flagged, everyone flagged, accounts lost,
 * risk not ranking attackers above benign accounts) rather than tuning drift; {@code eval} on
 * longer scenarios measures detection quality.
 */
class AnalyzeSimulatedTrafficIT {

  static final double MIN_RECALL = 0.25;
  static final double MIN_PRECISION = 0.7;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  // Simulated and analysed once for the class: both tests read the same smoke traffic.
  static final Map<String, Label> LABELS = new HashMap<>();
  static byte[] traffic;
  static long simulatedExchanges;
  static AnalysisResult shipped;

  @BeforeAll
  static void simulateAndAnalyse() throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Simulator.Summary sim = Simulator.run(Scenario.named("smoke"), 42,
        Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void label(Label l) {
            LABELS.put(l.accountId(), l);
          }

          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            lines.write(utf8, offset, length);
            lines.write('\n');
          }
        });
    simulatedExchanges = sim.exchanges();
    traffic = lines.toByteArray();
    shipped = new Analyzer(AnalyzerOptions.defaults(CLOCK))
        .analyze(new ByteArrayInputStream(Lines.gzip(traffic)));
  }

  @Test
  void analyze_smokeScenario_flagsAttackersNotBenignAndListsEveryAccount() throws IOException {
    Map<String, Label> labels = LABELS;
    AnalysisResult r = shipped;
    Report rep = r.report();

    assertThat(rep.input().events()).isEqualTo(simulatedExchanges);
    assertThat(rep.input().malformedLines()).isZero();
    assertThat(rep.accounts()).extracting(Report.AccountEntry::accountId)
        .doesNotHaveDuplicates()
        .allMatch(labels::containsKey);

    long attacks = labels.values().stream().filter(Label::attack).count();
    double attackRisk = 0;
    double benignRisk = 0;
    for (Report.AccountEntry a : rep.accounts()) {
      if (labels.get(a.accountId()).attack()) {
        attackRisk += a.risk() / attacks;
      } else {
        benignRisk += a.risk() / Math.max(1, labels.size() - attacks);
      }
    }
    assertThat(attackRisk).as("mean risk of attackers vs benign").isGreaterThan(benignRisk + 0.1);
    long flagged = 0;
    long truePositives = 0;
    for (Report.AccountEntry a : rep.accounts()) {
      if ("distillation".equals(a.verdict())) {
        flagged++;
        if (labels.get(a.accountId()).attack()) {
          truePositives++;
        }
        assertThat(a.firstFlaggedAt()).isNotNull();
        assertThat(a.eventsBeforeFlag()).isNotNull().isLessThanOrEqualTo(a.events());
      }
      if (a.firstFlaggedAt() == null) {
        assertThat(a.firstFlaggedBy()).isNull();
      } else {
        assertThat(a.firstFlaggedBy()).isIn(Report.AccountEntry.BY_ACCOUNT, Report.AccountEntry.BY_CAMPAIGN);
      }
    }
    double recall = truePositives / (double) Math.max(1, attacks);
    double precision = flagged == 0 ? 0 : truePositives / (double) flagged;
    System.out.printf("smoke: %d accounts, %d attackers, flagged %d, recall %.3f, precision %.3f%n",
        rep.accounts().size(), attacks, flagged, recall, precision);
    assertThat(recall).as("recall").isGreaterThanOrEqualTo(MIN_RECALL);
    assertThat(precision).as("precision").isGreaterThanOrEqualTo(MIN_PRECISION);

    assertThat(ReportJson.toJson(rep)).contains("\"schema\" : \"distillguard.report/v1\"");
    StringWriter html = new StringWriter();
    HtmlReport.write(r, html);
    assertThat(html.toString()).contains("DistillGuard report").endsWith("</html>\n");
  }

  @Test
  void analyze_configFile_campaignSectionReachesTheLinker() throws IOException {
    assertThat(shipped.campaigns()).as("smoke traffic has campaigns at the shipped settings").isNotEmpty();

    // Same file, a config that only raises the smallest published campaign beyond any group here.
    String json = new String(
        DetectorConfig.class.getResourceAsStream(DetectorConfig.RESOURCE).readAllBytes(), StandardCharsets.UTF_8)
        .replace("\"minCampaignSize\": 3", "\"minCampaignSize\": 100000");
    assertThat(json).contains("100000");
    DetectorConfig raised = DetectorConfig.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    AnalysisResult r = new Analyzer(AnalyzerOptions.defaults(CLOCK).withConfig(raised))
        .analyze(new ByteArrayInputStream(traffic));
    assertThat(r.campaigns()).isEmpty();
    assertThat(r.report().accounts()).hasSameSizeAs(shipped.report().accounts());
  }
}
