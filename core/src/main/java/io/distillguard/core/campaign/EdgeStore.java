package io.distillguard.core.campaign;

import java.util.Arrays;

/**
 * The link graph's edges as parallel primitive arrays (struct of arrays) indexed by an int edge id,
 * with a {@code pair -> id} open-addressing map and a free list.
 *
 * <p>Why not a {@code HashMap<Long, Edge>}: reclustering sweeps every edge every few event-minutes;
 * over objects that sweep was half the analyze time (pointer chasing through map nodes, edge
 * objects and their arrays). Over arrays it is a sequential scan of a few floats per edge.
 *
 * <p>Decay is lazy and global: evidence is stored <em>scaled</em> by {@code 2^((t - epoch) /
 * halfLife)} at the time {@code t} it is added, so its value at {@code now} is the stored value
 * times {@link #down()}, one factor for all edges; no edge is touched to decay it. {@link
 * #setNow} renormalises the stored values when the scale would grow large (every ~8 half-lives).
 * The activity-correlation group is recomputed, not accumulated, and is stored unscaled.
 */
final class EdgeStore {
  static final int G = EvidenceKind.Group.COUNT;
  /** Groups fed by keys (all but activity correlation): these decay and are re-rated. */
  static final int R = EvidenceKind.Group.SYNC;
  private static final int RENORMALISE_HALF_LIVES = 8;
  /** Approximate heap bytes per edge (arrays + map entry at load <= 0.75). */
  static final int BYTES_PER_EDGE = 4 + 4 + 4 * G + 4 * R + 4 * R + 4 + 4 + 4 + 4 + 4 + 4 + 1 + 24;
  /** {@link #poolHour}: the two ends were seen to share network or payment infrastructure. */
  static final int SHARES_INFRA = Integer.MAX_VALUE;

  private final LongIntMap index = new LongIntMap();
  private final double halfLife;
  private long epoch = Long.MIN_VALUE;
  private double up = 1;
  private double down = 1;

  int[] ea = new int[256];
  int[] eb = new int[256];
  /** Group evidence, {@code [edge * G + group]}; scaled for groups below {@link #R}. */
  float[] g = new float[256 * G];
  /** Last key slot that added to each rated group, and its weight then (for re-rating). */
  int[] slot = new int[256 * R];
  float[] weightAt = new float[256 * R];
  /** Campaign-signature evidence (scaled), its key slot and weight then. */
  float[] sig = new float[256];
  int[] sigSlot = new int[256];
  float[] sigWeightAt = new float[256];
  /** Event hour of the last correlation computed, and its value. */
  int[] syncHour = new int[256];
  /** Hour at which two rotating ends were last found on disjoint infrastructure, or SHARES_INFRA. */
  int[] poolHour = new int[256];
  float[] r = new float[256];
  boolean[] accepted = new boolean[256];
  boolean[] live = new boolean[256];

  /** One past the highest edge id ever used. */
  int limit;
  private int size;
  private int[] free = new int[16];
  private int freeCount;

  EdgeStore(long halfLifeMillis) {
    this.halfLife = halfLifeMillis;
  }

  /** Advances the decay clock; {@code now} must not decrease (callers pass monotone time). */
  void setNow(long now) {
    if (epoch == Long.MIN_VALUE) {
      epoch = now;
    }
    double halfLives = (now - epoch) / halfLife;
    if (halfLives > RENORMALISE_HALF_LIVES) {
      float f = (float) Math.pow(0.5, halfLives);
      for (int e = 0; e < limit; e++) {
        if (!live[e]) {
          continue;
        }
        for (int k = 0; k < R; k++) {
          g[e * G + k] *= f;
        }
        sig[e] *= f;
      }
      epoch = now;
      halfLives = 0;
    }
    up = Math.pow(2, halfLives);
    down = 1 / up;
  }

  /** Factor that turns stored (scaled) evidence into its value now. */
  double down() {
    return down;
  }

  /** Factor that turns evidence now into its stored (scaled) form. */
  double up() {
    return up;
  }

  int size() {
    return size;
  }

  int find(int x, int y) {
    return index.get(GraphCampaignLinker.pairKey(x, y));
  }

  /** A new, empty edge between two accounts not yet linked. */
  int add(int x, int y) {
    int e;
    if (freeCount > 0) {
      e = free[--freeCount];
    } else {
      if (limit == ea.length) {
        grow(ea.length * 2);
      }
      e = limit++;
    }
    ea[e] = Math.min(x, y);
    eb[e] = Math.max(x, y);
    Arrays.fill(g, e * G, e * G + G, 0f);
    Arrays.fill(slot, e * R, e * R + R, 0);
    Arrays.fill(weightAt, e * R, e * R + R, 0f);
    sig[e] = 0;
    sigSlot[e] = 0;
    sigWeightAt[e] = 0;
    syncHour[e] = Integer.MIN_VALUE;
    poolHour[e] = Integer.MIN_VALUE;
    r[e] = 0;
    accepted[e] = false;
    live[e] = true;
    index.put(GraphCampaignLinker.pairKey(x, y), e);
    size++;
    return e;
  }

  void remove(int e) {
    index.remove(GraphCampaignLinker.pairKey(ea[e], eb[e]));
    live[e] = false;
    accepted[e] = false;
    size--;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = e;
  }

  /** Adds evidence {@code w} (a value now) to a rated group, capped at {@code cap} (a value now). */
  void addGroup(int e, int group, float w, float cap) {
    int i = e * G + group;
    g[i] = (float) Math.min(cap * up, g[i] + w * up);
  }

  void addSignature(int e, float w, float cap) {
    sig[e] = (float) Math.min(cap * up, sig[e] + w * up);
  }

  /** Current (decayed) value of a group; the correlation group is never decayed. */
  float group(int e, int group) {
    float v = g[e * G + group];
    return group < R ? (float) (v * down) : v;
  }

  float signature(int e) {
    return (float) (sig[e] * down);
  }

  /** All current evidence on the edge. */
  float total(int e) {
    int base = e * G;
    float t = sig[e];
    for (int k = 0; k < R; k++) {
      t += g[base + k];
    }
    return (float) (t * down) + g[base + R];
  }

  long bytes() {
    return index.bytes() + (long) ea.length * (BYTES_PER_EDGE - 24) + 4L * free.length;
  }

  private void grow(int n) {
    ea = Arrays.copyOf(ea, n);
    eb = Arrays.copyOf(eb, n);
    g = Arrays.copyOf(g, n * G);
    slot = Arrays.copyOf(slot, n * R);
    weightAt = Arrays.copyOf(weightAt, n * R);
    sig = Arrays.copyOf(sig, n);
    sigSlot = Arrays.copyOf(sigSlot, n);
    sigWeightAt = Arrays.copyOf(sigWeightAt, n);
    syncHour = Arrays.copyOf(syncHour, n);
    poolHour = Arrays.copyOf(poolHour, n);
    r = Arrays.copyOf(r, n);
    accepted = Arrays.copyOf(accepted, n);
    live = Arrays.copyOf(live, n);
  }
}
