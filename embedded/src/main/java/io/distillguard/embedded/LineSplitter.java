package io.distillguard.embedded;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Splits a byte stream into lines inside one reused buffer, so memory stays flat whatever the file
 * size. A line longer than the limit is reported as too long and skipped up to its newline without
 * being buffered. Lines are handed over without their {@code '\n'} (a trailing {@code '\r'} is kept:
 * the handler decides). The buffer passed to the handler is only valid during the call.
 *
 * <p>Compressed input that is cut short or corrupt (a gzip file still being written, copied in
 * part, or damaged) ends the stream early instead of failing it: everything before the damage is
 * handed over as usual, the unfinished line at the damage is reported once through {@link
 * Handler#unreadable}, and {@link #inputError()} says what happened. Other I/O errors propagate.
 *
 * <p>Not thread-safe; one instance per stream. {@link #lines()} and {@link #bytes()} may be read by
 * the handler during a call (they count the current line).
 */
final class LineSplitter {

  private static final int CHUNK = 256 << 10;

  /** Receives lines in stream order. */
  interface Handler {
    /** One line, {@code lineNumber} 1-based. */
    void line(byte[] buf, int off, int len, long lineNumber);

    /** A line over the limit, not buffered. */
    void tooLong(long lineNumber, String reason);

    /** Where compressed input broke off: this line and everything after it could not be read. */
    void unreadable(long lineNumber, String reason);
  }

  /** Reason given for input that broke off. */
  static final String UNREADABLE = "compressed input truncated or corrupt here; nothing after it was read";

  private final int maxLineBytes;
  private long lines;
  private long bytes;
  private String inputError;

  LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  long lines() {
    return lines;
  }

  long bytes() {
    return bytes;
  }

  /** Why the input broke off before its end, or null when it was read to the end. */
  String inputError() {
    return inputError;
  }

  /** Reads {@code in} to its end, calling {@code progress} every {@code interval} lines. */
  void run(InputStream in, Handler h, TrafficReader.Progress progress, long interval)
      throws IOException {
    byte[] buf = new byte[Math.min(CHUNK, maxLineBytes + 1)];
    int start = 0; // first byte of the current line
    int end = 0; // end of valid data
    int scan = 0; // where to continue looking for '\n'
    boolean skipping = false; // inside an over-long line, discarding up to its newline
    long nextProgress = interval;
    while (true) {
      int nl = -1;
      for (int i = scan; i < end; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl >= 0) {
        lines++;
        if (skipping) {
          skipping = false;
        } else {
          h.line(buf, start, nl - start, lines);
        }
        start = nl + 1;
        scan = start;
        if (lines >= nextProgress) {
          progress.update(lines, bytes);
          nextProgress += interval;
        }
        continue;
      }
      scan = end;
      if (skipping) {
        start = 0;
        end = 0;
        scan = 0;
      } else if (end == buf.length) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          scan -= start;
          start = 0;
        } else if (buf.length <= maxLineBytes) {
          buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes + 1L));
        } else {
          // over the limit: reject now, then drop bytes until the newline
          h.tooLong(lines + 1, "line longer than " + maxLineBytes + " bytes");
          skipping = true;
          start = 0;
          end = 0;
          scan = 0;
        }
      }
      int n;
      try {
        n = in.read(buf, end, buf.length - end);
      } catch (EOFException | ZipException e) {
        // GZIPInputStream: EOFException when the data stops early, ZipException when it is corrupt
        inputError = e instanceof EOFException ? "gzip data ends early" : "gzip data corrupt";
        break;
      }
      if (n < 0) {
        break;
      }
      bytes += n;
      end += n;
    }
    if (inputError != null) {
      // the bytes after the last newline are an unfinished line: part of the loss, counted once
      lines++;
      h.unreadable(lines, UNREADABLE);
    } else if (end > start && !skipping) {
      lines++;
      h.line(buf, start, end - start, lines);
    }
    progress.update(lines, bytes);
  }
}
