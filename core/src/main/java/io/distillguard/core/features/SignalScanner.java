package io.distillguard.core.features;

import static io.distillguard.core.features.Lexicon.COT;
import static io.distillguard.core.features.Lexicon.GR_OBJ;
import static io.distillguard.core.features.Lexicon.GR_RATE;
import static io.distillguard.core.features.Lexicon.GR_SCALE;
import static io.distillguard.core.features.Lexicon.GR_STRONG;
import static io.distillguard.core.features.Lexicon.LANG;
import static io.distillguard.core.features.Lexicon.META;
import static io.distillguard.core.features.Lexicon.NOUN;
import static io.distillguard.core.features.Lexicon.POSS;
import static io.distillguard.core.features.Lexicon.POSS_POST;
import static io.distillguard.core.features.Lexicon.PROC;
import static io.distillguard.core.features.Lexicon.QUAL;
import static io.distillguard.core.features.Lexicon.QUANT;
import static io.distillguard.core.features.Lexicon.STEP;
import static io.distillguard.core.features.Lexicon.STEP_VERB;
import static io.distillguard.core.features.Lexicon.TG_COUNT;
import static io.distillguard.core.features.Lexicon.TG_GEN;
import static io.distillguard.core.features.Lexicon.TG_GEN_LAST;
import static io.distillguard.core.features.Lexicon.TG_ITEM;
import static io.distillguard.core.features.Lexicon.TG_SOL;
import static io.distillguard.core.features.Lexicon.TG_STRONG;
import static io.distillguard.core.features.Lexicon.TG_TENS;
import static io.distillguard.core.features.Lexicon.TOPIC;
import static io.distillguard.core.features.Lexicon.VMETA;
import static io.distillguard.core.features.Lexicon.VSOFT;

/**
 * Turns lexicon hits into the per-exchange reasoning, grader, task-generation and topic signals.
 *
 * <p>Chain-of-thought is a noisy-OR of the direct cue weights plus "explain/show + your + reasoning"
 * combinations. Meta-reasoning is scored per reasoning noun from what else occurs in a small window
 * around it, inside the same sentence: a second-person possessive, a disclosure verb ("repeat",
 * "verbatim", "translate"), a qualifier pointing at hidden or earlier reasoning ("internal", "before
 * answering", "scratchpad"), or a language constraint on the reasoning. It is the <em>combination</em>
 * that scores, which is why "explain your reasoning" (possessive + soft verb) is chain-of-thought but
 * not meta-reasoning, while "repeat the reasoning you used, word for word" is meta-reasoning though
 * no listed sentence contains it.
 */
final class SignalScanner {

  private static final int WINDOW_BEFORE = 48;
  private static final int WINDOW_AFTER = 40;
  private static final int MAX_NOUN_WINDOWS = 64;
  private static final int MAX_PHRASE = 64;
  private static final int TOPIC_SPAN = 600;
  private static final int GRADER_SPAN = 160;
  /** CoT weight of "explain every step": a quantified step noun with an explaining verb. */
  private static final float EVERY_STEP_COT = 0.85f;
  /** CoT weight of "show the intermediate calculations": a working noun with an explaining verb. */
  private static final float WORKING_COT = 0.8f;

  float cot;
  float meta;
  boolean grader;
  boolean taskGeneration;
  int topic;

  private SignalScanner() {}

