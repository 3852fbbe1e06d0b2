package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorDeterminismTest {

  @Test
  void run_sameSeed_identicalBytes() {
    Scenario s = Scenario.named("smoke");
    byte[] a = SimTestSupport.run(s, 42).bytes.toByteArray();
    byte[] b = SimTestSupport.run(s, 42).bytes.toByteArray();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void run_differentSeed_differentBytesAndLabels() {
    Scenario s = Scenario.named("smoke");
    SimTestSupport.Capture a = SimTestSupport.run(s, 1);
    SimTestSupport.Capture b = SimTestSupport.run(s, 2);
    assertThat(a.bytes.toByteArray()).isNotEqualTo(b.bytes.toByteArray());
    assertThat(a.labels).isNotEqualTo(b.labels);
  }

  @Test
  void fileSink_gzipAndPlain_holdTheSameLinesAsTheSink(@TempDir Path dir) throws Exception {
    Scenario s = Scenario.named("demo").withDays(0.05);
    byte[] mem = SimTestSupport.run(s, 3).bytes.toByteArray();
    Path gz = dir.resolve("e.jsonl.gz");
    Path plain = dir.resolve("sub/e.jsonl");
    Path labels = dir.resolve("l.jsonl");
    try (FileSink f = FileSink.open(gz, labels)) {
      Simulator.run(s, 3, SimTestSupport.CORPUS, f);
    }
    try (FileSink f = FileSink.open(plain, null)) {
      Simulator.run(s, 3, SimTestSupport.CORPUS, f);
    }
    ByteArrayOutputStream unzipped = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      in.transferTo(unzipped);
    }
    assertThat(unzipped.toByteArray()).isEqualTo(mem);
    assertThat(Files.readAllBytes(plain)).isEqualTo(mem);
    assertThat(Files.readAllLines(labels)).hasSize(s.accounts()).allMatch(l -> l.startsWith("{\"account_id\":\"acct_"));
  }

  @Test
  void run_maxExchanges_stopsThere() {
    SimTestSupport.Capture c = new SimTestSupport.Capture();
    Simulator.Summary sum = Simulator.run(Scenario.named("smoke"), 5, SimTestSupport.CORPUS, c, 100);
    assertThat(sum.exchanges()).isEqualTo(100);
    assertThat(c.lines).hasSize(100);
  }
}
