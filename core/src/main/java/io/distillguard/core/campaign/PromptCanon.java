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
 * prompts cannot drift apart sentence by sentence along a chain. Bounded: once {@code maxFrames}
 * frames or {@code maxKeys} keys are held, a new frame is still looked up but only names itself.
 * Not thread-safe (the linker's thread).
 */
final class PromptCanon {

  private final LongIntMap byFrame = new LongIntMap();
  private final LongIntMap byKey = new LongIntMap();
  private long[] representative = new long[256];
  private int count;
  private final int maxFrames;
  private final int maxKeys;

  PromptCanon(int maxFrames, int maxKeys) {
    this.maxFrames = maxFrames;
    this.maxKeys = maxKeys;
  }

  /** The representative frame of {@code frame} (itself when new or without variants); 0 for 0. */
  long of(long frame, FrameVariants variants) {
    if (frame == 0 || variants.size() == 0) {
      return frame;
    }
    int id = byFrame.get(frame);
    if (id != LongIntMap.MISSING) {
      return representative[id];
    }
    for (int i = 0; i < variants.size(); i++) {
      id = byKey.get(variants.key(i));
      if (id != LongIntMap.MISSING) {
        break;
      }
    }
    boolean room = byFrame.size() < maxFrames;
    if (id == LongIntMap.MISSING) {
      if (!room) {
        return frame;
      }
      id = count++;
      if (id == representative.length) {
        representative = Arrays.copyOf(representative, id * 2);
      }
      representative[id] = frame;
      for (int i = 0; i < variants.size(); i++) {
        long v = variants.key(i);
        if (byKey.size() < maxKeys && byKey.get(v) == LongIntMap.MISSING) {
          byKey.put(v, id);
        }
      }
    }
    if (room) {
      byFrame.put(frame, id);
    }
    return representative[id];
  }

  /** Frames named so far. */
  int frames() {
    return byFrame.size();
  }

  /** Approximate heap in bytes. */
  long bytes() {
    return byFrame.bytes() + byKey.bytes() + 16L + 8L * representative.length;
  }
}
