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
 * even in its list mode; eight longs cost 64 bytes and are exact (the first is a field: most
 * counters of most accounts hold one value). Large accounts pay for the
 * sketch: {@code 2^(lgK-1)} bytes of registers, relative standard error {@code 1.04/sqrt(2^lgK)}
 * (lgK 8: 6.5%, lgK 10: 3.3%). Below the HLL's own list/set thresholds the estimate stays
 * (near-)exact.
 *
 * <p>Not thread-safe.
 */
final class DistinctCounter {

  static final int EXACT_CAPACITY = 8;

  private final byte lgK;
  // Exact values in insertion order (the HLL's HIP estimate depends on it): the first inline, the
  // rest in a small array, so the common one-value counter (one IP, one ASN) needs no array at all.
  private long first;
  private long[] rest; // values 2..size, null until the second value
  private byte size; // <= EXACT_CAPACITY; a byte keeps the object at 32 bytes
  private HllSketch hll; // non-null once upgraded

  DistinctCounter(int lgK) {
    if (lgK < 4 || lgK > 16) {
      throw new IllegalArgumentException("lgK must be in [4, 16]: " + lgK);
    }
    this.lgK = (byte) lgK;
  }

  void update(long hash) {
    if (hll != null) {
      hll.update(hash);
      return;
    }
    if (contains(hash)) {
      return;
    }
    if (size == EXACT_CAPACITY) {
      upgrade();
      hll.update(hash);
      return;
    }
    if (size == 0) {
      first = hash;
    } else {
      int r = size - 1; // index in rest
      if (rest == null) {
        rest = new long[1];
      } else if (r == rest.length) {
        rest = Arrays.copyOf(rest, Math.min(EXACT_CAPACITY - 1, 2 * r + 1));
      }
      rest[r] = hash;
    }
    size++;
  }

  private boolean contains(long hash) {
    if (size == 0) {
      return false;
    }
    if (first == hash) {
      return true;
    }
    for (int i = 0; i < size - 1; i++) {
      if (rest[i] == hash) {
        return true;
      }
    }
    return false;
  }

  /** The i-th exact value in insertion order, {@code 0 <= i < size}. */
  private long exactAt(int i) {
    return i == 0 ? first : rest[i - 1];
  }

  private void upgrade() {
    hll = new HllSketch(lgK, TgtHllType.HLL_4);
    for (int i = 0; i < size; i++) {
      hll.update(exactAt(i));
    }
    rest = null;
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
        update(other.exactAt(i));
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
        out.writeLong(exactAt(i));
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
