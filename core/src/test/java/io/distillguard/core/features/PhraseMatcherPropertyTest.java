package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton finds exactly what a naive scan for every phrase finds, ASCII or not. */
class PhraseMatcherPropertyTest {

  // Overlapping prefixes and suffixes, stems, scripts that need word boundaries and scripts that
  // do not, and phrases that start with a non-ASCII character after ASCII-reached states.
  private static final List<String> PHRASES = List.of(
      "step", "steps", "step by step", "her", "her bir", "each", "each step", "translat*",
      "ste", "te", "é", "étape", "étapes", "шаг", "шаг за шагом", "一步", "一步一步", "步骤",
      "chaîne", "ne", "naïve", "च", "चरण", "चरण दर चरण", "a", "ab", "bab");
  // Text is random runs of phrases (without the stem mark) and single characters, word and
  // non-word, so that matches overlap, nest and sit against every kind of boundary.
  private static final List<String> TOKENS = new ArrayList<>();

  static {
    for (String p : PHRASES) {
      TOKENS.add(p.replace("*", ""));
    }
    for (char c : "s tepé.шa步च1x,".toCharArray()) {
      TOKENS.add(String.valueOf(c));
    }
  }

  private static PhraseMatcher build() {
    PhraseMatcher.Builder b = new PhraseMatcher.Builder();
    for (int i = 0; i < PHRASES.size(); i++) {
      b.add(PHRASES.get(i), 1, 1f, -1);
    }
    return b.build();
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** Every (start, end, phrase) a brute-force search finds, under the matcher's boundary rules. */
  private static Set<String> naive(String text) {
    Set<String> out = new TreeSet<>();
    for (int p = 0; p < PHRASES.size(); p++) {
      String raw = PHRASES.get(p);
      boolean stem = raw.endsWith("*");
      String ph = stem ? raw.substring(0, raw.length() - 1) : raw;
      boolean left = PhraseMatcher.needsBoundary(ph.charAt(0));
      boolean right = !stem && PhraseMatcher.needsBoundary(ph.charAt(ph.length() - 1));
      for (int s = text.indexOf(ph); s >= 0; s = text.indexOf(ph, s + 1)) {
        int e = s + ph.length();
        if ((!left || s == 0 || !wordChar(text.charAt(s - 1)))
            && (!right || e == text.length() || !wordChar(text.charAt(e)))) {
          out.add(s + ":" + e + ":" + p);
        }
      }
    }
    return out;
  }

  private static Set<String> scanned(PhraseMatcher m, String text) {
    PhraseMatcher.Hits hits = new PhraseMatcher.Hits();
    m.scan(text, hits);
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < hits.size; i++) {
      out.add(hits.start[i] + ":" + hits.end[i] + ":" + hits.pattern[i]);
    }
    return out;
  }

  @Test
  void scan_randomRunsOfPhrasesAndCharacters_findsExactlyTheNaiveMatches() {
    PhraseMatcher m = build();
    qt().withExamples(2000)
        .forAll(lists().of(integers().between(0, TOKENS.size() - 1)).ofSizeBetween(0, 30))
        .checkAssert(idx -> {
          StringBuilder sb = new StringBuilder();
          for (int i : idx) {
            sb.append(TOKENS.get(i));
          }
          String text = sb.toString();
          assertThat(scanned(m, text)).as(text).isEqualTo(naive(text));
        });
  }

  @Test
  void scan_phrasesInText_areFoundWhereverTheyStand() {
    PhraseMatcher m = build();
    List<String> texts = new ArrayList<>();
    texts.add("explain each step by step, her bir étape; шаг за шагом 一步一步 चरण दर चरण");
    texts.add("translating naïve chaîne: ab bab steps");
    for (String t : texts) {
      assertThat(scanned(m, t)).as(t).isEqualTo(naive(t)).isNotEmpty();
    }
  }
}
