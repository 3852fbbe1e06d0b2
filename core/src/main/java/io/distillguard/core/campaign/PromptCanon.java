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
 * prompts cannot drift apart sentence by sentence along a chain.
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

  private final int framesPerGeneration;
  private final int keysPerGeneration;
  private Generation current = new Generation();
  private Generation old = new Generation();

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
      return current.representative[id];
    }
    if (current.byFrame.size() >= framesPerGeneration
        || current.byKey.size() + variants.size() > keysPerGeneration) {
      old = current;
      current = new Generation();
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
    return rep;
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
    return current.bytes() + old.bytes();
  }
}
