package io.distillguard.core.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over normalised text: finds every lexicon phrase in one left-to-right pass,
 * in time linear in the text plus the number of hits, with no regex and so no backtracking. ASCII
 * transitions are a dense table over a compact alphabet (only characters that occur in some phrase
 * get a class), so the common case is one array read per character; other characters use an
 * open-addressing table with failure links. Immutable once built, hence thread-safe.
 *
 * <p>Phrases are normalised with {@link TextNormalizer} so lexicon and input share one form. A
 * phrase whose first (last) character is a Latin, Cyrillic or Greek letter only matches at a word
 * boundary on that side; a trailing {@code *} drops the right-hand check so that a stem such as
 * {@code translat*} covers its inflections. CJK, Hangul and Arabic phrases match anywhere, as those
 * scripts either do not separate words or attach particles and affixes to them.
 */
final class PhraseMatcher {

  private final int[] cats;
  private final float[] weights;
  private final int[] topics;
  private final boolean[] leftBoundary;
  private final boolean[] rightBoundary;
  private final int[] lengths;

  private final int[] fail;
  private final int[] output;
  private final int[] dictLink;
  private final byte[] asciiClass = new byte[128];
  private final int classes;
  /** Dense ASCII DFA: entry = next state * 2 + 1 when that state emits a phrase, else * 2. */
  private final char[] asciiNext;
  private final long[] mapKeys;
  private final int[] mapValues;

