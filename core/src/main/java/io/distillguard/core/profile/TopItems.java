package io.distillguard.core.profile;

import java.util.Arrays;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;

/**
 * Frequent-items counts of 64-bit hashes that keep the first few distinct items as exact (hash,
 * count) pairs and create the DataSketches {@link LongsSketch} only when more arrive.
 *
 * <p>Why: an empty {@code LongsSketch} costs ~280 bytes of heap, and most accounts use a handful of
 * templates. While the pairs are inline the counts are exact, which is also what the sketch reports
 * before its first purge (offset 0). The sketch is then built by replaying the pairs, in
 * first-appearance order, with their counts: its hash map places keys in insertion order and resizes
 * at the same distinct counts, so the replayed sketch is identical to one fed the original stream,
 * and {@link #toByteArray()} writes the same bytes either way.
 *
 * <p>Not thread-safe.
 */
final class TopItems {

  /** Distinct items kept inline (below the sketch's first purge, past 3/4 of its map size). */
  static final int INLINE = 8;

  private final int mapSize;
  private long[] pairs = new long[2]; // hash, count; null once the sketch exists
  private int size;
  private LongsSketch sketch;

  TopItems(int mapSize) {
    if (4 * INLINE >= 3 * mapSize) {
      throw new IllegalArgumentException("map size too small for the inline pairs: " + mapSize);
    }
    this.mapSize = mapSize;
  }

  /** Wraps a sketch read from bytes. */
  static TopItems of(int mapSize, LongsSketch sketch) {
    TopItems t = new TopItems(mapSize);
    t.pairs = null;
    t.sketch = sketch;
    return t;
  }

  /** Adds one occurrence of {@code item} and returns its estimated count (as {@code getEstimate}). */
  long update(long item) {
    if (sketch != null) {
      sketch.update(item);
      return sketch.getEstimate(item);
    }
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i] == item) {
        return ++pairs[2 * i + 1];
      }
    }
    if (size == INLINE) {
      sketch = toSketch();
      pairs = null;
      sketch.update(item);
      return sketch.getEstimate(item);
    }
    if (2 * size == pairs.length) {
      pairs = Arrays.copyOf(pairs, 2 * pairs.length);
    }
    pairs[2 * size] = item;
    pairs[2 * size + 1] = 1;
    size++;
    return 1;
  }

  /** The sketch itself, or a new one equal to what the inline pairs' stream would have built. */
  LongsSketch toSketch() {
    if (sketch != null) {
      return sketch;
    }
    LongsSketch s = new LongsSketch(mapSize);
    for (int i = 0; i < size; i++) {
      s.update(pairs[2 * i], pairs[2 * i + 1]);
    }
    return s;
  }

  /** Folds another's counts in (sketch merge). */
  void merge(TopItems o) {
    if (sketch == null) {
      sketch = toSketch();
      pairs = null;
    }
    sketch.merge(o.toSketch());
  }

  /** Largest estimated count of any item (no false negatives), 0 when empty. */
  long maxEstimate() {
    if (sketch == null) {
      long max = 0; // inline counts are exact: no sketch built (and dropped) per call
      for (int i = 0; i < size; i++) {
        max = Math.max(max, pairs[2 * i + 1]);
      }
      return max;
    }
    LongsSketch.Row[] rows = toSketch().getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
    return rows.length == 0 ? 0 : rows[0].getEstimate();
  }

  byte[] toByteArray() {
    return toSketch().toByteArray();
  }
}
