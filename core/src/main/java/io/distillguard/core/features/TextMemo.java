package io.distillguard.core.features;

/**
 * A small per-thread, direct-mapped memo of pure text computations (normalise, skeleton, scan).
 *
 * <p>Templated traffic repeats itself: system prompts almost always, whole user turns often (eval
 * harnesses, labelling jobs, retries). Every cached value is a pure function of its key, and a hit
 * requires {@link String#equals}, so results are identical to recomputing them; a crafted hash
 * collision only costs a miss. Memory is bounded: {@value #SLOTS} entries per thread, keys of at
 * most {@value #MAX_KEY_CHARS} characters (longer texts are not memoised).
 *
 * <p><b>Threading:</b> one instance per thread (see {@link FeatureExtractor}).
 */
final class TextMemo {

  static final int SLOTS = 4096;
  static final int MAX_KEY_CHARS = 4096;

  private final String[] keys = new String[SLOTS];
  private final Object[] values = new Object[SLOTS];
  private final int[] tags = new int[SLOTS];

  /** The value stored for {@code key} under {@code tag}, or null. */
  Object get(String key, int tag) {
    int i = slot(key, tag);
    String k = keys[i];
    return k != null && tags[i] == tag && (k == key || k.equals(key)) ? values[i] : null;
  }

  /** Stores {@code value}; keys that are too long are ignored. */
  void put(String key, int tag, Object value) {
    if (key.length() > MAX_KEY_CHARS) {
      return;
    }
    int i = slot(key, tag);
    keys[i] = key;
    tags[i] = tag;
    values[i] = value;
  }

  static boolean cacheable(String key) {
    return key.length() <= MAX_KEY_CHARS;
  }

  private static int slot(String key, int tag) {
    int h = key.hashCode() * 0x9E3779B1 + tag * 0x85EBCA6B;
    return (h ^ (h >>> 15)) & (SLOTS - 1);
  }
}
