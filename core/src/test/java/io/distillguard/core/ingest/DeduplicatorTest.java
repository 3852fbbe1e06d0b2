package io.distillguard.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

  @Test
  void isDuplicate_withinCapacity_matchesExactSet() {
    qt().withExamples(200)
        .forAll(lists().of(integers().between(0, 300)).ofSizeBetween(0, 500))
        .checkAssert(ids -> {
          Deduplicator d = new Deduplicator(1024);
          Set<Integer> model = new HashSet<>();
          long dups = 0;
          for (int id : ids) {
            boolean expected = !model.add(id);
            dups += expected ? 1 : 0;
            assertThat(d.isDuplicate("req_" + id)).isEqualTo(expected);
          }
          assertThat(d.duplicates()).isEqualTo(dups);
        });
  }

  @Test
  void isDuplicate_beyondTwoGenerations_forgotten() {
    Deduplicator d = new Deduplicator(16);
    d.isDuplicate("first");
    for (int i = 0; i < 15; i++) {
      d.isDuplicate("a" + i);
    }
    // "first" is still in the previous generation after one rotation
    for (int i = 0; i < 16; i++) {
      d.isDuplicate("b" + i);
    }
    assertThat(d.isDuplicate("first")).isTrue();
    for (int i = 0; i < 32; i++) {
      d.isDuplicate("c" + i);
    }
    assertThat(d.isDuplicate("first")).isFalse();
  }

  @Test
  void constructor_tinyCapacity_rejected() {
    assertThatThrownBy(() -> new Deduplicator(3)).isInstanceOf(IllegalArgumentException.class);
  }
}
