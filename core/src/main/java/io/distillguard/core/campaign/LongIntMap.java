package io.distillguard.core.campaign;

/**
 * Open-addressing {@code long -> int} map with backward-shift deletion, for the key -> posting slot
 * index (millions of keys, so no boxed {@code Long}s). {@code 0} is the empty key sentinel.
 */
final class LongIntMap {
  static final int MISSING = -1;
  private long[] keys = new long[1024];
  private int[] vals = new int[1024];
  private int size;

  int size() {
    return size;
  }

  int get(long key) {
    long[] k = keys;
    int mask = k.length - 1;
    for (int i = GraphCampaignLinker.spread(key) & mask; ; i = (i + 1) & mask) {
      long v = k[i];
      if (v == key) {
        return vals[i];
      }
      if (v == 0) {
        return MISSING;
      }
    }
  }

  void put(long key, int value) {
    if ((size + 1) * 4 > keys.length * 3) {
      rehash(keys.length * 2);
    }
    long[] k = keys;
    int mask = k.length - 1;
    int i = GraphCampaignLinker.spread(key) & mask;
    while (k[i] != 0 && k[i] != key) {
      i = (i + 1) & mask;
    }
    if (k[i] == 0) {
      size++;
    }
    k[i] = key;
    vals[i] = value;
  }

  void remove(long key) {
    long[] k = keys;
    int mask = k.length - 1;
    int i = GraphCampaignLinker.spread(key) & mask;
    while (k[i] != key) {
      if (k[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps probe chains intact without tombstones.
    int gap = i;
    for (int j = (i + 1) & mask; k[j] != 0; j = (j + 1) & mask) {
      int home = GraphCampaignLinker.spread(k[j]) & mask;
      boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
      if (movable) {
        k[gap] = k[j];
        vals[gap] = vals[j];
        gap = j;
      }
    }
    k[gap] = 0;
    size--;
  }

  private void rehash(int capacity) {
    long[] oldK = keys;
    int[] oldV = vals;
    keys = new long[capacity];
    vals = new int[capacity];
    size = 0;
    for (int i = 0; i < oldK.length; i++) {
      if (oldK[i] != 0) {
        put(oldK[i], oldV[i]);
      }
    }
  }

  /** Adds {@code delta} to the key's value (absent counts as 0) and returns the new value. */
  int add(long key, int delta) {
    int v = get(key);
    int n = v == MISSING ? delta : v + delta;
    put(key, n);
    return n;
  }

  /** Calls {@code action} for every entry, in table order. */
  void forEach(EntryConsumer action) {
    long[] k = keys;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != 0) {
        action.accept(k[i], vals[i]);
      }
    }
  }

  /** One entry of the map. */
  interface EntryConsumer {
    void accept(long key, int value);
  }

  long bytes() {
    return 32L + 12L * keys.length;
  }
}
