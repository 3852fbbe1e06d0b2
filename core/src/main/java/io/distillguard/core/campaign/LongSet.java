package io.distillguard.core.campaign;

/**
 * Open-addressing set of non-zero {@code long}s, grown at 3/4 load: the per-account record of
 * evidence keys already posted, bounded by the account's key budgets. No boxing; {@code 0} is the
 * empty sentinel (keys are never 0).
 */
final class LongSet {
  private long[] slots = new long[8];
  private int size;

  int size() {
    return size;
  }

  boolean contains(long key) {
    long[] s = slots;
    int mask = s.length - 1;
    for (int i = GraphCampaignLinker.spread(key) & mask; ; i = (i + 1) & mask) {
      long v = s[i];
      if (v == key) {
        return true;
      }
      if (v == 0) {
        return false;
      }
    }
  }

  /** Adds the key; false when it was present already. */
  boolean add(long key) {
    if (contains(key)) {
      return false;
    }
    // Load up to 3/4: the account caps (72 content + 24 other keys) then fit 128 slots, 1 KB
    // instead of 2 KB per heavy account; linear probing stays short at that load.
    if ((size + 1) * 4 > slots.length * 3) {
      long[] old = slots;
      slots = new long[old.length * 2];
      for (long v : old) {
        if (v != 0) {
          insert(v);
        }
      }
    }
    insert(key);
    size++;
    return true;
  }

  private void insert(long key) {
    long[] s = slots;
    int mask = s.length - 1;
    int i = GraphCampaignLinker.spread(key) & mask;
    while (s[i] != 0) {
      i = (i + 1) & mask;
    }
    s[i] = key;
  }

  /**
   * Whether a key whose low 4 bits (its kind tag, see {@code GraphCampaignLinker#key}) are in
   * {@code tagMask} is in both sets.
   */
  boolean sharesAny(LongSet other, int tagMask) {
    for (long v : slots) {
      if (v != 0 && (tagMask & (1 << (v & 0xf))) != 0 && other.contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** Calls the consumer for every key. */
  void forEach(java.util.function.LongConsumer c) {
    for (long v : slots) {
      if (v != 0) {
        c.accept(v);
      }
    }
  }

  long bytes() {
    return 16L + 8L * slots.length;
  }
}
