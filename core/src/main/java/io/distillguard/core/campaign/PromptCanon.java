package io.distillguard.core.campaign;

import io.distillguard.core.features.FrameVariants;
import java.util.Arrays;

/**
 * Names each system-prompt frame's group: the first frame seen one sentence apart from it (their
 * {@code frameVariants} share a key). A campaign whose workers each put their own sentence into one
 * prompt ("Your name is Maya, a careful assistant.") sends one group, as a campaign that stamps its
 * prompt with a date already sends one frame (the frame masks that). The linker keys the group
 * beside the frame ({@link EvidenceKind#SYSTEM_VARIANT}).
 *
 * <p>Only a frame that matched nothing registers its keys: a frame joins the first such
 * representative it is one sentence from, and never makes another frame a representative, so
 * prompts cannot drift apart sentence by sentence along a chain. The one exception is a copy that
 * the linker finds many accounts committed to ({@link #hub}): its keys name its group too, and a
 * group they meet is merged into it, so one operation's copies up to two sentences apart through
 * that copy are one group whichever was seen first.
 *
 * <p>Bounded by two generations, each of at most half of {@code maxFrames} frames and half of
 * {@code maxKeys} keys. When the current one is full it becomes the old one and the one before is
 * dropped. A frame or key found only in the old generation is copied into the current one, with
 * its group's name, so a group that is still being sent keeps its name and its keys; a group not
 * sent for a whole generation is forgotten. Why not stop storing once full: ordinary traffic
 * fills any fixed table (an app that writes each end user's name into its system prompt sends a
 * new frame per user), and an attacker can fill it on purpose before starting a campaign; either
 * way a long-running gateway would stop grouping prompts. Not thread-safe (the linker's thread).
 */
final class PromptCanon {

  /** One generation: frame and key to a representative's index in {@code representative}. */
  private static final class Generation {
    final LongIntMap byFrame = new LongIntMap();
    final LongIntMap byKey = new LongIntMap();
    long[] representative = new long[256];
    int count;

    int add(long rep) {
      if (count == representative.length) {
        representative = Arrays.copyOf(representative, count * 2);
      }
      representative[count] = rep;
      return count++;
    }

    long bytes() {
      return byFrame.bytes() + byKey.bytes() + 16L + 8L * representative.length;
    }
  }

  /** Most copies marked as a crowd's per generation (see hub); more wait for the next one. */
  static final int MAX_HUBS = 1024;
  private static final int HUB_PENDING = 1;
  private static final int HUB_REGISTERED = 2;

  private final int framesPerGeneration;
  private final int keysPerGeneration;
  private Generation current = new Generation();
  private Generation old = new Generation();
  /** Copies marked by {@link #hub}, this generation: pending until their next sighting. */
  private LongIntMap hubs = new LongIntMap();
  /** Of those, the ones still pending: while none is, a sighting costs no lookup in hubs. */
  private int pendingHubs;

  PromptCanon(int maxFrames, int maxKeys) {
    this.framesPerGeneration = Math.max(1, maxFrames / 2);
    this.keysPerGeneration = Math.max(1, maxKeys / 2);
  }

