package io.distillguard.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {

  @Test
  void offer_disorderWithinSlack_releasedInTimeOrder() {
    List<Long> out = new ArrayList<>();
    ReorderBuffer<Long> b = new ReorderBuffer<>(10_000, 1000, out::add);
    for (long t : new long[] {1000, 3000, 2000, 9000, 5000, 12_500, 4000, 30_000}) {
      b.offer(t, t);
    }
    // the newest time 30 000 puts the watermark at 20 000
    assertThat(out).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 9000L, 12_500L);
    b.flush();
    assertThat(out).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 9000L, 12_500L, 30_000L);
    assertThat(b.late()).isZero();
  }

  @Test
  void offer_olderThanWatermark_releasedImmediatelyAndCountedLate() {
    List<Long> out = new ArrayList<>();
    ReorderBuffer<Long> b = new ReorderBuffer<>(1000, 1000, out::add);
    b.offer(10_000L, 10_000);
    b.offer(20_000L, 20_000); // releases 10 000
    b.offer(500L, 500);
    assertThat(out).containsExactly(10_000L, 500L);
    assertThat(b.late()).isEqualTo(1);
  }

  @Test
  void offer_equalTimes_keepArrivalOrder() {
    List<String> out = new ArrayList<>();
    ReorderBuffer<String> b = new ReorderBuffer<>(5, 1000, out::add);
    b.offer("a", 1);
    b.offer("b", 1);
    b.offer("c", 1);
    b.flush();
    assertThat(out).containsExactly("a", "b", "c");
  }

  @Test
  void offer_moreThanMaxHeld_oldestReleasedEarly() {
    List<Long> out = new ArrayList<>();
    ReorderBuffer<Long> b = new ReorderBuffer<>(1_000_000, 3, out::add);
    for (long t = 0; t < 10; t++) {
      b.offer(t, t);
    }
    assertThat(b.held()).isEqualTo(3);
    assertThat(out).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void offer_randomBoundedDisorder_outputSortedAndComplete() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 50)).ofSizeBetween(0, 300))
        .checkAssert(jitters -> {
          List<Long> out = new ArrayList<>();
          ReorderBuffer<Long> b = new ReorderBuffer<>(50, 10_000, out::add);
          long t = 0;
          for (int j : jitters) {
            t += 10;
            b.offer(t - j, t - j);
          }
          b.flush();
          assertThat(out).hasSize(jitters.size()).isSorted();
          assertThat(b.late()).isZero();
        });
  }
}
