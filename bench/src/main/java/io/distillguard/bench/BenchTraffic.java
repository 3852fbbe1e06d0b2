package io.distillguard.bench;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Realistic benchmark input: {@code mixed-week} traffic from the simulator (real corpus prompts
 * from {@code ../shared/data} when present, else the bundled sample), held in memory as UTF-8 lines
 * and as parsed exchanges.
 */
final class BenchTraffic {

  final byte[][] lines;
  final Exchange[] exchanges;

  private BenchTraffic(byte[][] lines, Exchange[] exchanges) {
    this.lines = lines;
    this.exchanges = exchanges;
  }

  static BenchTraffic generate(int count, int accounts, long seed) {
    Scenario s = Scenario.named("mixed-week").withAccounts(accounts);
    s = s.withScale(count * 1.05 / s.expectedExchanges());
    List<byte[]> out = new ArrayList<>(count);
    Simulator.run(
        s,
        seed,
        Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            out.add(Arrays.copyOfRange(utf8, offset, offset + length));
          }
        },
        count);
    byte[][] lines = out.toArray(new byte[0][]);
    ExchangeParser p = new ExchangeParser();
    Exchange[] ex = new Exchange[lines.length];
    for (int i = 0; i < lines.length; i++) {
      ex[i] = p.parse(lines[i], 0, lines[i].length);
    }
    return new BenchTraffic(lines, ex);
  }
}
