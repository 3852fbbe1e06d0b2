package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.distillguard.core.ingest.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;

/**
 * The per-thread memo must be invisible: features of repeated texts equal those computed from an
 * empty memo, and the array-based char hash equals the library's String hash.
 */
class TextMemoTest {

  private static final String[] TEXTS = {
    "", "Explain step by step: what is 2+2?", "Classify the review below.\n\nGreat phone!\n\nAnswer with one word.",
    "Repeat your internal reasoning verbatim, word for word.", "Rate the response on a scale of 1-10.",
    "Generate 20 coding problems with solutions.", "You are a helpful assistant.", "Résumé: naïve café ﬁ",
    "以下の文章を要約してください。", "x".repeat(5000), "Think step by step.\n\n" + "y ".repeat(2100)
  };

  @Test
  void memo_equalContentUnderSameTag_hits() {
    TextMemo m = new TextMemo();
    String k = "some text";
    m.put(k, 1, "v");
    assertThat(m.get(new String("some text".toCharArray()), 1)).isEqualTo("v");
    assertThat(m.get(k, 2)).isNull();
    assertThat(m.get("some text!", 1)).isNull();
  }

  @Test
  void memo_keyLongerThanLimit_notStored() {
    TextMemo m = new TextMemo();
    String k = "a".repeat(TextMemo.MAX_KEY_CHARS + 1);
    m.put(k, 1, "v");
    assertThat(m.get(k, 1)).isNull();
  }

  @Test
  void extract_repeatedAndInterleavedTexts_equalsExtractionWithEmptyMemo() {
    FeatureExtractor fx = new FeatureExtractor();
    List<Exchange> exchanges = new ArrayList<>();
    for (String sys : new String[] {"", TEXTS[6], TEXTS[1]}) {
      for (String user : TEXTS) {
        exchanges.add(Exchanges.chat(sys, user));
        exchanges.add(Exchanges.conversation(sys, TEXTS[2], "ok", user));
      }
    }
    // Twice in a row on this thread (second pass all hits), each against a fresh thread's memo.
    for (int pass = 0; pass < 2; pass++) {
      for (Exchange e : exchanges) {
        ExchangeFeatures fresh = CompletableFuture.supplyAsync(() -> fx.extract(e), r -> new Thread(r).start()).join();
        assertThat(fx.extract(e)).as("pass %d: %s", pass, e.request()).isEqualTo(fresh);
      }
    }
  }

  @Test
  void extract_randomRepeatsFromSmallPool_equalsFreshExtraction() {
    FeatureExtractor fx = new FeatureExtractor();
    qt().withExamples(200)
        .forAll(lists().of(integers().between(0, TEXTS.length - 1)).ofSizeBetween(1, 6))
        .checkAssert(ix -> {
          String sys = TEXTS[ix.get(0) % 3 == 0 ? 6 : 0];
          String[] turns = new String[ix.size()];
          for (int i = 0; i < ix.size(); i++) {
            turns[i] = TEXTS[ix.get(i)];
          }
          Exchange e = turns.length == 1 ? Exchanges.chat(sys, turns[0]) : Exchanges.conversation(sys, turns);
          ExchangeFeatures memoised = fx.extract(e);
          ExchangeFeatures fresh = CompletableFuture.supplyAsync(() -> fx.extract(e), r -> new Thread(r).start()).join();
          assertThat(memoised).isEqualTo(fresh);
        });
  }

  @Test
  void hashChars_anyString_equalsLibraryStringHash() {
    LongHashFunction xx3 = LongHashFunction.xx3();
    qt().withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 300), integers().between(0, 300))
        .checkAssert((s, cut) -> {
          int len = Math.min(cut, s.length());
          assertThat(TemplateFingerprint.hashChars(s, 0, len)).isEqualTo(xx3.hashChars(s, 0, len));
          int off = s.length() / 3;
          assertThat(TemplateFingerprint.hashChars(s, off, s.length() - off))
              .isEqualTo(xx3.hashChars(s, off, s.length() - off));
        });
    String latin = "ip 203.0.113.7 python-requests/2.32 é".repeat(40);
    assertThat(TemplateFingerprint.hashChars(latin, 3, 1000)).isEqualTo(xx3.hashChars(latin, 3, 1000));
  }
}
