package io.distillguard.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a simulation to files: exchanges as JSON Lines (gzip when the name ends in {@code .gz},
 * at the fastest deflate level, compressed on a background thread) and
 * labels as JSON Lines. Close it to flush.
 */
public final class FileSink implements ExchangeSink, AutoCloseable {

  private final OutputStream events;
  private final JsonGenerator labels;
  private final OutputStream labelsOut;

  private FileSink(OutputStream events, OutputStream labelsOut) throws IOException {
    this.events = events;
    this.labelsOut = labelsOut;
    this.labels = labelsOut == null ? null : new JsonFactory().createGenerator(labelsOut, JsonEncoding.UTF8);
    if (labels != null) {
      labels.setRootValueSeparator(null);
    }
  }

  /** Opens the sink; {@code labelsFile} may be null to skip labels. Parent directories are created. */
  public static FileSink open(Path eventsFile, Path labelsFile) throws IOException {
    return new FileSink(openEvents(eventsFile), labelsFile == null ? null : new BufferedOutputStream(create(labelsFile), 1 << 16));
  }

  /** A buffered stream to {@code file}, gzip-compressed at the fastest level when it ends in .gz. */
  public static OutputStream openEvents(Path file) throws IOException {
    OutputStream raw = create(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      return new AsyncOutputStream(new FastGzip(raw));
    }
    return new BufferedOutputStream(raw, 1 << 16);
  }

  private static OutputStream create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newOutputStream(file);
  }

  @Override
  public void label(Label l) {
    if (labels == null) {
      return;
    }
    try {
      labels.writeStartObject();
      labels.writeStringField("account_id", l.accountId());
      labels.writeStringField("label", l.label());
      labels.writeStringField("campaign", l.campaign());
      labels.writeStringField("persona", l.persona());
      labels.writeEndObject();
      labels.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
    try {
      events.write(utf8, offset, length);
      events.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      events.close();
    } finally {
      if (labels != null) {
        labels.close();
        labelsOut.close();
      }
    }
  }

  /** gzip at {@link Deflater#BEST_SPEED} with a large buffer. */
  static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
