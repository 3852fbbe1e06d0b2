package io.distillguard.embedded;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-account activity over time for the report's plots: a fixed number of bins over the whole
 * input, aligned for every account so campaign members can be summed.
 *
 * <p>The input's span is unknown while streaming, so the bin width starts at one hour and doubles
 * (merging neighbouring bins of every account) whenever an event falls past the last bin. Cost: one
 * {@code int[}{@value #BINS}{@code ]} per account (~210 bytes) and an amortised O(1) update.
 *
 * <p>Not thread-safe.
 */
public final class Activity {

  /** Bins per account. */
  public static final int BINS = 48;

  private static final long HOUR = 3_600_000L;
  private static final long MAX_WIDTH = HOUR << 20; // ~120 years per bin: caps doubling on absurd times

  private final Map<String, int[]> bins = new HashMap<>();
  private long origin = Long.MIN_VALUE;
  private long width = HOUR;

  /** Counts one event of an account at an event time (never earlier than the first event). */
  void record(String accountId, long tsMillis) {
    if (origin == Long.MIN_VALUE) {
      origin = Math.floorDiv(tsMillis, HOUR) * HOUR;
    }
    long offset = Math.max(0, tsMillis - origin);
    while (offset / width >= BINS && width < MAX_WIDTH) {
      coarsen();
    }
    int bin = (int) Math.min(BINS - 1, offset / width);
    int[] b = bins.computeIfAbsent(accountId, k -> new int[BINS]);
    if (b[bin] != Integer.MAX_VALUE) {
      b[bin]++;
    }
  }

  private void coarsen() {
    for (int[] b : bins.values()) {
      for (int i = 0; i < BINS / 2; i++) {
        long sum = (long) b[2 * i] + b[2 * i + 1];
        b[i] = (int) Math.min(Integer.MAX_VALUE, sum);
      }
      java.util.Arrays.fill(b, BINS / 2, BINS, 0);
    }
    width *= 2;
  }

  /** Start of the first bin, epoch millis, or {@link Long#MIN_VALUE} when nothing was recorded. */
  public long originMillis() {
    return origin;
  }

  /** Width of one bin in milliseconds. */
  public long binMillis() {
    return width;
  }

  /** A copy of the account's bins (all zero for an unknown account). */
  public int[] of(String accountId) {
    int[] b = bins.get(accountId);
    return b == null ? new int[BINS] : b.clone();
  }

  /** The element-wise sum over several accounts. */
  public int[] sum(Iterable<String> accountIds) {
    long[] acc = new long[BINS];
    for (String a : accountIds) {
      int[] b = bins.get(a);
      if (b != null) {
        for (int i = 0; i < BINS; i++) {
          acc[i] += b[i];
        }
      }
    }
    int[] out = new int[BINS];
    for (int i = 0; i < BINS; i++) {
      out[i] = (int) Math.min(Integer.MAX_VALUE, acc[i]);
    }
    return out;
  }
}
