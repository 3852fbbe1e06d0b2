package io.distillguard.embedded;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.campaign.CampaignLinkers;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Deduplicator;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.ingest.ReorderBuffer;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The offline pipeline behind {@code distillguard analyze}: read → parse → deduplicate → reorder →
 * detection engine → report.
 *
 * <p>The engine sees exchanges on one thread, in event-time order, so the verdicts, {@code
 * first_flagged_at} and {@code events_before_flag} are exactly what a live gateway would have
 * produced from the same stream: nothing looks ahead. Exchanges that arrive later than the reorder
 * slack are still analysed, stamped with the last released time so the engine's clock never runs
 * backwards; so is a lone exchange stamped far ahead of the stream that the stream does not follow
 * ({@link JumpGuard}), so that it cannot move the engine's clock. With {@link AnalyzerOptions#threads()} above one, parsing and feature extraction (both
 * stateless) run on {@code threads - 1} workers ahead of the engine thread ({@link ParallelFeed});
 * the input order is kept, so the report is the same as with one thread.
 *
 * <p>Each {@link #analyze} call uses a fresh engine; an instance may be reused but not shared
 * between threads.
 */
public final class Analyzer {

  private final AnalyzerOptions options;
  private final ExchangeParser parser = new ExchangeParser();
  private final FeatureExtractor extractor = new FeatureExtractor();

  public Analyzer(AnalyzerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Analyses a whole stream (plain or gzip JSON lines). */
  public AnalysisResult analyze(InputStream in) throws IOException {
    return analyze(in, TrafficReader.Progress.NONE);
  }

  /** Analyses a whole stream, reporting progress every 65 536 lines. */
  public AnalysisResult analyze(InputStream in, TrafficReader.Progress progress) throws IOException {
    long started = options.clock().millis();
    DetectorConfig config = options.config() == null ? DetectorConfig.defaults() : options.config();
    DetectionEngine engine = DetectionEngine.create(config, CampaignLinkers.createDefault(config));
    Pipeline p = new Pipeline(engine);
    InputStream data = TrafficReader.decompressIfGzip(in);
    TrafficReader.Summary read;
    if (options.threads() <= 1) {
      read = new TrafficReader(parser).read(data, e -> p.accept(e, null), progress, 1 << 16);
    } else {
      ParallelFeed feed =
          new ParallelFeed(parser, extractor, options.threads() - 1, ExchangeParser.MAX_LINE_BYTES);
      read =
          feed.run(
              data,
              new ParallelFeed.Sink() {
                @Override
                public void exchange(Exchange e, ExchangeFeatures f) {
                  p.accept(e, f);
                }

                @Override
                public void malformed(long lineNumber, String reason) {}
              },
              progress,
              1 << 16);
    }
    p.guard.finish();
    p.reorder.flush();
    long elapsed = options.clock().millis() - started;
    List<CampaignAssessment> campaigns = engine.campaigns();
    Report report = buildReport(engine, campaigns, read, p);
    return new AnalysisResult(
        report, read, p.dedup.duplicates(), p.reorder.late() + p.guard.outliers(), campaigns, p.activity,
        elapsed);
  }

  /** An exchange with its features, or null features when the engine should extract them. */
  private record Item(Exchange exchange, ExchangeFeatures features) {}

  private final class Pipeline {
    final DetectionEngine engine;
    final Deduplicator dedup = new Deduplicator(options.dedupCapacity());
    final ReorderBuffer<Item> reorder;
    final JumpGuard<Item> guard;
    final Activity activity = new Activity();
    long events;
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    long clock = Long.MIN_VALUE; // latest time given to the engine

    Pipeline(DetectionEngine engine) {
      this.engine = engine;
      this.reorder = new ReorderBuffer<>(options.reorderSlackMillis(), options.maxHeld(), this::observe);
      this.guard =
          new JumpGuard<>(
              options.reorderSlackMillis(),
              new JumpGuard.Sink<>() {
                @Override
                public void pass(Item item, long ts) {
                  reorder.offer(item, ts);
                }

                @Override
                public void outlier(Item item, long present) {
                  // processed at the stream's present, like a late event, and its own time is not
                  // taken into the report's time range
                  Item at = new Item(withTime(item.exchange(), present), item.features());
                  reorder.offer(at, Math.max(present, reorder.lastReleasedMillis()));
                }
              });
    }

    void accept(Exchange e, ExchangeFeatures f) {
      if (dedup.isDuplicate(e.requestId())) {
        return;
      }
      guard.offer(new Item(e, f), e.tsMillis());
    }

    void observe(Item item) {
      Exchange e = item.exchange();
      long ts = e.tsMillis();
      from = Math.min(from, ts);
      to = Math.max(to, ts);
      if (ts < clock) {
        e = withTime(e, clock);
      } else {
        clock = ts;
      }
      // Features do not depend on the time, so those computed before clamping still hold.
      if (item.features() == null) {
        engine.observe(e);
      } else {
        engine.observe(e, item.features());
      }
      activity.record(e.accountId(), e.tsMillis());
      events++;
    }
  }

  private static Exchange withTime(Exchange e, long ts) {
    return new Exchange(
        ts, e.requestId(), e.accountId(), e.apiKeyId(), e.orgId(), e.client(), e.account(),
        e.endpoint(), e.model(), e.request(), e.response());
  }

  private Report buildReport(
      DetectionEngine engine,
      List<CampaignAssessment> campaigns,
      TrafficReader.Summary read,
      Pipeline p) {
    List<Assessment> all = new ArrayList<>(engine.assessments());
    all.sort(
        Comparator.comparingDouble(Assessment::risk)
            .reversed()
            .thenComparing(Assessment::accountId));
    List<Report.AccountEntry> accounts = new ArrayList<>(all.size());
    for (Assessment a : all) {
      accounts.add(
          new Report.AccountEntry(
              a.accountId(),
              a.risk(),
              a.verdict().json(),
              a.campaignId(),
              a.flagged() ? time(a.firstFlaggedAtMillis()) : null,
              a.flagged() ? Long.valueOf(Math.max(0, a.eventsBeforeFlag())) : null,
              !a.flagged()
                  ? null
                  : a.flaggedByCampaign() ? Report.AccountEntry.BY_CAMPAIGN : Report.AccountEntry.BY_ACCOUNT,
              a.events(),
              reasons(a.reasons())));
    }
    List<Report.CampaignEntry> camps = new ArrayList<>(campaigns.size());
    for (CampaignAssessment c : campaigns) {
      camps.add(
          new Report.CampaignEntry(
              c.campaignId(),
              c.accounts(),
              c.risk(),
              c.firstFlaggedAtMillis() == Long.MIN_VALUE ? null : time(c.firstFlaggedAtMillis()),
              reasons(c.reasons()),
              c.exampleTemplates()));
    }
    Report.Input input =
        new Report.Input(
            p.events,
            all.size(),
            read.malformed(),
            p.dedup.duplicates(),
            p.events == 0 ? null : time(p.from),
            p.events == 0 ? null : time(p.to),
            parser.ignoredFields());
    return new Report(
        Report.SCHEMA, time(options.clock().millis()), input, accounts, camps);
  }

  static List<Report.ReasonEntry> reasons(List<Reason> reasons) {
    List<Report.ReasonEntry> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      out.add(
          new Report.ReasonEntry(r.signal(), finite(r.value()), finite(r.contribution()), r.detail()));
    }
    return out;
  }

  /** JSON has no NaN or infinity; a reader must never choke on a report. */
  private static double finite(double v) {
    if (Double.isNaN(v)) {
      return 0;
    }
    return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
  }

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
