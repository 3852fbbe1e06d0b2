package io.distillguard.sim.eval;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a reader, each at most {@code maxChars} long: a longer line is skipped whole (and
 * counted), never held in memory, so a labels or events file with a multi-gigabyte line cannot
 * exhaust the heap as {@link java.io.BufferedReader#readLine()} would.
 */
final class BoundedLines {

  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[1 << 16];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int lim;
  private long tooLong;
  private long lastLineNumber;
  private long firstTooLong;

  BoundedLines(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator (a trailing CR is dropped), or null at the end. */
  String next() throws IOException {
    while (true) {
      int r = read();
      if (r < 0) {
        return null;
      }
      lastLineNumber++;
      if (r == 0) {
        if (tooLong++ == 0) {
          firstTooLong = lastLineNumber;
        }
        continue;
      }
      int n = line.length();
      if (n > 0 && line.charAt(n - 1) == '\r') {
        line.setLength(n - 1);
      }
      return line.toString();
    }
  }

  /** Reads one line into {@code line}: 1 when kept, 0 when too long (skipped), -1 at the end. */
  private int read() throws IOException {
    line.setLength(0);
    boolean skipping = false;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = Math.max(0, in.read(buf, 0, buf.length));
        pos = 0;
        if (lim == 0) {
          return !any ? -1 : skipping ? 0 : 1; // the last line may lack a newline
        }
      }
      any = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n') {
        pos++;
      }
      if (!skipping) {
        if (line.length() + (pos - start) > maxChars) {
          skipping = true;
          line.setLength(0);
        } else {
          line.append(buf, start, pos - start);
        }
      }
      if (pos < lim) {
        pos++; // the newline
        return skipping ? 0 : 1;
      }
    }
  }

  /** Lines skipped for being longer than the limit. */
  long tooLong() {
    return tooLong;
  }

  /** 1-based number of the first line skipped for its length, 0 when none was. */
  long firstTooLong() {
    return firstTooLong;
  }

  /** 1-based number of the line {@link #next()} returned last (skipped lines count). */
  long lineNumber() {
    return lastLineNumber;
  }
}
