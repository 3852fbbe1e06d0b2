package io.distillguard.core.engine;

import io.distillguard.core.detect.Reason;
import java.util.List;

/**
 * Bounded, direct-mapped intern table for the reason lists the engine keeps per account.
 *
 * <p>Why: every account holds its latest reasons between refreshes, and a reason's sentence is a
 * formatted string of ~100 bytes. Small and new accounts share most of them exactly (the same
 * evidence-strength sentence for the same event count, the same coarse shares), so equal reasons and
 * equal lists are stored once. Equal values only: what callers see is unchanged. Fixed size, last
 * writer wins on a slot collision, so memory stays bounded whatever the traffic.
 *
 * <p>Not thread-safe (one per engine).
 */
final class ReasonCache {

  private static final int SLOTS = 1 << 12;
  private static final int MASK = SLOTS - 1;

  private final Reason[] reasons = new Reason[SLOTS];
  @SuppressWarnings("unchecked")
  private final List<Reason>[] lists = new List[SLOTS];

  /** An immutable list equal to {@code list} (itself immutable), shared with earlier equal ones. */
  List<Reason> intern(List<Reason> list) {
    if (list.isEmpty()) {
      return List.of();
    }
    int slot = spread(list.hashCode());
    List<Reason> hit = lists[slot];
    if (hit != null && hit.equals(list)) {
      return hit;
    }
    Reason[] shared = new Reason[list.size()];
    for (int i = 0; i < shared.length; i++) {
      shared[i] = intern(list.get(i));
    }
    List<Reason> out = List.of(shared);
    lists[slot] = out;
    return out;
  }

  private Reason intern(Reason r) {
    int slot = spread(r.hashCode());
    Reason hit = reasons[slot];
    if (hit != null && hit.equals(r)) {
      return hit;
    }
    reasons[slot] = r;
    return r;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16) ^ (h >>> 8)) & MASK;
  }
}
