package io.distillguard.embedded;

import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.ingest.Deduplicator;
import java.time.Clock;
import java.util.Objects;

/**
 * How an {@link Analyzer} runs.
 *
 * @param config detector configuration, or null for {@code DetectorConfig.defaults()}
 * @param reorderSlackMillis disorder in {@code ts} tolerated before events count as late (default 10
 *     s)
 * @param maxHeld most events held for reordering at once (default 65 536)
 * @param dedupCapacity request ids remembered per deduplication generation (default 2^20)
 * @param clock wall clock for {@code generated_at} and the elapsed time only; detection time comes
 *     from events
 */
public record AnalyzerOptions(
    DetectorConfig config, long reorderSlackMillis, int maxHeld, int dedupCapacity, Clock clock) {

  public static final long DEFAULT_SLACK_MILLIS = 10_000;
  public static final int DEFAULT_MAX_HELD = 1 << 16;

  public AnalyzerOptions {
    Objects.requireNonNull(clock, "clock");
    if (reorderSlackMillis < 0) {
      throw new IllegalArgumentException("reorderSlackMillis must be >= 0: " + reorderSlackMillis);
    }
    if (maxHeld < 1) {
      throw new IllegalArgumentException("maxHeld must be >= 1: " + maxHeld);
    }
    if (dedupCapacity < 16) {
      throw new IllegalArgumentException("dedupCapacity must be >= 16: " + dedupCapacity);
    }
  }

  /** Defaults with the given wall clock. */
  public static AnalyzerOptions defaults(Clock clock) {
    return new AnalyzerOptions(
        null, DEFAULT_SLACK_MILLIS, DEFAULT_MAX_HELD, Deduplicator.DEFAULT_CAPACITY, clock);
  }

  public AnalyzerOptions withConfig(DetectorConfig c) {
    return new AnalyzerOptions(c, reorderSlackMillis, maxHeld, dedupCapacity, clock);
  }

  public AnalyzerOptions withReorderSlackMillis(long slack) {
    return new AnalyzerOptions(config, slack, maxHeld, dedupCapacity, clock);
  }
}
