package io.distillguard.core.profile;

import io.distillguard.core.features.ExchangeFeatures;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last user turns an account sent, by hash, with the depth of the history each came with, to
 * tell a person's follow-up from made-up history.
 *
 * <p>Why: a chat client resends the conversation so far, so a follow-up carries, as the turn its
 * last assistant turn answered, the last user turn of the account's own earlier request, and one
 * assistant turn more than that request did. Assistant turns alone prove nothing: any client can
 * put a few invented exchanges before its real question (few-shot prompts, replayed chat logs), or
 * its own previous question and a one-line reply before each new one, and either costs nothing
 * per request, while conversation is what the detector reads as a person's. So a request follows
 * up only if it names a turn the account sent and its history is deeper than that turn's was.
 * Resending whole conversations is what the remaining cheat costs (see {@code design-detection.md}).
 *
 * <p>{@value #SIZE} turns are kept at first, most recent first: a person's open conversations fit
 * easily. An account whose follow-up names a turn it no longer holds, with every slot in use, may
 * relay many people's chats (an app or reseller on one key), so it doubles its memory, up to {@value
 * #MAX} turns: the same miss again is then a hit. Made-up history grows it too, and still never
 * matches. Each slot packs a 24-bit hash of the turn (a false match among 128 slots: ~1 in 130,000)
 * and the history depth it came with. Not thread-safe.
 */
public final class OwnTurns {

  /** Turns remembered at first. */
  public static final int SIZE = 16;
  /** Turns remembered at most. */
  public static final int MAX = 128;
  /**
   * A history this deep may be cut to a window (the parser keeps the last 64 messages; clients trim
   * to the context), so a follow-up of it may be no deeper.
   */
  static final int WINDOW_DEPTH = 24;

  /** (24-bit turn hash, never 0) << 8 | history depth capped at 255; most recent first; 0 is empty. */
  private int[] recent = new int[SIZE];

  /**
   * Whether {@code f} follows up one of the account's own recent requests: its {@code repliesTo}
   * is a turn the account sent, and its history is deeper than that request's. Then remembers
   * {@code f}'s own turn.
   */
  public boolean follows(ExchangeFeatures f) {
    boolean follows = false;
    if (f.repliesTo() != 0) {
      int i = find(hash24(f.repliesTo()));
      if (i >= 0) {
        int depth = recent[i] & 0xFF;
        follows = f.assistantTurns() > depth || depth >= WINDOW_DEPTH;
      } else if (recent[recent.length - 1] != 0 && recent.length < MAX) {
        recent = Arrays.copyOf(recent, 2 * recent.length);
      }
    }
    if (f.turnHash() != 0) {
      remember(hash24(f.turnHash()) << 8 | Math.min(255, Math.max(0, f.assistantTurns())));
    }
    return follows;
  }

  private int find(int h24) {
    for (int i = 0; i < recent.length && recent[i] != 0; i++) {
      if (recent[i] >>> 8 == h24) {
        return i;
      }
    }
    return -1;
  }

  private void remember(int slot) {
    // Move it to the front: a repeated turn (a retry) keeps one slot, with its newest depth.
    int i = find(slot >>> 8);
    if (i < 0) {
      i = recent.length - 1;
    }
    System.arraycopy(recent, 0, recent, 1, i);
    recent[0] = slot;
  }

  private static int hash24(long h) {
    int v = (int) (h ^ (h >>> 32));
    v = (v ^ (v >>> 24)) & 0xFF_FFFF;
    return v == 0 ? 1 : v;
  }

  /** Adds another partition's turns of the same account after this one's (their order is unknown). */
  void merge(OwnTurns o) {
    if (o.recent.length > recent.length) {
      recent = Arrays.copyOf(recent, o.recent.length);
    }
    int n = size();
    for (int i = 0; i < o.recent.length && n < recent.length && o.recent[i] != 0; i++) {
      if (find(o.recent[i] >>> 8) < 0) {
        recent[n++] = o.recent[i];
      }
    }
  }

  private int size() {
    int n = 0;
    while (n < recent.length && recent[n] != 0) {
      n++;
    }
    return n;
  }

  void write(DataOutput out) throws IOException {
    int n = size();
    out.writeByte(recent.length);
    out.writeByte(n);
    for (int i = 0; i < n; i++) {
      out.writeInt(recent[i]);
    }
  }

  void read(DataInput in) throws IOException {
    int capacity = in.readUnsignedByte();
    int n = in.readUnsignedByte();
    if (capacity < SIZE || capacity > MAX || Integer.bitCount(capacity) != 1 || n > capacity) {
      throw new IOException("bad turn counts " + capacity + ", " + n);
    }
    recent = new int[capacity];
    for (int i = 0; i < n; i++) {
      int v = in.readInt();
      if (v >>> 8 == 0) {
        throw new IOException("empty turn slot");
      }
      recent[i] = v;
    }
  }
}
