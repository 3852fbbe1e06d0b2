package io.distillguard.embedded;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.report.Report;
import java.util.List;
import java.util.Objects;

/**
 * Everything one analysis produced: the report (the contract), plus what the HTML view and the
 * command's summary need beyond it.
 *
 * @param report the {@code distillguard.report/v1} document
 * @param read what the reader saw (lines, malformed lines with their numbers)
 * @param duplicates exchanges dropped as repeated deliveries
 * @param late exchanges that arrived behind the reorder watermark, or stamped far ahead of a stream
 *     that did not follow them (processed, at the stream's time)
 * @param campaigns the engine's campaigns, with example templates
 * @param activity per-account activity over time
 * @param elapsedMillis wall time of the analysis
 */
public record AnalysisResult(
    Report report,
    TrafficReader.Summary read,
    long duplicates,
    long late,
    List<CampaignAssessment> campaigns,
    Activity activity,
    long elapsedMillis) {

  public AnalysisResult {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(activity, "activity");
    campaigns = List.copyOf(campaigns);
  }

  /** Exchanges analysed per second of wall time. */
  public double exchangesPerSecond() {
    return report.input().events() * 1000.0 / Math.max(1, elapsedMillis);
  }
}
