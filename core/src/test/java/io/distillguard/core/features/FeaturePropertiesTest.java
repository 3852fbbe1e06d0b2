package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeaturePropertiesTest {

  private final FeatureExtractor fx = new FeatureExtractor();

  private static void assertWellFormed(ExchangeFeatures f) {
    assertThat(f.cotElicitation()).isBetween(0f, 1f);
    assertThat(f.metaReasoning()).isBetween(0f, 1f);
    assertThat(f.topicBucket()).isBetween(0, 63);
    assertThat(f.promptChars()).isNotNegative();
    assertThat(f.assistantTurns()).isNotNegative();
  }

  @Test
  void extract_arbitraryUnicodeInEveryTextField_neverThrowsAndStaysInRange() {
    qt().withExamples(200)
        .forAll(
            strings().allPossible().ofLengthBetween(0, 600),
            strings().allPossible().ofLengthBetween(0, 1500),
            strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert((sys, user, earlier) -> {
          Request r = Exchanges.request(sys, List.of(
              new Request.Message(Request.Role.USER, earlier, false),
              new Request.Message(Request.Role.ASSISTANT, user, true),
              new Request.Message(Request.Role.USER, user, false)));
          assertWellFormed(fx.extract(Exchanges.of(earlier, r)));
        });
  }

  @Test
  void extract_hostilePunctuationSoup_neverThrows() {
    // Quote, backtick, colon and newline heavy input exercises every masking branch.
    qt().withExamples(400)
        .forAll(strings().betweenCodePoints(0x09, 0x7E).ofLengthBetween(0, 3000),
            integers().between(0, 6))
        .checkAssert((s, k) -> {
          String soup = s.replace('a', "\"'`:\n@.".charAt(k));
          assertWellFormed(fx.extract(Exchanges.user(soup)));
          assertThat(TemplateFingerprint.skeleton(soup).length())
              .isLessThanOrEqualTo(TemplateFingerprint.MAX_SKELETON);
        });
  }

  @Test
  void extract_hugeInputs_areBoundedAndSafe() {
    qt().withExamples(6)
        .forAll(strings().allPossible().ofLengthBetween(1, 40), integers().between(50_000, 400_000))
        .checkAssert((unit, times) -> {
          String big = unit.repeat(Math.max(1, times / unit.length()));
          Exchange e = Exchanges.chat(big, big);
          ExchangeFeatures f = fx.extract(e);
          assertWellFormed(f);
          assertThat(f.promptChars()).isEqualTo((int) Math.min(Integer.MAX_VALUE, 2L * big.length()));
        });
  }

  @Test
  void extract_sameExchangeTwice_givesEqualFeatures() {
    qt().withExamples(300)
        .forAll(strings().allPossible().ofLengthBetween(0, 400), strings().ascii().ofLengthBetween(0, 400))
        .checkAssert((a, b) -> {
          Exchange e = Exchanges.chat(a, b + a);
          assertThat(fx.extract(e)).isEqualTo(fx.extract(e));
          assertThat(TemplateFingerprint.skeleton(b)).isEqualTo(TemplateFingerprint.skeleton(b));
        });
  }

  @Test
  void templateHash_sameFrameDifferentNumbersAndQuotedInputs_isInvariant() {
    String frame = "Add %d and %d, then label the phrase \"%s\" as formal or informal.";
    long reference = fx.extract(Exchanges.user(String.format(Locale.ROOT, frame, 1, 2, "hello"))).templateHash();
    qt().withExamples(300)
        .forAll(integers().all(), integers().all(),
            strings().allPossible().ofLengthBetween(0, 300))
        .checkAssert((x, y, q) -> {
          // Characters that normalise to a double quote (« » “ ”) would close the quote early.
          StringBuilder sb = new StringBuilder();
          q.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (!TextNormalizer.normalize(one, 0, one.length()).contains("\"")) {
              sb.appendCodePoint(cp);
            }
          });
          String quoted = sb.toString();
          String p = String.format(Locale.ROOT, frame, x, y, quoted);
          assertThat(fx.extract(Exchanges.user(p)).templateHash()).isEqualTo(reference);
        });
  }

  @Test
  void templateHash_labelledDocumentFrame_isInvariantToTheDocument() {
    long reference = fx.extract(Exchanges.chat("You are a sentiment classifier.",
        "Review: nice\nSentiment:")).templateHash();
    qt().withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 2000))
        .checkAssert(doc -> {
          String oneLine = doc.replace('\n', ' ').replace('\r', ' ');
          if (oneLine.isBlank()) {
            return;
          }
          String p = "Review: " + oneLine + "\nSentiment:";
          assertThat(fx.extract(Exchanges.chat("You are a sentiment classifier.", p)).templateHash())
              .isEqualTo(reference);
        });
  }

  @Test
  void hashes_asciiCaseAndWhitespaceVariants_areEqual() {
    qt().withExamples(300)
        .forAll(strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(1, 300), integers().between(1, 4))
        .checkAssert((s, k) -> {
          String spaced = s.replace("e", " ".repeat(k) + "E" + "\t");
          String plain = s.replace("e", " e ");
          ExchangeFeatures a = fx.extract(Exchanges.user(spaced));
          ExchangeFeatures b = fx.extract(Exchanges.user(plain));
          assertThat(a.promptHash()).isEqualTo(b.promptHash());
          assertThat(a.templateHash()).isEqualTo(b.templateHash());
          assertThat(a.templateSimhash()).isEqualTo(b.templateSimhash());
        });
  }

  @Test
  void normalize_isIdempotentOnNormalisedText() {
    qt().withExamples(500)
        .forAll(strings().betweenCodePoints(0x20, 0x2FFF).ofLengthBetween(0, 300))
        .checkAssert(s -> {
          String once = TextNormalizer.normalize(s, 0, s.length());
          assertThat(TextNormalizer.normalize(once, 0, once.length())).isEqualTo(once);
        });
  }

  /** {@code n} sentences of {@code minWords..maxWords} random lower-case words each. */
  private static List<String> sentences(SplittableRandom r, int n, int minWords, int maxWords) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder();
      for (int w = minWords + r.nextInt(maxWords - minWords + 1); w > 0; w--) {
        for (int c = 3 + r.nextInt(6); c > 0; c--) {
          b.append((char) ('a' + r.nextInt(26)));
        }
        b.append(w > 1 ? " " : ".");
      }
      out.add(b.toString());
    }
    return out;
  }

  private static FrameVariants variantsOf(List<String> sentences) {
    String text = String.join(" ", sentences);
    return TemplateFingerprint.frame(TextNormalizer.normalize(text, 0, text.length())).variants();
  }

  private static boolean intersect(FrameVariants a, FrameVariants b) {
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.key(i) == b.key(j)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void frameVariants_aShortSentenceInsertedOrReplaced_sharesAKey_onlyAnInsertedOneKeepsThePrompts() {
    qt().withExamples(300)
        .forAll(integers().allPositive(), integers().between(2, 8), integers().between(0, 8))
        .checkAssert((seed, n, at) -> {
          SplittableRandom r = new SplittableRandom(seed);
          List<String> prompt = sentences(r, n, 6, 12);
          List<String> named = new ArrayList<>(prompt);
          named.add(Math.min(at, n), sentences(r, 1, 2, 5).get(0));
          List<String> renamed = new ArrayList<>(named);
          renamed.set(Math.min(at, n), sentences(r, 1, 2, 5).get(0));
          assertThat(intersect(variantsOf(prompt), variantsOf(named))).isTrue();
          assertThat(intersect(variantsOf(named), variantsOf(renamed))).isTrue();
          // What the linker tells a worker's own name in its build's prompt by from another
          // company's copy of a framework prompt (GraphCampaignLinker.onCrowdCopy): only a copy
          // with a sentence added has the other's whole sentence list among its left-out keys.
          assertThat(leftOutKeys(variantsOf(named))).contains(variantsOf(prompt).sentences());
          assertThat(leftOutKeys(variantsOf(renamed))).doesNotContain(variantsOf(named).sentences());
          assertThat(leftOutKeys(variantsOf(prompt))).doesNotContain(variantsOf(named).sentences());
        });
  }

  /** The keys of a frame with one sentence left out: all but the first. */
  private static List<Long> leftOutKeys(FrameVariants v) {
    List<Long> out = new ArrayList<>();
    for (int i = 1; i < v.size(); i++) {
      out.add(v.key(i));
    }
    return out;
  }

  @Test
  void frameVariants_promptsWithNoSentenceInCommonOrTwoReplaced_shareNoKey() {
    qt().withExamples(300)
        .forAll(integers().allPositive(), integers().between(2, 9), integers().between(0, 8))
        .checkAssert((seed, n, at) -> {
          SplittableRandom r = new SplittableRandom(seed);
          List<String> a = sentences(r, n, 4, 12);
          assertThat(intersect(variantsOf(a), variantsOf(sentences(r, n, 4, 12)))).isFalse();
          // two sentences replaced, however short the replacements
          List<String> b = new ArrayList<>(a);
          List<String> fresh = sentences(r, 2, 1, 3);
          b.set(at % n, fresh.get(0));
          b.set((at + 1) % n, fresh.get(1));
          assertThat(intersect(variantsOf(a), variantsOf(b))).isFalse();
        });
  }
}
