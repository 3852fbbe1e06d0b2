package io.distillguard.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs scenarios into memory for tests. The corpus is the real one beside the repository. */
final class SimTestSupport {

  private SimTestSupport() {}

  static final Corpus CORPUS = Corpus.locate(null, Path.of("").toAbsolutePath());

  /** Captured output of one run. */
  static final class Capture implements ExchangeSink {
    final List<Label> labels = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void label(Label label) {
      labels.add(label);
    }

    @Override
    public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
      lines.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
      times.add(tsMillis);
      bytes.write(utf8, offset, length);
      bytes.write('\n');
    }
  }

  static Capture run(Scenario s, long seed) {
    return run(s, seed, CORPUS);
  }

  static Capture run(Scenario s, long seed, Corpus c) {
    Capture cap = new Capture();
    Simulator.run(s, seed, c, cap);
    return cap;
  }
}
