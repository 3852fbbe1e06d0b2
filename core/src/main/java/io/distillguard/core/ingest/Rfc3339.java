package io.distillguard.core.ingest;

/**
 * Allocation-free RFC 3339 timestamp parsing to epoch milliseconds: {@code
 * YYYY-MM-DD(T|t| )hh:mm:ss[.fraction](Z|z|+hh:mm|-hh:mm)}. Digits beyond milliseconds are
 * truncated; a leap second (:60) is folded into the next second, as most log readers do. A time
 * whose UTC instant falls outside years 0000 to 9999 is invalid: {@code 9999-12-31T23:59:59-01:00}
 * is a valid string, but its instant cannot be written back as RFC 3339 (Java prints {@code
 * +10000-...}), and the report writes every time it read in UTC.
 *
 * <p>Why not {@code OffsetDateTime.parse}: it costs about a microsecond and several objects per call,
 * and every exchange carries at least one timestamp.
 */
final class Rfc3339 {

  /** Returned for text that is not a valid RFC 3339 date-time. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int MAX_LEN = 64;

  /** 0000-01-01T00:00:00Z. */
  static final long MIN_MILLIS = -62_167_219_200_000L;
  /** 9999-12-31T23:59:59.999Z. */
  static final long MAX_MILLIS = 253_402_300_799_999L;

  private Rfc3339() {}

  static long parseMillis(String s) {
    return parse(s.toCharArray(), 0, s.length());
  }

  static long parse(char[] s, int off, int len) {
    if (len < 20 || len > MAX_LEN) {
      return INVALID;
    }
    int end = off + len;
    int year = digits(s, off, 4);
    int month = digits(s, off + 5, 2);
    int day = digits(s, off + 8, 2);
    int hour = digits(s, off + 11, 2);
    int minute = digits(s, off + 14, 2);
    int second = digits(s, off + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || s[off + 4] != '-'
        || s[off + 7] != '-'
        || s[off + 13] != ':'
        || s[off + 16] != ':') {
      return INVALID;
    }
    char t = s[off + 10];
    if (t != 'T' && t != 't' && t != ' ') {
      return INVALID;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour > 23 || minute > 59 || second > 60) {
      return INVALID;
    }
    int i = off + 19;
    int millis = 0;
    if (s[i] == '.') {
      i++;
      int start = i;
      while (i < end && isDigit(s[i])) {
        if (i - start < 3) {
          millis = millis * 10 + (s[i] - '0');
        }
        i++;
      }
      int got = i - start;
      if (got == 0) {
        return INVALID;
      }
      for (int k = got; k < 3; k++) {
        millis *= 10;
      }
    }
    if (i >= end) {
      return INVALID;
    }
    char z = s[i];
    int offsetMinutes;
    if (z == 'Z' || z == 'z') {
      if (i + 1 != end) {
        return INVALID;
      }
      offsetMinutes = 0;
    } else if (z == '+' || z == '-') {
      if (i + 6 != end || s[i + 3] != ':') {
        return INVALID;
      }
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) {
        return INVALID;
      }
      offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
    } else {
      return INVALID;
    }
    long days = daysFromCivil(year, month, day);
    long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offsetMinutes * 60L;
    long v = secs * 1000L + millis;
    return v < MIN_MILLIS || v > MAX_MILLIS ? INVALID : v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(char[] s, int at, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      char c = s[at + k];
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int y, int m) {
    switch (m) {
      case 2:
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
