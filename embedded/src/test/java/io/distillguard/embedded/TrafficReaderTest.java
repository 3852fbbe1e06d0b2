package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrafficReaderTest {

  enum Mode { PLAIN, GZIP, ONE_BYTE_READS, GZIP_ONE_BYTE_READS }

  private static final List<String> MIXED = List.of(
      Lines.line(Lines.T0, "r1", "acct_a", "hello"),
      "{\"not\":\"an exchange\"}",
      "",
      Lines.line(Lines.T0 + 1000, "r2", "acct_b", "hi there"),
      "garbage {{{",
      "   ",
      Lines.line(Lines.T0 + 2000, "r3", "acct_a", "again") + "\r",
      Lines.line(Lines.T0 + 3000, "r4", "acct_c", "truncated").substring(0, 50));

  private static InputStream stream(byte[] plain, Mode mode) throws IOException {
    byte[] data = mode == Mode.GZIP || mode == Mode.GZIP_ONE_BYTE_READS ? Lines.gzip(plain) : plain;
    InputStream in = new ByteArrayInputStream(data);
    if (mode == Mode.ONE_BYTE_READS || mode == Mode.GZIP_ONE_BYTE_READS) {
      in = new FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return super.read(b, off, Math.min(1, len));
        }
      };
    }
    return TrafficReader.decompressIfGzip(in);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void read_mixedValidAndMalformed_sameResultInEveryMode(Mode mode) throws IOException {
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser()).read(stream(Lines.join(MIXED), mode), got::add);
    assertThat(got).extracting(Exchange::requestId).containsExactly("r1", "r2", "r3");
    assertThat(s.lines()).isEqualTo(8);
    assertThat(s.exchanges()).isEqualTo(3);
    assertThat(s.malformed()).isEqualTo(3);
    assertThat(s.samples()).extracting(TrafficReader.MalformedLine::lineNumber).containsExactly(2L, 5L, 8L);
    assertThat(s.samples().get(0).reason()).isEqualTo("missing required field ts");
    assertThat(s.bytes()).isEqualTo(Lines.join(MIXED).length);
  }

  @Test
  void read_lastLineWithoutNewline_parsed() throws IOException {
    byte[] b = Lines.line(Lines.T0, "r1", "a", "x").getBytes(StandardCharsets.UTF_8);
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser()).read(new ByteArrayInputStream(b), got::add);
    assertThat(got).hasSize(1);
    assertThat(s.lines()).isEqualTo(1);
  }

  @Test
  void read_lineOverLimit_skippedToNextNewlineAndCounted() throws IOException {
    String huge = Lines.line(Lines.T0, "big", "a", "x".repeat(5000));
    List<String> lines = List.of(Lines.line(Lines.T0, "r1", "a", "x"), huge, huge, Lines.line(Lines.T0, "r2", "a", "y"));
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser(), 1024)
        .read(stream(Lines.join(lines), Mode.ONE_BYTE_READS), got::add);
    assertThat(got).extracting(Exchange::requestId).containsExactly("r1", "r2");
    assertThat(s.samples()).extracting(TrafficReader.MalformedLine::lineNumber).containsExactly(2L, 3L);
    assertThat(s.samples().get(0).reason()).startsWith("line longer than 1024");
  }

  @Test
  void read_manyMalformed_countsAllKeepsFirstTen() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add("bad " + i);
    }
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser())
        .read(stream(Lines.join(lines), Mode.PLAIN), e -> {});
    assertThat(s.malformed()).isEqualTo(25);
    assertThat(s.samples()).hasSize(TrafficReader.MAX_SAMPLES);
  }

  @Test
  void read_linesSpanningManyChunks_allParsed() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      lines.add(Lines.line(Lines.T0 + i, "r" + i, "acct_" + (i % 7), "prompt number " + i + " " + "y".repeat(i % 400)));
    }
    long[] n = new long[1];
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser()).read(stream(Lines.join(lines), Mode.GZIP), e -> n[0]++);
    assertThat(n[0]).isEqualTo(3000);
    assertThat(s.malformed()).isZero();
  }

  @Test
  void open_gzipFileWithPlainName_detectedByMagic(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("traffic.jsonl");
    Files.write(f, Lines.gzip(Lines.join(MIXED)));
    long[] n = new long[1];
    try (InputStream in = TrafficReader.open(f.toString())) {
      new TrafficReader(new ExchangeParser()).read(in, e -> n[0]++);
    }
    assertThat(n[0]).isEqualTo(3);
  }

  @Test
  void read_utf8BomOnFirstLine_parsed() throws IOException {
    byte[] body = Lines.join(MIXED.subList(0, 1));
    byte[] b = new byte[body.length + 3];
    b[0] = (byte) 0xEF;
    b[1] = (byte) 0xBB;
    b[2] = (byte) 0xBF;
    System.arraycopy(body, 0, b, 3, body.length);
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser()).read(new ByteArrayInputStream(b), e -> {});
    assertThat(s.exchanges()).isEqualTo(1);
  }

  private static List<String> validLines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(Lines.line(Lines.T0 + i, "r" + i, "acct_" + (i % 7), "prompt number " + i + " " + "y".repeat(i % 300)));
    }
    return lines;
  }

  /** Newline-terminated lines a tolerant decoder recovers from damaged gzip data. */
  static long completeLinesBeforeDamage(byte[] gz) {
    long lines = 0;
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          lines++;
        }
      }
    } catch (IOException expected) {
      // the damage: everything decoded before it is counted
    }
    return lines;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {0.0005, 0.01, 0.5, 0.97, 0.99999})
  void read_gzipCutShort_keepsEveryLineBeforeTheCutAndCountsTheBreakOnce(double fraction) throws IOException {
    byte[] gz = Lines.gzip(Lines.join(validLines(3000)));
    byte[] cut = java.util.Arrays.copyOf(gz, Math.max(3, (int) (gz.length * fraction)));
    long expected = completeLinesBeforeDamage(cut);
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser())
        .read(TrafficReader.decompressIfGzip(new ByteArrayInputStream(cut)), got::add);
    assertThat(got).hasSize((int) expected);
    assertThat(s.exchanges()).isEqualTo(expected);
    assertThat(s.malformed()).isOne();
    assertThat(s.lines()).isEqualTo(expected + 1);
    assertThat(s.inputError()).isEqualTo("gzip data ends early");
    assertThat(s.samples()).containsExactly(new TrafficReader.MalformedLine(expected + 1, LineSplitter.UNREADABLE));
  }

  @Test
  void read_gzipCorruptInTheMiddle_keepsIntactLinesBeforeTheDamageAndReportsIt() throws IOException {
    List<String> lines = validLines(3000);
    byte[] gz = Lines.gzip(Lines.join(lines));
    for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
      gz[i] ^= 0x5A;
    }
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser())
        .read(TrafficReader.decompressIfGzip(new ByteArrayInputStream(gz)), got::add);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < got.size(); i++) {
      ids.add("r" + i);
    }
    assertThat(got).extracting(Exchange::requestId).containsExactlyElementsOf(ids);
    assertThat(got.size()).isGreaterThan(1000); // the damage is half-way through 3000 lines
    assertThat(s.malformed()).isPositive();
    assertThat(s.inputError()).isEqualTo("gzip data corrupt");
  }

  @Test
  void read_lineJustOverFourMebibytes_parsedWithTheDefaultLimit() throws IOException {
    // a 4 MiB request body (the gateway's default limit) inside its envelope
    String big = Lines.line(Lines.T0, "big", "acct_a", "y".repeat(4 << 20));
    assertThat(big.length()).isGreaterThan(4 << 20);
    List<Exchange> got = new ArrayList<>();
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser())
        .read(stream(Lines.join(List.of(big, Lines.line(Lines.T0, "r2", "acct_a", "x"))), Mode.GZIP), got::add);
    assertThat(got).extracting(Exchange::requestId).containsExactly("big", "r2");
    assertThat(s.malformed()).isZero();
  }

  @Test
  void read_intactGzip_noInputError() throws IOException {
    TrafficReader.Summary s = new TrafficReader(new ExchangeParser())
        .read(stream(Lines.join(MIXED), Mode.GZIP), e -> {});
    assertThat(s.inputError()).isNull();
  }
}