  /** The representative frame of {@code frame} (itself when new or without variants); 0 for 0. */
  long of(long frame, FrameVariants variants) {
    if (frame == 0 || variants.size() == 0) {
      return frame;
    }
    int id = current.byFrame.get(frame);
    if (id != LongIntMap.MISSING) {
      long rep = current.representative[id];
      return pendingHub(frame) ? registerHub(frame, rep, variants) : rep;
    }
    if (current.byFrame.size() >= framesPerGeneration
        || current.byKey.size() + variants.size() > keysPerGeneration) {
      old = current;
      current = new Generation();
      hubs = new LongIntMap(); // marked again at the next recount
      pendingHubs = 0;
    }
    long rep = 0;
    id = old.byFrame.get(frame);
    if (id != LongIntMap.MISSING) {
      rep = old.representative[id];
    }
    // Keys: a match in the current generation names the frame; one only in the old generation
    // does too (when the frame itself was not found) and is carried over, so the group stays
    // reachable from new variants after the old generation is dropped.
    for (int i = 0; i < variants.size() && rep == 0; i++) {
      int k = current.byKey.get(variants.key(i));
      if (k != LongIntMap.MISSING) {
        rep = current.representative[k];
      }
    }
    for (int i = 0; i < variants.size(); i++) {
      long v = variants.key(i);
      int k = old.byKey.get(v);
      if (k == LongIntMap.MISSING) {
        continue;
      }
      long oldRep = old.representative[k];
      if (rep == 0) {
        rep = oldRep;
      }
      if (oldRep == rep && current.byKey.get(v) == LongIntMap.MISSING) {
        current.byKey.put(v, repIndex(rep));
      }
    }
    if (rep == 0) {
      // Matched nothing: a new representative, and only it registers its keys.
      rep = frame;
      int repId = repIndex(rep);
      for (int i = 0; i < variants.size(); i++) {
        long v = variants.key(i);
        if (current.byKey.get(v) == LongIntMap.MISSING) {
          current.byKey.put(v, repId);
        }
      }
    }
    current.byFrame.put(frame, repIndex(rep));
    return pendingHub(frame) ? registerHub(frame, rep, variants) : rep;
  }

  /**
   * Marks {@code frame}, a member copy that many accounts send, as a hub: at its next sighting its
   * own keys name its group too, and a group one of them already names is merged into it. A group
   * is otherwise a star around its first copy, and an operation whose workers each vary its prompt
   * in two places (a name of their own, a reworded request) sends copies two sentences apart, which
   * fall into groups by which was seen first. Only copies a crowd sends: any member's keys would
   * let unrelated prompts chain into one group sentence by sentence.
   */
  void hub(long frame) {
    if (frame != 0 && hubs.get(frame) == LongIntMap.MISSING && hubs.size() < MAX_HUBS) {
      hubs.put(frame, HUB_PENDING);
      pendingHubs++;
    }
  }

  private boolean pendingHub(long frame) {
    return pendingHubs > 0 && hubs.get(frame) == HUB_PENDING;
  }

  private long registerHub(long frame, long rep, FrameVariants variants) {
    hubs.put(frame, HUB_REGISTERED);
    pendingHubs--;
    int repId = repIndex(rep);
    for (int i = 0; i < variants.size(); i++) {
      long v = variants.key(i);
      int k = current.byKey.get(v);
      if (k == LongIntMap.MISSING) {
        current.byKey.put(v, repId);
      } else if (current.representative[k] != rep) {
        merge(current.representative[k], rep);
      }
    }
    return rep;
  }

  /** Renames group {@code from} to {@code into} in both generations: each frame and key follows. */
  private void merge(long from, long into) {
    for (Generation g : new Generation[] {current, old}) {
      for (int i = 0; i < g.count; i++) {
        if (g.representative[i] == from) {
          g.representative[i] = into;
        }
      }
    }
  }

  /** The representative {@code frame} was last named with, 0 when neither generation holds it. */
  long known(long frame) {
    int id = current.byFrame.get(frame);
    if (id != LongIntMap.MISSING) {
      return current.representative[id];
    }
    id = old.byFrame.get(frame);
    return id != LongIntMap.MISSING ? old.representative[id] : 0;
  }

  /** Index of {@code rep} in the current generation, adding it once. */
  private int repIndex(long rep) {
    int id = current.byFrame.get(rep);
    if (id != LongIntMap.MISSING && current.representative[id] == rep) {
      return id;
    }
    // Found through the representative's own frame entry, added here when the group is named in
    // this generation by a member before its representative.
    id = current.add(rep);
    if (current.byFrame.get(rep) == LongIntMap.MISSING) {
      current.byFrame.put(rep, id);
    }
    return id;
  }

  /** Frames named, in both generations (a frame may be counted in both). */
  int frames() {
    return current.byFrame.size() + old.byFrame.size();
  }

  /** Approximate heap in bytes. */
  long bytes() {
    return current.bytes() + old.bytes() + hubs.bytes();
  }
}
