package io.distillguard.core.ingest;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Restores event-time order to a stream with small disorder, as the engine requires.
 *
 * <p>Items are held until the watermark ({@code newest time seen − slack}) passes them, then
 * released in time order (arrival order among equal times). An item that arrives already behind the
 * watermark is late: it is released at once, not dropped, and counted in {@link #late()}; the
 * consumer sees its original time and decides what to do (the analyzer clamps it to the last
 * released time so the engine's clock never goes backwards). At most {@code maxHeld} items are held;
 * beyond that the oldest are released early, which bounds memory when the input is dense in event
 * time.
 *
 * <p>Not thread-safe.
 *
 * @param <T> the item type
 */
public final class ReorderBuffer<T> {

  private final long slackMillis;
  private final int maxHeld;
  private final Consumer<T> sink;
  private final PriorityQueue<Held<T>> queue;
  private long seq;
  private long maxSeen = Long.MIN_VALUE;
  private long lastReleased = Long.MIN_VALUE;
  private long late;

  /**
   * @param slackMillis how far behind the newest time an item may arrive and still be ordered
   * @param maxHeld most items held at once, at least 1
   * @param sink receives items in release order
   */
  public ReorderBuffer(long slackMillis, int maxHeld, Consumer<T> sink) {
    if (slackMillis < 0) {
      throw new IllegalArgumentException("slackMillis must be >= 0: " + slackMillis);
    }
    if (maxHeld < 1) {
      throw new IllegalArgumentException("maxHeld must be >= 1: " + maxHeld);
    }
    this.slackMillis = slackMillis;
    this.maxHeld = maxHeld;
    this.sink = java.util.Objects.requireNonNull(sink, "sink");
    this.queue = new PriorityQueue<>(Math.min(maxHeld, 1024) + 1);
  }

  /** Offers one item with its event time; releases whatever the new watermark allows. */
  public void offer(T item, long tsMillis) {
    if (tsMillis < lastReleased) {
      late++;
      sink.accept(item);
      return;
    }
    if (slackMillis == 0 && queue.isEmpty() && tsMillis >= maxSeen) {
      maxSeen = tsMillis;
      lastReleased = tsMillis;
      sink.accept(item); // in-order fast path
      return;
    }
    if (tsMillis > maxSeen) {
      maxSeen = tsMillis;
    }
    queue.add(new Held<>(item, tsMillis, seq++));
    long watermark = maxSeen - slackMillis;
    Held<T> h;
    while ((h = queue.peek()) != null && (h.ts <= watermark || queue.size() > maxHeld)) {
      queue.poll();
      lastReleased = h.ts;
      sink.accept(h.item);
    }
  }

  /** Releases everything still held, in time order (call at end of input). */
  public void flush() {
    Held<T> h;
    while ((h = queue.poll()) != null) {
      lastReleased = h.ts;
      sink.accept(h.item);
    }
  }

  /** Items that arrived behind the watermark. */
  public long late() {
    return late;
  }

  /** Items currently held. */
  public int held() {
    return queue.size();
  }

  /** Time of the last item released in order, or {@link Long#MIN_VALUE} before the first. */
  public long lastReleasedMillis() {
    return lastReleased;
  }

  private static final class Held<T> implements Comparable<Held<T>> {
    final T item;
    final long ts;
    final long seq;

    Held(T item, long ts, long seq) {
      this.item = item;
      this.ts = ts;
      this.seq = seq;
    }

    @Override
    public int compareTo(Held<T> o) {
      int c = Long.compare(ts, o.ts);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
