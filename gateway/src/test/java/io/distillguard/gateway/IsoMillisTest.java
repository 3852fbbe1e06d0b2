package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoMillisTest {

  @Test
  void sameTextAsInstantToString() {
    IsoMillis f = new IsoMillis();
    long[] fixed = {
      0, 1, 999, 1000, 1001, -1, -999, -1000, -1001, 1_793_000_000_000L, 1_793_000_000_050L,
      1_793_000_000_999L, 253_402_300_799_999L, 253_402_300_800_000L, -62_167_219_200_001L
    };
    for (long ms : fixed) {
      assertThat(f.toString(ms)).as("ms %d", ms).isEqualTo(Instant.ofEpochMilli(ms).toString());
    }
    SplittableRandom r = new SplittableRandom(7);
    long t = 1_793_000_000_000L;
    for (int i = 0; i < 200_000; i++) {
      // Mostly small steps (the cached second is reused), sometimes jumps back and forth.
      t += i % 1000 == 0 ? r.nextLong(-10_000_000L, 10_000_000L) : r.nextInt(0, 7);
      assertThat(f.toString(t)).isEqualTo(Instant.ofEpochMilli(t).toString());
    }
  }
}
