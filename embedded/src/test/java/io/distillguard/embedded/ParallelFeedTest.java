package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelFeedTest {

  private static final int MAX_LINE = 600;

  /** Valid, blank, CRLF, malformed and over-long lines across several batches. */
  private static List<String> mixed(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      switch (i % 7) {
        case 3 -> lines.add("{broken " + i);
        case 4 -> lines.add("  ");
        case 5 -> lines.add(Lines.line(Lines.T0 + i, "r" + i, "acct_" + (i % 5), "x".repeat(MAX_LINE)));
        case 6 -> lines.add(Lines.line(Lines.T0 + i, "r" + i, "acct_" + (i % 5), "crlf " + i) + "\r");
        default -> lines.add(Lines.line(Lines.T0 + i, "r" + i, "acct_" + (i % 5), "Explain step by step " + i));
      }
    }
    return lines;
  }

  @Test
  void run_mixedLinesOverManyBatches_sameExchangesFeaturesAndSummaryAsSerialReader() throws IOException {
    byte[] data = Lines.join(mixed(3 * ParallelFeed.BATCH_LINES + 123));
    FeatureExtractor fx = new FeatureExtractor();
    List<Exchange> serial = new ArrayList<>();
    TrafficReader.Summary expected =
        new TrafficReader(new ExchangeParser(), MAX_LINE).read(new ByteArrayInputStream(data), serial::add);

    List<Exchange> got = new ArrayList<>();
    List<ExchangeFeatures> feats = new ArrayList<>();
    List<Long> badLines = new ArrayList<>();
    TrafficReader.Summary s =
        new ParallelFeed(new ExchangeParser(), fx, 3, MAX_LINE)
            .run(new ByteArrayInputStream(data), new ParallelFeed.Sink() {
              @Override
              public void exchange(Exchange e, ExchangeFeatures f) {
                got.add(e);
                feats.add(f);
              }

              @Override
              public void malformed(long lineNumber, String reason) {
                badLines.add(lineNumber);
              }
            }, TrafficReader.Progress.NONE, 1000);

    assertThat(s).isEqualTo(expected);
    assertThat(got).isEqualTo(serial);
    assertThat(badLines).hasSize((int) expected.malformed()).isSorted();
    assertThat(badLines.subList(0, TrafficReader.MAX_SAMPLES))
        .containsExactlyElementsOf(expected.samples().stream().map(TrafficReader.MalformedLine::lineNumber).toList());
    for (int i = 0; i < got.size(); i++) {
      assertThat(feats.get(i)).isEqualTo(fx.extract(serial.get(i)));
    }
  }

  @Test
  @Timeout(30)
  void run_sinkThrows_exceptionPropagatesWithoutHanging() {
    byte[] data = Lines.join(mixed(20 * ParallelFeed.BATCH_LINES));
    ParallelFeed feed = new ParallelFeed(new ExchangeParser(), new FeatureExtractor(), 2, MAX_LINE);
    assertThatThrownBy(() -> feed.run(new ByteArrayInputStream(data), new ParallelFeed.Sink() {
      @Override
      public void exchange(Exchange e, ExchangeFeatures f) {
        throw new IllegalStateException("engine failed");
      }

      @Override
      public void malformed(long lineNumber, String reason) {}
    }, TrafficReader.Progress.NONE, 1000)).isInstanceOf(IllegalStateException.class).hasMessage("engine failed");
  }

  @Test
  @Timeout(30)
  void run_readFailsMidway_ioExceptionReachesCaller() {
    byte[] data = Lines.join(mixed(5000));
    InputStream in = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
      private int reads;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (++reads == 3) {
          throw new IOException("disk gone");
        }
        return super.read(b, off, Math.min(len, 100_000));
      }
    };
    ParallelFeed feed = new ParallelFeed(new ExchangeParser(), new FeatureExtractor(), 2, MAX_LINE);
    assertThatThrownBy(() -> feed.run(in, new ParallelFeed.Sink() {
      @Override
      public void exchange(Exchange e, ExchangeFeatures f) {}

      @Override
      public void malformed(long lineNumber, String reason) {}
    }, TrafficReader.Progress.NONE, 1000)).isInstanceOf(IOException.class).hasMessage("disk gone");
  }

  @Test
  @Timeout(30)
  void run_corruptGzip_sameExchangesAndSummaryAsSerialReader() throws IOException {
    byte[] gz = Lines.gzip(Lines.join(mixed(5000)));
    for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
      gz[i] ^= 0x5A;
    }
    List<Exchange> serial = new ArrayList<>();
    TrafficReader.Summary expected = new TrafficReader(new ExchangeParser(), MAX_LINE)
        .read(TrafficReader.decompressIfGzip(new ByteArrayInputStream(gz)), serial::add);
    List<Exchange> got = new ArrayList<>();
    ParallelFeed feed = new ParallelFeed(new ExchangeParser(), new FeatureExtractor(), 2, MAX_LINE);
    TrafficReader.Summary s = feed.run(TrafficReader.decompressIfGzip(new ByteArrayInputStream(gz)), new ParallelFeed.Sink() {
      @Override
      public void exchange(Exchange e, ExchangeFeatures f) {
        got.add(e);
      }

      @Override
      public void malformed(long lineNumber, String reason) {}
    }, TrafficReader.Progress.NONE, 1000);
    assertThat(expected.inputError()).isNotNull();
    assertThat(s).isEqualTo(expected);
    assertThat(got).isEqualTo(serial).isNotEmpty();
  }
}
