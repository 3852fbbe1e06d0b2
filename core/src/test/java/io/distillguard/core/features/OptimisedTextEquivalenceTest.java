package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The array-based {@link TextNormalizer} and {@link TemplateFingerprint} must give exactly what the
 * round-1 implementations ({@link ReferenceTextNormalizer}, {@link ReferenceTemplateFingerprint},
 * kept unchanged in test scope) gave, on generated text full of the characters the code branches on
 * and on every prompt of the shared corpora.
 */
class OptimisedTextEquivalenceTest {

  /** Fragments the normaliser and the token masks treat specially, mixed at random. */
  private static final String[] PIECES = {
    "a", "h", "w", "f", "x", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r\n", "Text: ", "Review:",
    "Task: ", "the following", "below", ":", "：", ".", ". ", "?", "!", ";", "。", "```", "`", "'",
    "\"", "「", "」", "『", "』", "《", "》", "@", "a.b@c.com ", "http://x.y/z ", "https://", "www.",
    "ftp://", "-1", "+2", "3.14", "1,000", "12:30", "1/2", "٣", "0", "9", "Ü", "ß", "ﬁ", "\uFDFA",
    "\u00AD", "\u200B", "\u200D", "\u2028", "\u0085", "\u00A0", "\u3000", "\u2019", "\u201C", "\u2014",
    "\u0301", "e\u0301", "\uD83D\uDE00", "\uD83D", "\uDE00", "文本", "以下", "ǅ", "İ", "Σ", "\u007F",
    "\u0001", "_", "#", "<x>", "Explain step by step", "STEP", "é"
  };

  private static Gen<String> texts() {
    return lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 120)
        .map(ix -> {
          StringBuilder sb = new StringBuilder();
          for (int i : ix) {
            sb.append(PIECES[i]);
          }
          return sb.toString();
        });
  }

  private static void assertSame(String text) {
    int n = text.length();
    for (int[] slice : new int[][] {{0, n}, {1, n}, {0, n - 1}, {n / 3, 2 * n / 3}}) {
      int from = Math.max(0, slice[0]);
      int to = Math.max(from, Math.min(n, slice[1]));
      assertThat(TextNormalizer.normalize(text, from, to))
          .as("normalize [%d,%d) of %s", from, to, text)
          .isEqualTo(ReferenceTextNormalizer.normalize(text, from, to));
    }
    String norm = ReferenceTextNormalizer.normalize(text, 0, n);
    assertThat(TemplateFingerprint.maskTokens(norm)).as("maskTokens of %s", norm)
        .isEqualTo(ReferenceTemplateFingerprint.maskTokens(norm));
    assertThat(TemplateFingerprint.maskTokens(text)).as("maskTokens of raw %s", text)
        .isEqualTo(ReferenceTemplateFingerprint.maskTokens(text));
    assertThat(TemplateFingerprint.skeleton(text)).isEqualTo(ReferenceTemplateFingerprint.skeleton(text));
  }

  @Test
  void optimised_randomTextOfSpecialCharacters_equalsReference() {
    qt().withExamples(3000).forAll(texts()).checkAssert(OptimisedTextEquivalenceTest::assertSame);
  }

  @Test
  void optimised_everyCorpusPrompt_equalsReference() {
    int checked = 0;
    for (String f : List.of(
        "benign/sharegpt_first_turns.jsonl", "benign/oasst_prompts.jsonl", "benign/mt_bench.jsonl",
        "distill/alpaca_5000.jsonl", "distill/code_alpaca_2k.jsonl", "distill/meta_prompts.jsonl",
        "distill/orca_system_messages.jsonl", "distill/openorca_dpo_sample.jsonl")) {
      for (Corpora.Line l : Corpora.read(f)) {
        assertSame(l.prompt());
        assertSame(l.system());
        checked++;
      }
    }
    // Without the shared data (a bare clone) there is nothing to compare; with it, a lot.
    assertThat(checked == 0 || checked > 5000).isTrue();
  }
}
