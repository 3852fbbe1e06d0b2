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
 *     s, at most a day)
 * @param maxHeld most events held for reordering at once (default 65 536)
 * @param dedupCapacity request ids remembered per deduplication generation (default 2^20)
 * @param clock wall clock for {@code generated_at} and the elapsed time only; detection time comes
 *     from events
 * @param threads threads in all: 1 does everything on the calling thread; N above 1 parses and
 *     extracts features on N - 1 workers while the calling thread runs the engine (results are the
 *     same). Default: available processors.
 */
public record AnalyzerOptions(
    DetectorConfig config,
    long reorderSlackMillis,
    int maxHeld,
    int dedupCapacity,
    Clock clock,
    int threads) {

  /** Most threads accepted; more would only add batches in flight. */
  public static final int MAX_THREADS = 64;

  public static final long DEFAULT_SLACK_MILLIS = 10_000;
  /** Most reorder slack accepted: a day, far beyond the few seconds the log format allows. */
  public static final long MAX_SLACK_MILLIS = 86_400_000L;
  public static final int DEFAULT_MAX_HELD = 1 << 16;

  public AnalyzerOptions {
    Objects.requireNonNull(clock, "clock");
    if (reorderSlackMillis < 0 || reorderSlackMillis > MAX_SLACK_MILLIS) {
      throw new IllegalArgumentException(
          "reorderSlackMillis must be in 0.." + MAX_SLACK_MILLIS + ": " + reorderSlackMillis);
    }
    if (maxHeld < 1) {
      throw new IllegalArgumentException("maxHeld must be >= 1: " + maxHeld);
    }
    if (dedupCapacity < 16) {
      throw new IllegalArgumentException("dedupCapacity must be >= 16: " + dedupCapacity);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ": " + threads);
    }
  }

  /** Options with the default thread count (available processors). */
  public AnalyzerOptions(
      DetectorConfig config, long reorderSlackMillis, int maxHeld, int dedupCapacity, Clock clock) {
    this(config, reorderSlackMillis, maxHeld, dedupCapacity, clock, defaultThreads());
  }

  /** Available processors, capped at {@link #MAX_THREADS}. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
  }

  /** Defaults with the given wall clock. */
  public static AnalyzerOptions defaults(Clock clock) {
    return new AnalyzerOptions(
        null, DEFAULT_SLACK_MILLIS, DEFAULT_MAX_HELD, Deduplicator.DEFAULT_CAPACITY, clock);
  }

  public AnalyzerOptions withConfig(DetectorConfig c) {
    return new AnalyzerOptions(c, reorderSlackMillis, maxHeld, dedupCapacity, clock, threads);
  }

  public AnalyzerOptions withReorderSlackMillis(long slack) {
    return new AnalyzerOptions(config, slack, maxHeld, dedupCapacity, clock, threads);
  }

  public AnalyzerOptions withThreads(int n) {
    return new AnalyzerOptions(config, reorderSlackMillis, maxHeld, dedupCapacity, clock, n);
  }
}
