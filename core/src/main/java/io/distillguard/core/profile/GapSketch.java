package io.distillguard.core.profile;

import java.util.Arrays;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * KLL float quantiles that buffer the first few values and create the DataSketches {@link
 * KllFloatsSketch} only when more arrive.
 *
 * <p>Why: a KLL sketch costs ~150 bytes of heap even with one value, and most accounts have only a
 * few inter-arrival gaps. The buffer holds no more values than the sketch's level-0 capacity, so the
 * sketch built by replaying it has not compacted (no random halving) and is identical to one fed the
 * original stream; {@link #toByteArray()} writes the same bytes either way.
 *
 * <p>Not thread-safe.
 */
final class GapSketch {

  /** Values buffered before the sketch is created: KLL's level 0 holds max(k, 8) before compacting. */
  static final int BUFFER = 8;

  private final int k;
  private float[] buf = new float[1]; // null once the sketch exists
  private int size;
  private KllFloatsSketch sketch;

  GapSketch(int k) {
    this.k = k;
  }

  /** Wraps a sketch read from bytes. */
  static GapSketch of(int k, KllFloatsSketch sketch) {
    GapSketch g = new GapSketch(k);
    g.buf = null;
    g.sketch = sketch;
    return g;
  }

  void update(float v) {
    if (sketch != null) {
      sketch.update(v);
      return;
    }
    if (size == BUFFER) {
      sketch = toSketch();
      buf = null;
      sketch.update(v);
      return;
    }
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(BUFFER, 2 * size));
    }
    buf[size++] = v;
  }

  /** The sketch itself, or a new one equal to what the buffered stream would have built. */
  KllFloatsSketch toSketch() {
    if (sketch != null) {
      return sketch;
    }
    KllFloatsSketch s = KllFloatsSketch.newHeapInstance(k);
    for (int i = 0; i < size; i++) {
      s.update(buf[i]);
    }
    return s;
  }

  void merge(GapSketch o) {
    if (sketch == null) {
      sketch = toSketch();
      buf = null;
    }
    sketch.merge(o.toSketch());
  }

  boolean isEmpty() {
    return sketch == null ? size == 0 : sketch.isEmpty();
  }

  double quantile(double q) {
    return toSketch().getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
  }

  byte[] toByteArray() {
    return toSketch().toByteArray();
  }
}