  /**
   * Scans {@code text}; {@code [topicFrom, topicTo)} is where the instruction whose topic counts
   * lies (the last user turn, or the system prompt when there is none).
   */
  static SignalScanner scan(String text, int topicFrom, int topicTo) {
    PhraseMatcher m = Lexicon.MATCHER;
    PhraseMatcher.Hits hits = new PhraseMatcher.Hits();
    m.scan(text, hits);
    SignalScanner r = new SignalScanner();
    final int n = hits.size;
    double cotKeep = 1;
    double metaKeep = 1;
    float metaMax = 0;
    int all = 0;
    int nounWindows = 0;
    int stepWindows = 0;
    int topicGeneric = -1;
    int topicGenericPos = Integer.MAX_VALUE;
    int topicSpecific = -1;
    int topicSpecificPos = Integer.MAX_VALUE;
    int topicEnd = Math.min(topicTo, topicFrom + TOPIC_SPAN);
    for (int i = 0; i < n; i++) {
      int p = hits.pattern[i];
      int c = m.cats(p);
      all |= c;
      if ((c & COT) != 0) {
        cotKeep *= 1 - m.weight(p);
      }
      if ((c & META) != 0) {
        metaKeep *= 1 - m.weight(p);
      }
      if ((c & NOUN) != 0 && nounWindows < MAX_NOUN_WINDOWS) {
        nounWindows++;
        float[] w = window(text, hits, i, m);
        metaMax = Math.max(metaMax, w[0]);
        cotKeep *= 1 - w[1];
      }
      if ((c & (STEP | PROC)) != 0 && stepWindows < MAX_NOUN_WINDOWS) {
        stepWindows++;
        cotKeep *= 1 - stepCot(text, hits, i, m);
      }
      if ((c & TOPIC) != 0) {
        int s = hits.start[i];
        int t = m.topic(p);
        if (s >= topicFrom && s < topicEnd && t >= 0) {
          if (isGeneric(t)) {
            if (s < topicGenericPos) {
              topicGenericPos = s;
              topicGeneric = t;
            }
          } else if (s < topicSpecificPos) {
            topicSpecificPos = s;
            topicSpecific = t;
          }
        }
      }
    }
    r.cot = clamp01(1 - cotKeep);
    r.meta = clamp01(1 - (1 - metaMax) * metaKeep);
    r.grader = (all & GR_STRONG) != 0
        || ((all & GR_RATE) != 0 && (all & GR_OBJ) != 0 && (all & GR_SCALE) != 0
            && graderNear(hits, m));
    r.taskGeneration = (all & TG_STRONG) != 0
        || ((all & TG_GEN) != 0 && (all & TG_ITEM) != 0 && taskGeneration(text, hits, m, all))
        || ((all & TG_GEN_LAST) != 0 && (all & TG_ITEM) != 0
            && taskGenerationVerbLast(text, hits, m, (all & TG_SOL) != 0));
    r.topic = topicSpecific >= 0 ? topicSpecific
        : topicGeneric >= 0 ? topicGeneric
        : fallbackTopic(text, topicFrom, topicTo);
    return r;
  }

