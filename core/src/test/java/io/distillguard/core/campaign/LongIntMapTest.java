package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

  @Test
  void randomPutsAndRemoves_matchAHashMap() {
    qt().withExamples(200)
        .forAll(lists().of(integers().between(-300, 300)).ofSizeBetween(0, 3000))
        .checkAssert(ops -> {
          LongIntMap map = new LongIntMap();
          Map<Long, Integer> ref = new HashMap<>();
          int step = 0;
          for (int op : ops) {
            long key = Math.abs(op) * 0x9E3779B97F4A7C15L | 1; // clustered and spread keys, != 0
            if (op < 0) {
              map.remove(key);
              ref.remove(key);
            } else {
              map.put(key, step);
              ref.put(key, step);
            }
            step++;
          }
          assertThat(map.size()).isEqualTo(ref.size());
          for (int k = 0; k <= 300; k++) {
            long key = k * 0x9E3779B97F4A7C15L | 1;
            assertThat(map.get(key)).isEqualTo(ref.getOrDefault(key, LongIntMap.MISSING));
          }
        });
  }
}
