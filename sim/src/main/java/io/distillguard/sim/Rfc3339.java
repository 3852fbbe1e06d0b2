package io.distillguard.sim;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as RFC 3339 UTC with milliseconds ({@code 2026-11-02T14:03:11.482Z})
 * without allocating a formatter per call: the date part is cached per day. Not thread-safe.
 */
final class Rfc3339 {

  private long day = Long.MIN_VALUE;
  private final char[] out = "0000-00-00T00:00:00.000Z".toCharArray();

  String format(long millis) {
    long d = Math.floorDiv(millis, 86_400_000L);
    if (d != day) {
      day = d;
      LocalDate date = LocalDate.ofEpochDay(d);
      int y = date.getYear();
      if (y < 0 || y > 9999) {
        throw new IllegalArgumentException("year out of range: " + y);
      }
      put(0, y, 4);
      put(5, date.getMonthValue(), 2);
      put(8, date.getDayOfMonth(), 2);
    }
    int ms = (int) Math.floorMod(millis, 86_400_000L);
    put(11, ms / 3_600_000, 2);
    put(14, ms / 60_000 % 60, 2);
    put(17, ms / 1000 % 60, 2);
    put(20, ms % 1000, 3);
    return new String(out);
  }

  private void put(int pos, int v, int digits) {
    for (int i = pos + digits - 1; i >= pos; i--) {
      out[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }
}
