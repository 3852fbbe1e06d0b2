package io.distillguard.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.Field;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.junit.jupiter.api.Test;

/**
 * The heap-saving inline stages ({@link TopItems}, {@link GapSketch}, {@link DistinctCounter}) must
 * be invisible: same estimates and the same serialised bytes as the DataSketches sketch fed the
 * same stream directly, before, at and after the switch to the real sketch.
 */
class SketchEquivalenceTest {

  @Test
  void topItems_anyStream_sameEstimatesAndBytesAsLongsSketch() {
    qt().withExamples(300).forAll(longs().all(), integers().between(0, 300), integers().between(1, 40))
        .checkAssert((seed, n, alphabet) -> {
          SplittableRandom r = new SplittableRandom(seed);
          TopItems t = new TopItems(AccountProfile.TOP_MAP_SIZE);
          LongsSketch direct = new LongsSketch(AccountProfile.TOP_MAP_SIZE);
          for (int i = 0; i < n; i++) {
            long item = (r.nextInt(alphabet) + 1) * 0x9E3779B97F4A7C15L;
            direct.update(item);
            assertThat(t.update(item)).isEqualTo(direct.getEstimate(item));
          }
          assertThat(t.toByteArray()).isEqualTo(direct.toByteArray());
        });
  }

  @Test
  void topItems_mergeOfInlineAndSketch_sameBytesAsSketchMerge() {
    qt().withExamples(200).forAll(longs().all(), integers().between(0, 40), integers().between(0, 40))
        .checkAssert((seed, na, nb) -> {
          SplittableRandom r = new SplittableRandom(seed);
          TopItems a = new TopItems(AccountProfile.TOP_MAP_SIZE);
          TopItems b = new TopItems(AccountProfile.TOP_MAP_SIZE);
          LongsSketch da = new LongsSketch(AccountProfile.TOP_MAP_SIZE);
          LongsSketch db = new LongsSketch(AccountProfile.TOP_MAP_SIZE);
          for (int i = 0; i < na; i++) {
            long item = r.nextInt(12) + 1;
            a.update(item);
            da.update(item);
          }
          for (int i = 0; i < nb; i++) {
            long item = r.nextInt(12) + 1;
            b.update(item);
            db.update(item);
          }
          a.merge(b);
          da.merge(db);
          assertThat(a.toByteArray()).isEqualTo(da.toByteArray());
          assertThat(a.maxEstimate()).isEqualTo(
              da.isEmpty() ? 0 : da.getFrequentItems(org.apache.datasketches.frequencies.ErrorType.NO_FALSE_NEGATIVES)[0].getEstimate());
        });
  }

  @Test
  void gapSketch_anyStream_sameBytesAsKllFedDirectly() throws Exception {
    Random kllRandom = kllRandom();
    qt().withExamples(200).forAll(longs().all(), integers().between(0, 60)).checkAssert((seed, n) -> {
      SplittableRandom r = new SplittableRandom(seed);
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = (float) (r.nextDouble() * 3600);
      }
      // KLL compaction draws from one static Random: same seed for both, so the same coin flips.
      kllRandom.setSeed(seed);
      GapSketch g = new GapSketch(AccountProfile.KLL_K);
      for (float v : values) {
        g.update(v);
      }
      byte[] buffered = g.toByteArray();
      kllRandom.setSeed(seed);
      KllFloatsSketch direct = KllFloatsSketch.newHeapInstance(AccountProfile.KLL_K);
      for (float v : values) {
        direct.update(v);
      }
      assertThat(buffered).isEqualTo(direct.toByteArray());
      assertThat(g.isEmpty()).isEqualTo(n == 0);
      if (n > 0) {
        assertThat(g.quantile(0.5)).isEqualTo(direct.getQuantile(0.5));
      }
    });
  }

  @Test
  void distinctCounter_anyStream_sameBytesAsHllFedInArrivalOrder() {
    qt().withExamples(300).forAll(longs().all(), integers().between(0, 200), integers().between(1, 60))
        .checkAssert((seed, n, alphabet) -> {
          SplittableRandom r = new SplittableRandom(seed);
          DistinctCounter c = new DistinctCounter(AccountProfile.LGK_MAIN);
          HllSketch direct = new HllSketch(AccountProfile.LGK_MAIN, TgtHllType.HLL_4);
          java.util.LinkedHashSet<Long> exact = new java.util.LinkedHashSet<>();
          for (int i = 0; i < n; i++) {
            long v = (r.nextInt(alphabet) + 1) * 0xC2B2AE3D27D4EB4FL;
            c.update(v);
            direct.update(v);
            exact.add(v);
          }
          if (exact.size() <= DistinctCounter.EXACT_CAPACITY) {
            assertThat(c.isSketch()).isFalse();
            assertThat(c.estimate()).isEqualTo(exact.size());
          } else {
            // the HIP estimate depends on insertion order: the exact stage must replay it faithfully
            assertThat(c.estimate()).isEqualTo(direct.getEstimate());
            assertThat(bytesOf(c)).endsWith(direct.toCompactByteArray());
          }
        });
  }

  @Test
  void completionHistogram_bucketPastIntMax_widensWithoutLoss() {
    AccountProfile p = new AccountProfile();
    p.addCompletions(3, 7);
    p.addCompletions(5, Integer.MAX_VALUE);
    p.addCompletions(5, 10);
    assertThat(p.completions(3)).isEqualTo(7);
    assertThat(p.completions(5)).isEqualTo(Integer.MAX_VALUE + 10L);
    AccountProfile q = AccountProfile.fromBytes(p.toBytes());
    assertThat(q.completions(5)).isEqualTo(Integer.MAX_VALUE + 10L);
    assertThat(q.toBytes()).isEqualTo(p.toBytes());
  }

  private static byte[] bytesOf(DistinctCounter c) {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bos)) {
      c.write(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  private static Random kllRandom() throws ReflectiveOperationException {
    Field f = Class.forName("org.apache.datasketches.kll.KllSketch").getDeclaredField("random");
    f.setAccessible(true);
    return (Random) f.get(null);
  }
}