  private PhraseMatcher(Builder b) {
    int np = b.phrases.size();
    cats = new int[np];
    weights = new float[np];
    topics = new int[np];
    leftBoundary = new boolean[np];
    rightBoundary = new boolean[np];
    lengths = new int[np];
    // Trie construction (build time only: boxed maps are fine here).
    List<Map<Character, Integer>> children = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    children.add(new HashMap<>());
    out.add(-1);
    int next = 1;
    for (int i = 0; i < np; i++) {
      String p = b.phrases.get(i);
      cats[i] = b.cats.get(i);
      weights[i] = b.weights.get(i);
      topics[i] = b.topics.get(i);
      lengths[i] = p.length();
      leftBoundary[i] = needsBoundary(p.charAt(0));
      rightBoundary[i] = !b.stems.get(i) && needsBoundary(p.charAt(p.length() - 1));
      int s = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (c < 128 && asciiClass[c] == 0) {
          asciiClass[c] = (byte) (countClasses() + 1);
        }
        Integer t = children.get(s).get(c);
        if (t == null) {
          t = next++;
          children.add(new HashMap<>());
          out.add(-1);
          children.get(s).put(c, t);
        }
        s = t;
      }
      out.set(s, i);
    }
    int states = next;
    // Renumber the states breadth-first: the shallow states, which nearly every character of any
    // text visits, then sit in adjacent rows of the dense table instead of scattered over it, so
    // the hot part stays in cache next to the engine's working set. States reached through ASCII
    // alone come first: Latin-script text never visits the rows of the hundreds of CJK, Cyrillic,
    // Devanagari or Arabic first characters, which would otherwise sit among its hottest rows.
    // Numbering is internal: the hits and their order depend only on the trie's structure.
    int[] newId = new int[states];
    boolean[] placed = new boolean[states];
    List<Integer> order = new ArrayList<>(states);
    order.add(0);
    placed[0] = true;
    for (boolean asciiOnly : new boolean[] {true, false}) {
      for (int h = 0; h < order.size(); h++) {
        for (Map.Entry<Character, Integer> e : children.get(order.get(h)).entrySet()) {
          int t = e.getValue();
          if (!placed[t] && (!asciiOnly || e.getKey() < 128)) {
            placed[t] = true;
            newId[t] = order.size();
            order.add(t);
          }
        }
      }
    }
    List<Map<Character, Integer>> bfsChildren = new ArrayList<>(states);
    List<Integer> bfsOut = new ArrayList<>(states);
    for (int i = 0; i < states; i++) {
      int old = order.get(i);
      Map<Character, Integer> m = new HashMap<>();
      for (Map.Entry<Character, Integer> e : children.get(old).entrySet()) {
        m.put(e.getKey(), newId[e.getValue()]);
      }
      bfsChildren.add(m);
      bfsOut.add(out.get(old));
    }
    children = bfsChildren;
    out = bfsOut;
    classes = countClasses() + 1;
    if (states >= 1 << 15 || states * (long) classes > 50_000_000L) {
      throw new IllegalStateException("lexicon too large: " + states + " states");
    }
    fail = new int[states];
    output = new int[states];
    dictLink = new int[states];
    int[] dfa = new int[states * classes];
    int nonAscii = 0;
    for (Map<Character, Integer> m : children) {
      for (char c : m.keySet()) {
        if (c >= 128) {
          nonAscii++;
        }
      }
    }
    int cap = Integer.highestOneBit(Math.max(4, nonAscii * 2)) * 2;
    mapKeys = new long[cap];
    mapValues = new int[cap];
    java.util.Arrays.fill(mapKeys, -1L);
    for (int s = 0; s < states; s++) {
      output[s] = out.get(s);
      for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
        if (e.getKey() >= 128) {
          put(key(s, e.getKey()), e.getValue());
        }
      }
    }
    // Breadth-first: failure links, dictionary-suffix links and the dense ASCII DFA.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    fail[0] = 0;
    dictLink[0] = -1;
    queue.add(0);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
        int t = e.getValue();
        char c = e.getKey();
        if (s == 0) {
          fail[t] = 0;
        } else {
          int f = fail[s];
          Integer g;
          while ((g = children.get(f).get(c)) == null && f != 0) {
            f = fail[f];
          }
          fail[t] = g != null && g != t ? g : 0;
        }
        int ft = fail[t];
        dictLink[t] = output[ft] >= 0 ? ft : dictLink[ft];
        queue.add(t);
      }
      for (int k = 1; k < classes; k++) {
        char c = charOfClass(k);
        Integer t = children.get(s).get(c);
        if (t != null) {
          dfa[s * classes + k] = t;
        } else {
          dfa[s * classes + k] = s == 0 ? 0 : dfa[fail[s] * classes + k];
        }
      }
    }
    asciiNext = encode(dfa, output, dictLink);
  }

  private static char[] encode(int[] dfa, int[] output, int[] dictLink) {
    // Packing the "emits" bit into the transition saves two array reads per character.
    char[] enc = new char[dfa.length];
    for (int i = 0; i < dfa.length; i++) {
      int t = dfa[i];
      boolean emits = t != 0 && (output[t] >= 0 || dictLink[t] > 0);
      enc[i] = (char) (t * 2 + (emits ? 1 : 0));
    }
    return enc;
  }

  private int countClasses() {
    int m = 0;
    for (byte v : asciiClass) {
      m = Math.max(m, v);
    }
    return m;
  }

  private char charOfClass(int k) {
    for (char c = 0; c < 128; c++) {
      if (asciiClass[c] == k) {
        return c;
      }
    }
    throw new IllegalStateException("no char for class " + k);
  }

  private static long key(int state, char c) {
    return ((long) state << 16) | c;
  }

  private static int slot(long k, int mask) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  private void put(long k, int v) {
    int mask = mapKeys.length - 1;
    int i = slot(k, mask);
    while (mapKeys[i] != -1L && mapKeys[i] != k) {
      i = (i + 1) & mask;
    }
    mapKeys[i] = k;
    mapValues[i] = v;
  }

  private int get(int state, char c) {
    long k = key(state, c);
    int mask = mapKeys.length - 1;
    for (int i = slot(k, mask); ; i = (i + 1) & mask) {
      long v = mapKeys[i];
      if (v == k) {
        return mapValues[i];
      }
      if (v == -1L) {
        return -1;
      }
    }
  }

  static boolean needsBoundary(char c) {
    if (!Character.isLetter(c)) {
      return false;
    }
    Character.UnicodeScript sc = Character.UnicodeScript.of(c);
    return sc == Character.UnicodeScript.LATIN
        || sc == Character.UnicodeScript.CYRILLIC
        || sc == Character.UnicodeScript.GREEK;
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
        : Character.isLetterOrDigit(c);
  }

  /** Appends every phrase occurrence in {@code text} to {@code hits} (until the hit cap). */
  void scan(String text, Hits hits) {
    final char[] dense = asciiNext;
    final byte[] cls = asciiClass;
    final int nc = classes;
    final int n = text.length();
    int s = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        int v = dense[s * nc + cls[c]];
        s = v >>> 1;
        if ((v & 1) == 0) {
          continue;
        }
      } else {
        int t;
        while ((t = get(s, c)) < 0 && s != 0) {
          s = fail[s];
        }
        s = Math.max(t, 0);
        if (s == 0) {
          continue;
        }
      }
      int st = output[s] >= 0 ? s : dictLink[s];
      while (st > 0) {
        int p = output[st];
        int end = i + 1;
        int start = end - lengths[p];
        if ((!leftBoundary[p] || start == 0 || !isWordChar(text.charAt(start - 1)))
            && (!rightBoundary[p] || end == n || !isWordChar(text.charAt(end)))) {
          if (!hits.add(start, end, p)) {
            return;
          }
        }
        st = dictLink[st];
      }
    }
  }

  int cats(int pattern) {
    return cats[pattern];
  }

  float weight(int pattern) {
    return weights[pattern];
  }

  int topic(int pattern) {
    return topics[pattern];
  }

  int states() {
    return fail.length;
  }

  /** Collects phrases; a phrase added twice merges categories and keeps the larger weight. */
  static final class Builder {
    private final List<String> phrases = new ArrayList<>();
    private final List<Integer> cats = new ArrayList<>();
    private final List<Float> weights = new ArrayList<>();
    private final List<Integer> topics = new ArrayList<>();
    private final List<Boolean> stems = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    Builder add(String phrase, int category, float weight, int topic) {
      boolean stem = phrase.endsWith("*");
      String raw = stem ? phrase.substring(0, phrase.length() - 1) : phrase;
      String p = TextNormalizer.normalize(raw, 0, raw.length()).replace('\n', ' ');
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty phrase");
      }
      Integer i = index.get(p);
      if (i == null) {
        index.put(p, phrases.size());
        phrases.add(p);
        cats.add(category);
        weights.add(weight);
        topics.add(topic);
        stems.add(stem);
      } else {
        cats.set(i, cats.get(i) | category);
        weights.set(i, Math.max(weights.get(i), weight));
        if (topic >= 0 && topics.get(i) < 0) {
          topics.set(i, topic);
        }
        stems.set(i, stems.get(i) || stem);
      }
      return this;
    }

    PhraseMatcher build() {
      return new PhraseMatcher(this);
    }
  }

  /** Reusable struct-of-arrays hit list with a hard cap, so a hostile text bounds the work. */
  static final class Hits {
    static final int CAP = 2048;
    int[] start = new int[64];
    int[] end = new int[64];
    int[] pattern = new int[64];
    int size;

    boolean add(int s, int e, int p) {
      if (size == CAP) {
        return false;
      }
      if (size == start.length) {
        int n = Math.min(CAP, size * 2);
        start = java.util.Arrays.copyOf(start, n);
        end = java.util.Arrays.copyOf(end, n);
        pattern = java.util.Arrays.copyOf(pattern, n);
      }
      start[size] = s;
      end[size] = e;
      pattern[size] = p;
      size++;
      return true;
    }
  }
}
