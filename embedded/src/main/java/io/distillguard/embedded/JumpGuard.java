package io.distillguard.embedded;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * Keeps a lone event stamped far ahead of the rest of the stream from moving the stream's clock.
 *
 * <p><b>Why.</b> The reorder buffer takes the newest time it has seen as the stream's present. One
 * line stamped months or years ahead (a node with a stepped clock, a hand-edited or merged log)
 * then makes every later event late, and when it reaches the engine, the engine's clock jumps to
 * that time: state kept over a time window ages out at once, and campaigns found in the real
 * traffic vanish from the report (seen on the smoke simulation with one line stamped two months
 * ahead).
 *
 * <p><b>How.</b> An event more than the slack ahead of everything passed on so far (or the very
 * first event) waits here until the stream shows whether it is real. The next event at or past
 * {@code its time − slack} confirms it: it is passed on, just before that event, so a stream in
 * order (with disorder within the slack) reaches the reorder buffer in the same order as without
 * this guard, gaps included. Each event passed on while it waits and that is more than the slack
 * behind it counts against it; after {@value #CONTRADICTIONS} such events, or at the end of the
 * input after at least one and no confirmation, it is an outlier: handed to {@link
 * Sink#outlier}, which processes it at the stream's present time, as the analyzer does for late
 * events. At most {@value #MAX_PENDING} events wait at once; beyond that, events pass unguarded.
 *
 * <p>Not thread-safe.
 *
 * @param <T> the item type
 */
final class JumpGuard<T> {

  /** Events behind a waiting event that make it an outlier. */
  static final int CONTRADICTIONS = 16;
  /** Most events waiting for confirmation at once. */
  static final int MAX_PENDING = 64;

  /** Receives the guarded stream. */
  interface Sink<T> {
    /** An event whose time stands, in stream order. */
    void pass(T item, long tsMillis);

    /** An event whose time the stream contradicted; {@code presentMillis} is the stream's present. */
    void outlier(T item, long presentMillis);
  }

  private static final class Waiting<T> {
    final T item;
    final long ts;
    int against;

    Waiting(T item, long ts) {
      this.item = item;
      this.ts = ts;
    }
  }

  private final long slackMillis;
  private final Sink<T> sink;
  private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
  private long present = Long.MIN_VALUE; // newest time passed on
  private long outliers;

  JumpGuard(long slackMillis, Sink<T> sink) {
    if (slackMillis < 0) {
      throw new IllegalArgumentException("slackMillis must be >= 0: " + slackMillis);
    }
    this.slackMillis = slackMillis;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  void offer(T item, long tsMillis) {
    if (!waiting.isEmpty()) {
      for (Iterator<Waiting<T>> it = waiting.iterator(); it.hasNext(); ) {
        Waiting<T> w = it.next();
        if (tsMillis >= w.ts - slackMillis) {
          it.remove();
          pass(w.item, w.ts);
        }
      }
    }
    boolean ahead = present == Long.MIN_VALUE || tsMillis > present + slackMillis;
    if (ahead && waiting.size() < MAX_PENDING) {
      waiting.addLast(new Waiting<>(item, tsMillis));
      return;
    }
    pass(item, tsMillis);
    if (!waiting.isEmpty()) {
      // every event still waiting is more than the slack ahead of this one
      for (Iterator<Waiting<T>> it = waiting.iterator(); it.hasNext(); ) {
        Waiting<T> w = it.next();
        if (++w.against >= CONTRADICTIONS) {
          it.remove();
          outlier(w);
        }
      }
    }
  }

  /** Settles every waiting event (call at the end of input, before flushing the reorder buffer). */
  void finish() {
    Waiting<T> w;
    while ((w = waiting.pollFirst()) != null) {
      if (w.against > 0) {
        outlier(w);
      } else {
        pass(w.item, w.ts); // nothing came after it to say otherwise
      }
    }
  }

  /** Events handed over as outliers. */
  long outliers() {
    return outliers;
  }

  private void pass(T item, long ts) {
    present = Math.max(present, ts);
    sink.pass(item, ts);
  }

  private void outlier(Waiting<T> w) {
    outliers++;
    sink.outlier(w.item, present);
  }
}
