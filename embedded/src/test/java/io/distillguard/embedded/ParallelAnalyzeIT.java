package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The parallel pipeline (parsing and feature extraction on workers) must give exactly the report of
 * the single-threaded one: same JSON byte for byte on the simulator's {@code smoke} scenario, with
 * malformed, blank and CRLF lines mixed in so their line numbers go through the batches too.
 */
class ParallelAnalyzeIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void analyze_smokeScenarioWithThreeThreads_reportIdenticalToOneThread() throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    long[] n = new long[1];
    Simulator.run(Scenario.named("smoke"), 42, Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            lines.write(utf8, offset, length);
            // Every 997th line: CRLF, a blank line and a broken one, spread over many batches.
            if (++n[0] % 997 == 0) {
              lines.writeBytes("\r\n\n{\"broken\": \n".getBytes(StandardCharsets.UTF_8));
            } else {
              lines.write('\n');
            }
          }
        });
    byte[] gz = Lines.gzip(lines.toByteArray());

    AnalysisResult one = analyze(gz, 1);
    AnalysisResult three = analyze(gz, 3);

    assertThat(n[0]).isGreaterThan(ParallelFeed.BATCH_LINES); // more than one batch
    assertThat(one.read().malformed()).isGreaterThan(0);
    assertThat(three.read()).isEqualTo(one.read());
    assertThat(ReportJson.toJson(three.report())).isEqualTo(ReportJson.toJson(one.report()));
    assertThat(three.duplicates()).isEqualTo(one.duplicates());
    assertThat(three.late()).isEqualTo(one.late());
  }

  private static AnalysisResult analyze(byte[] gz, int threads) throws IOException {
    return new Analyzer(AnalyzerOptions.defaults(CLOCK).withThreads(threads))
        .analyze(new ByteArrayInputStream(gz));
  }
}
