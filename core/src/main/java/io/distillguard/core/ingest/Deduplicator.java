package io.distillguard.core.ingest;

import net.openhft.hashing.LongHashFunction;

/**
 * Recognises repeated {@code request_id}s (duplicate deliveries) in bounded memory.
 *
 * <p><b>Design.</b> Two generations of open-addressing sets of 64-bit xxh3 hashes. New ids go into
 * the current generation; when it holds {@code capacity} ids it becomes the previous generation and
 * the old previous one is dropped. A lookup checks both. Memory is fixed at {@code 2 × 2 × capacity
 * × 8} bytes (load factor 1/2), about 32 MiB for the default one million.
 *
 * <p><b>Error trade-off.</b> Unlike a Bloom filter, false positives (a new id taken for a duplicate)
 * need a full 64-bit hash collision, probability about {@code n²/2⁶⁵}: about 3·10⁻⁸ for 10⁶ ids in
 * memory. The price is a horizon instead: a duplicate arriving more than {@code capacity} (at least)
 * to {@code 2 × capacity} (at most) distinct ids after the original is not recognised and is counted
 * twice. Redeliveries come seconds after the original, far inside that horizon.
 *
 * <p>Not thread-safe.
 */
public final class Deduplicator {

  /** Default number of ids per generation. */
  public static final int DEFAULT_CAPACITY = 1 << 20;

  private static final LongHashFunction HASH = LongHashFunction.xx3();
  // 0 marks an empty slot; a hash that happens to be 0 is stored as this instead.
  private static final long ZERO_REPLACEMENT = 0x9E37_79B9_7F4A_7C15L;

  private final int capacity;
  private final int mask;
  private long[] current;
  private long[] previous;
  private int size;
  private long duplicates;

  public Deduplicator() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * @param capacity ids remembered per generation, at least 16; memory is {@code 32 × capacity}
   *     bytes
   */
  public Deduplicator(int capacity) {
    if (capacity < 16 || capacity > (1 << 28)) {
      throw new IllegalArgumentException("capacity must be in [16, 2^28]: " + capacity);
    }
    int slots = Integer.highestOneBit(capacity - 1) << 2; // power of two >= 2 × capacity
    this.capacity = capacity;
    this.mask = slots - 1;
    this.current = new long[slots];
    this.previous = new long[slots];
  }

  /**
   * Records a request id and returns true if it was seen before (within the horizon), in which case
   * the caller should drop the exchange.
   */
  public boolean isDuplicate(String requestId) {
    long h = HASH.hashChars(requestId);
    if (h == 0) {
      h = ZERO_REPLACEMENT;
    }
    if (contains(current, h) || contains(previous, h)) {
      duplicates++;
      return true;
    }
    if (size == capacity) {
      long[] t = previous;
      java.util.Arrays.fill(t, 0L);
      previous = current;
      current = t;
      size = 0;
    }
    insert(current, h);
    size++;
    return false;
  }

  /** Duplicates recognised so far. */
  public long duplicates() {
    return duplicates;
  }

  private boolean contains(long[] table, long h) {
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (true) {
      long v = table[i];
      if (v == h) {
        return true;
      }
      if (v == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  private void insert(long[] table, long h) {
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = h;
  }
}
