package io.distillguard.embedded;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.ingest.MalformedLineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams an {@code api-exchange/v1} log ({@code .jsonl} or gzip-compressed, detected by its magic
 * bytes, not its name) line by line into parsed {@link Exchange}s.
 *
 * <p>Memory stays flat whatever the file size: lines are split inside one reused byte buffer and
 * handed to the parser as UTF-8 bytes, never decoded to a String first. A line longer than the limit
 * is skipped up to its newline without being buffered. Malformed lines are counted and the first
 * {@value #MAX_SAMPLES} are kept with their 1-based line number and a safe reason. Blank lines are
 * ignored.
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class TrafficReader {

  /** Malformed lines kept with their line numbers. */
  public static final int MAX_SAMPLES = 10;

  private static final int CHUNK = 256 << 10;

  private final ExchangeParser parser;
  private final int maxLineBytes;

  /** A rejected line: its 1-based number and why. */
  public record MalformedLine(long lineNumber, String reason) {
    public MalformedLine {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * What a read saw.
   *
   * @param lines lines read, blank ones included
   * @param exchanges lines parsed into exchanges
   * @param malformed lines rejected
   * @param samples the first {@value #MAX_SAMPLES} rejected lines
   * @param bytes uncompressed bytes read
   */
  public record Summary(long lines, long exchanges, long malformed, List<MalformedLine> samples, long bytes) {
    public Summary {
      samples = List.copyOf(samples);
    }
  }

  /** Called every {@code interval} lines so a caller can show progress. */
  public interface Progress {
    Progress NONE = (lines, bytes) -> {};

    void update(long lines, long bytes);
  }

  public TrafficReader(ExchangeParser parser) {
    this(parser, ExchangeParser.MAX_LINE_BYTES);
  }

  public TrafficReader(ExchangeParser parser, int maxLineBytes) {
    this.parser = Objects.requireNonNull(parser, "parser");
    if (maxLineBytes < 64) {
      throw new IllegalArgumentException("maxLineBytes must be >= 64: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Opens a file, or standard input for {@code "-"}, decompressing gzip when the content starts with
   * the gzip magic bytes.
   *
   * @throws NoSuchFileException when the file does not exist
   */
  public static InputStream open(String pathOrDash) throws IOException {
    InputStream raw =
        "-".equals(pathOrDash) ? System.in : Files.newInputStream(Path.of(pathOrDash));
    return decompressIfGzip(raw);
  }

  /** Wraps a stream in a gzip decoder when its first two bytes are the gzip magic. */
  public static InputStream decompressIfGzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  /** Reads every line, passing parsed exchanges to {@code sink} in file order. */
  public Summary read(InputStream in, Consumer<Exchange> sink) throws IOException {
    return read(in, sink, Progress.NONE, Long.MAX_VALUE);
  }

  /**
   * Reads every line, passing parsed exchanges to {@code sink} in file order and calling {@code
   * progress} every {@code interval} lines.
   */
  public Summary read(InputStream in, Consumer<Exchange> sink, Progress progress, long interval)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    State s = new State(sink);
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
        s.lines++;
        if (skipping) {
          skipping = false;
        } else {
          s.line(buf, start, nl - start);
        }
        start = nl + 1;
        scan = start;
        if (s.lines >= nextProgress) {
          progress.update(s.lines, s.bytes);
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
          buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes + 1L));
        } else {
          // over the limit: reject now, then drop bytes until the newline
          s.malformed(s.lines + 1, "line longer than " + maxLineBytes + " bytes");
          skipping = true;
          start = 0;
          end = 0;
          scan = 0;
        }
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        break;
      }
      s.bytes += n;
      end += n;
    }
    if (end > start && !skipping) {
      s.lines++;
      s.line(buf, start, end - start);
    }
    progress.update(s.lines, s.bytes);
    return new Summary(s.lines, s.exchanges, s.malformed, s.samples, s.bytes);
  }

  private final class State {
    final Consumer<Exchange> sink;
    final List<MalformedLine> samples = new ArrayList<>();
    long lines;
    long exchanges;
    long malformed;
    long bytes;

    State(Consumer<Exchange> sink) {
      this.sink = sink;
    }

    void line(byte[] buf, int off, int len) {
      if (len > 0 && buf[off + len - 1] == '\r') {
        len--;
      }
      if (isBlank(buf, off, len)) {
        return;
      }
      Exchange e;
      try {
        e = parser.parse(buf, off, len);
      } catch (MalformedLineException ex) {
        malformed(lines, ex.getMessage());
        return;
      }
      exchanges++;
      sink.accept(e);
    }

    void malformed(long lineNumber, String reason) {
      malformed++;
      if (samples.size() < MAX_SAMPLES) {
        samples.add(new MalformedLine(lineNumber, reason));
      }
    }
  }

  private static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
