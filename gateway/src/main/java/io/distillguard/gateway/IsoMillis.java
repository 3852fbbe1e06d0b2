package io.distillguard.gateway;

import java.time.Instant;

/**
 * Writes epoch milliseconds exactly as {@code Instant.ofEpochMilli(ms).toString()} does ({@code
 * 2026-11-27T21:10:45.123Z}, or {@code ...:45Z} on a whole second), for the {@code ts} of every
 * exchange line. The date and time of day are formatted by {@link Instant#toString} once per second
 * and kept; only the milliseconds are written per call. Formatting each {@code ts} from scratch
 * through {@code DateTimeFormatter} was ~4% of the engine thread. Not thread-safe: one per thread.
 */
final class IsoMillis {

  private long second = Long.MIN_VALUE;
  /** {@code Instant.toString()} of {@link #second} without its trailing {@code Z}. */
  private char[] prefix = new char[0];
  private final char[] buf = new char[64];

  /** Formats {@code epochMillis} into {@link #chars()}; returns the length. */
  int format(long epochMillis) {
    long sec = Math.floorDiv(epochMillis, 1000L);
    int milli = (int) Math.floorMod(epochMillis, 1000L);
    if (sec != second) {
      String s = Instant.ofEpochSecond(sec).toString();
      prefix = s.substring(0, s.length() - 1).toCharArray();
      second = sec;
    }
    int n = prefix.length;
    System.arraycopy(prefix, 0, buf, 0, n);
    if (milli != 0) {
      // Instant.toString prints a millisecond fraction as exactly three digits.
      buf[n++] = '.';
      buf[n++] = (char) ('0' + milli / 100);
      buf[n++] = (char) ('0' + milli / 10 % 10);
      buf[n++] = (char) ('0' + milli % 10);
    }
    buf[n++] = 'Z';
    return n;
  }

  /** The characters written by the last {@link #format}. */
  char[] chars() {
    return buf;
  }

  /** Convenience for tests and one-off callers. */
  String toString(long epochMillis) {
    return new String(buf, 0, format(epochMillis));
  }
}
