package io.distillguard.core.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Distinct count of 64-bit hashes that starts as a tiny exact set and upgrades to an HLL_4 sketch
 * once it holds more than {@link #EXACT_CAPACITY} values.
 *
 * <p>Why: most accounts are small, and an {@link HllSketch} object costs a few hundred bytes of heap
 * even in its list mode; eight inline longs cost 64 bytes and are exact. Large accounts pay for the
 * sketch: {@code 2^(lgK-1)} bytes of registers, relative standard error {@code 1.04/sqrt(2^lgK)}
 * (lgK 8: 6.5%, lgK 10: 3.3%). Below the HLL's own list/set thresholds the estimate stays
 * (near-)exact.
 *
 * <p>Not thread-safe.
 */
final class DistinctCounter {

  static final int EXACT_CAPACITY = 8;

  private final int lgK;
  private long[] exact; // null until the first value
  private int size;
  private HllSketch hll; // non-null once upgraded

  DistinctCounter(int lgK) {
    if (lgK < 4 || lgK > 16) {
      throw new IllegalArgumentException("lgK must be in [4, 16]: " + lgK);
    }
    this.lgK = lgK;
  }

  void update(long hash) {
    if (hll != null) {
      hll.update(hash);
      return;
    }
    if (exact == null) {
      exact = new long[2];
    }
    for (int i = 0; i < size; i++) {
      if (exact[i] == hash) {
        return;
      }
    }
    if (size == EXACT_CAPACITY) {
      upgrade();
      hll.update(hash);
      return;
    }
    if (size == exact.length) {
      exact = Arrays.copyOf(exact, Math.min(EXACT_CAPACITY, size * 2));
    }
    exact[size++] = hash;
  }

  private void upgrade() {
    hll = new HllSketch(lgK, TgtHllType.HLL_4);
    for (int i = 0; i < size; i++) {
      hll.update(exact[i]);
    }
    exact = null;
    size = 0;
  }

  double estimate() {
    return hll != null ? hll.getEstimate() : size;
  }

  boolean isSketch() {
    return hll != null;
  }

  int lgK() {
    return lgK;
  }

  void merge(DistinctCounter other) {
    if (other.hll == null) {
      for (int i = 0; i < other.size; i++) {
        update(other.exact[i]);
      }
      return;
    }
    if (hll == null) {
      upgrade();
    }
    Union u = new Union(lgK);
    u.update(hll);
    u.update(other.hll);
    hll = u.getResult(TgtHllType.HLL_4);
  }

  void write(DataOutput out) throws IOException {
    if (hll == null) {
      out.writeByte(0);
      out.writeByte(size);
      for (int i = 0; i < size; i++) {
        out.writeLong(exact[i]);
      }
    } else {
      byte[] b = hll.toCompactByteArray();
      out.writeByte(1);
      Varints.writeUnsigned(out, b.length);
      out.write(b);
    }
  }

  static DistinctCounter read(DataInput in, int lgK) throws IOException {
    DistinctCounter c = new DistinctCounter(lgK);
    int kind = in.readByte();
    if (kind == 0) {
      int n = in.readByte();
      if (n < 0 || n > EXACT_CAPACITY) {
        throw new IOException("bad exact set size " + n);
      }
      for (int i = 0; i < n; i++) {
        c.update(in.readLong());
      }
    } else if (kind == 1) {
      int len = Varints.readLength(in, 1 << 20);
      byte[] b = new byte[len];
      in.readFully(b);
      HllSketch h = HllSketch.heapify(b);
      if (h.getLgConfigK() != lgK) {
        throw new IOException("lgK " + h.getLgConfigK() + " != " + lgK);
      }
      c.hll = h;
    } else {
      throw new IOException("bad counter kind " + kind);
    }
    return c;
  }
}
