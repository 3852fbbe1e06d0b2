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
 * bytes, not its name) line by line into parsed {@link Exchange}s. Gzip data that is cut short or
 * corrupt ends the read where it breaks: what came before is kept, and the break is counted as one
 * malformed line and named in {@link Summary#inputError()}.
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
   * @param inputError why compressed input broke off before its end (the rest was not read; the
   *     line where it broke is counted as malformed), or null when it was read to the end
   */
  public record Summary(
      long lines, long exchanges, long malformed, List<MalformedLine> samples, long bytes, String inputError) {
    public Summary {
      samples = List.copyOf(samples);
    }

    /** A summary of input read to its end. */
    public Summary(long lines, long exchanges, long malformed, List<MalformedLine> samples, long bytes) {
      this(lines, exchanges, malformed, samples, bytes, null);
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

  /**
   * Wraps a stream in a gzip decoder when its first two bytes are the gzip magic. The gzip header
   * is read on the first {@code read}, not here, so a file cut short inside its header fails where
   * {@link #read} treats a broken compressed stream as cut short, like one cut anywhere else.
   */
  public static InputStream decompressIfGzip(InputStream raw) throws IOException {
    if (raw instanceof GzipDecoder) {
      return raw;
    }
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GzipDecoder(in);
    }
    return in;
  }

  /** A {@link GZIPInputStream} created on the first read. */
  private static final class GzipDecoder extends InputStream {
    private final InputStream compressed;
    private InputStream gz;

    GzipDecoder(InputStream compressed) {
      this.compressed = compressed;
    }

    private InputStream gz() throws IOException {
      if (gz == null) {
        gz = new GZIPInputStream(compressed, 1 << 16);
      }
      return gz;
    }

    @Override
    public int read() throws IOException {
      return gz().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return gz().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      compressed.close();
    }
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
    LineSplitter split = new LineSplitter(maxLineBytes);
    split.run(in, s, progress, interval);
    return new Summary(
        split.lines(), s.exchanges, s.malformed, s.samples, split.bytes(), split.inputError());
  }

  private final class State implements LineSplitter.Handler {
    final Consumer<Exchange> sink;
    final List<MalformedLine> samples = new ArrayList<>();
    long exchanges;
    long malformed;

    State(Consumer<Exchange> sink) {
      this.sink = sink;
    }

    @Override
    public void line(byte[] buf, int off, int len, long lineNumber) {
      len = trimCr(buf, off, len);
      if (isBlank(buf, off, len)) {
        return;
      }
      Exchange e;
      try {
        e = parser.parse(buf, off, len);
      } catch (MalformedLineException ex) {
        malformed(lineNumber, ex.getMessage());
        return;
      }
      exchanges++;
      sink.accept(e);
    }

    @Override
    public void tooLong(long lineNumber, String reason) {
      malformed(lineNumber, reason);
    }

    @Override
    public void unreadable(long lineNumber, String reason) {
      malformed(lineNumber, reason);
    }

    void malformed(long lineNumber, String reason) {
      malformed++;
      if (samples.size() < MAX_SAMPLES) {
        samples.add(new MalformedLine(lineNumber, reason));
      }
    }
  }

  static int trimCr(byte[] b, int off, int len) {
    return len > 0 && b[off + len - 1] == '\r' ? len - 1 : len;
  }

  static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