  /** A rating scale with a rating verb and a response-like object within ~160 chars of it. */
  private static boolean graderNear(PhraseMatcher.Hits hits, PhraseMatcher m) {
    for (int i = 0; i < hits.size; i++) {
      if ((m.cats(hits.pattern[i]) & GR_SCALE) == 0) {
        continue;
      }
      int lo = hits.start[i] - GRADER_SPAN;
      int hi = hits.end[i] + GRADER_SPAN;
      int seen = 0;
      for (int k = i - 1; k >= 0 && hits.end[k] >= lo; k--) {
        seen |= m.cats(hits.pattern[k]);
      }
      for (int k = i + 1; k < hits.size && hits.start[k] <= hi; k++) {
        seen |= m.cats(hits.pattern[k]);
      }
      if ((seen & GR_RATE) != 0 && (seen & GR_OBJ) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Question, how-to, explanation, role-play, brainstorm, wording and feelings name no subject. */
  private static boolean isGeneric(int t) {
    return t == 29 || t == 30 || t == 38 || t == 40 || t == 41 || t == 50 || t == 51;
  }

  /**
   * Categories of the hits around hit {@code i} in its sentence (at most {@value #WINDOW_BEFORE}
   * chars before, {@value #WINDOW_AFTER} after), with its own; a possessive relation only counts
   * after it.
   */
  private static int near(String text, PhraseMatcher.Hits hits, int i, PhraseMatcher m) {
    int s = hits.start[i];
    int e = hits.end[i];
    int lo = Math.max(s - WINDOW_BEFORE, sentenceStart(text, s));
    int hi = Math.min(e + WINDOW_AFTER, sentenceEnd(text, e));
    int near = m.cats(hits.pattern[i]);
    for (int k = i - 1; k >= 0 && hits.end[k] >= lo; k--) {
      if (hits.start[k] >= lo && hits.end[k] <= s) {
        near |= m.cats(hits.pattern[k]) & ~POSS_POST;
      }
    }
    for (int k = i + 1; k < hits.size && hits.end[k] <= hi + MAX_PHRASE; k++) {
      if (hits.start[k] >= e && hits.end[k] <= hi) {
        near |= m.cats(hits.pattern[k]);
      }
    }
    return near;
  }

  /**
   * Chain-of-thought weight of the step or working noun at hit {@code i}: asked for with an
   * explaining verb, every step ("explain each step") or the working itself ("show the
   * intermediate calculations"); not where a step is only named ("list the steps to bake bread").
   */
  private static float stepCot(String text, PhraseMatcher.Hits hits, int i, PhraseMatcher m) {
    int own = m.cats(hits.pattern[i]);
    int comb = near(text, hits, i, m);
    if ((comb & (VSOFT | STEP_VERB)) == 0) {
      return 0f;
    }
    if ((own & PROC) != 0) {
      return WORKING_COT;
    }
    return (comb & QUANT) != 0 && !numbered(text, hits.end[i]) ? EVERY_STEP_COT : 0f;
  }

  /** "Step 1", "étape 2": a reference to a given step, not a request to show the steps. */
  private static boolean numbered(String text, int end) {
    int k = end < text.length() && text.charAt(end) == ' ' ? end + 1 : end;
    return k < text.length() && Character.isDigit(text.charAt(k));
  }

  /** {meta score, chain-of-thought weight} for the reasoning noun at hit {@code i}. */
  private static float[] window(String text, PhraseMatcher.Hits hits, int i, PhraseMatcher m) {
    int comb = near(text, hits, i, m);
    float nw = m.weight(hits.pattern[i]);
    boolean poss = (comb & (POSS | POSS_POST)) != 0;
    boolean vm = (comb & VMETA) != 0;
    boolean q = (comb & QUAL) != 0;
    boolean lang = (comb & LANG) != 0;
    boolean vs = (comb & VSOFT) != 0;
    float meta;
    if (poss && vm) {
      meta = q || lang ? 1f : 0.8f;
    } else if (poss && lang) {
      meta = 0.8f;
    } else if (poss && q) {
      meta = vs ? 0.75f : 0.6f;
    } else if (vm && q) {
      meta = 0.7f;
    } else if (lang && q) {
      meta = 0.6f;
    } else if (q && vs) {
      meta = 0.55f; // "give me the hidden notes": no possessive, still the model's internals
    } else if (vm) {
      meta = 0.45f;
    } else if (lang) {
      meta = 0.35f;
    } else {
      meta = 0f;
    }
    meta *= 0.5f + 0.5f * nw;
    float cot;
    if (vs && poss) {
      cot = 0.8f * nw;
    } else if (vs) {
      cot = 0.5f * nw;
    } else if (poss) {
      cot = 0.4f * nw;
    } else {
      cot = 0f;
    }
    return new float[] {meta, cot};
  }

  private static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ';' || c == '。' || c == '！'
        || c == '？' || c == '；';
  }

  private static int sentenceStart(String t, int s) {
    int limit = Math.max(0, s - WINDOW_BEFORE);
    for (int k = s - 1; k >= limit; k--) {
      if (isSentenceEnd(t.charAt(k))) {
        return k + 1;
      }
    }
    return limit;
  }

  private static int sentenceEnd(String t, int e) {
    int limit = Math.min(t.length(), e + WINDOW_AFTER);
    for (int k = e; k < limit; k++) {
      char c = t.charAt(k);
      // A dot inside "e.g." or "1.5" does not end the sentence; a dot before a space does.
      if (isSentenceEnd(c) && (c != '.' || k + 1 == t.length() || t.charAt(k + 1) == ' '
          || t.charAt(k + 1) == '\n')) {
        return k;
      }
    }
    return limit;
  }

  /**
   * Generation verb followed (within ~100 chars) by a task-like item, with solutions asked for, a
   * count word or number, or a number of ten or more.
   */
  private static boolean taskGeneration(
      String text, PhraseMatcher.Hits hits, PhraseMatcher m, int all) {
    boolean sol = (all & TG_SOL) != 0;
    for (int i = 0; i < hits.size; i++) {
      if ((m.cats(hits.pattern[i]) & TG_GEN) == 0) {
        continue;
      }
      int gs = hits.start[i];
      for (int k = i + 1; k < hits.size && hits.start[k] <= gs + 100; k++) {
        int ck = m.cats(hits.pattern[k]);
        if ((ck & TG_ITEM) == 0 || hits.start[k] < hits.end[i]) {
          continue;
        }
        if (sol) {
          return true;
        }
        boolean count = false;
        boolean tens = false;
        for (int j = i + 1; j < k; j++) {
          count |= (m.cats(hits.pattern[j]) & TG_COUNT) != 0;
          tens |= (m.cats(hits.pattern[j]) & TG_TENS) != 0;
        }
        long num = Math.max(tens ? 10 : -1, largestNumber(text, hits.end[i], hits.start[k]));
        if (counted(m, hits.pattern[k], count, num)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The same, read backwards for a verb-final language's generation verb: a task-like item within
   * ~100 chars before it, counted in the ~40 chars before the item or between it and the verb.
   */
  private static boolean taskGenerationVerbLast(
      String text, PhraseMatcher.Hits hits, PhraseMatcher m, boolean sol) {
    for (int i = 0; i < hits.size; i++) {
      if ((m.cats(hits.pattern[i]) & TG_GEN_LAST) == 0) {
        continue;
      }
      int gs = hits.start[i];
      for (int k = i - 1; k >= 0 && hits.start[k] >= gs - 100; k--) {
        if ((m.cats(hits.pattern[k]) & TG_ITEM) == 0 || hits.end[k] > gs) {
          continue;
        }
        if (sol) {
          return true;
        }
        int from = Math.max(0, hits.start[k] - 40);
        boolean count = false;
        boolean tens = false;
        for (int j = 0; j < hits.size; j++) {
          if (j != k && hits.start[j] >= from && hits.end[j] <= gs) {
            count |= (m.cats(hits.pattern[j]) & TG_COUNT) != 0;
            tens |= (m.cats(hits.pattern[j]) & TG_TENS) != 0;
          }
        }
        long num = Math.max(tens ? 10 : -1, largestNumber(text, from, gs));
        if (counted(m, hits.pattern[k], count, num)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Enough items asked for: ten or more, or a count (word or number of three or more) of a task. */
  private static boolean counted(PhraseMatcher m, int item, boolean count, long num) {
    return num >= 10 || (m.weight(item) >= 1f && (count || num >= 3));
  }

  private static long largestNumber(String t, int from, int to) {
    long best = -1;
    long cur = -1;
    for (int i = from; i < to && i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        cur = cur < 0 ? c - '0' : Math.min(1_000_000, cur * 10 + (c - '0'));
      } else {
        best = Math.max(best, cur);
        cur = -1;
      }
    }
    return Math.max(best, cur);
  }

  private static int fallbackTopic(String text, int from, int to) {
    int s = from;
    while (s < to && !Character.isLetter(text.charAt(s))) {
      s++;
    }
    if (s >= to) {
      return Topics.GENERAL;
    }
    int e = s;
    while (e < to && e - s < 24 && Character.isLetter(text.charAt(e))) {
      e++;
    }
    long h = TemplateFingerprint.hashChars(text, s, e - s);
    return Topics.FALLBACK_BASE + (int) (h & 7);
  }

  private static float clamp01(double v) {
    if (!(v > 0)) {
      return 0f;
    }
    return v >= 1 ? 1f : (float) v;
  }
}
