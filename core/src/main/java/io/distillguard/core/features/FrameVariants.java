package io.distillguard.core.features;

import java.util.Arrays;

/**
 * Near-duplicate keys of a system prompt's frame: frames one sentence apart share one (see {@code
 * TemplateFingerprint.frame}). Immutable, compared by value.
 */
public final class FrameVariants {

  /** No keys: no frame, or one the extractor does not vary. */
  public static final FrameVariants NONE = new FrameVariants(new long[0]);

  private final long[] keys;

  private FrameVariants(long[] keys) {
    this.keys = keys;
  }

  /** Wraps {@code keys} (taken over, not copied: callers hand over a fresh array). */
  static FrameVariants wrap(long[] keys) {
    return keys.length == 0 ? NONE : new FrameVariants(keys);
  }

  /** Variants with the given keys (copied). */
  public static FrameVariants of(long... keys) {
    return wrap(keys.clone());
  }

  public int size() {
    return keys.length;
  }

  public long key(int i) {
    return keys[i];
  }

  /**
   * The first key: the whole sentence list's, stamps left out, so copies of one prompt that differ
   * only in a stamp have the same; 0 for none.
   */
  public long sentences() {
    return keys.length > 0 ? keys[0] : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameVariants v && Arrays.equals(keys, v.keys);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keys);
  }

  @Override
  public String toString() {
    return "FrameVariants" + Arrays.toString(keys);
  }
}
