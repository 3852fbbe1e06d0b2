package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateFingerprintTest {

  private final FeatureExtractor fx = new FeatureExtractor();

  private long template(String system, String user) {
    return fx.extract(Exchanges.chat(system, user)).templateHash();
  }

  @Test
  void skeleton_numbersQuotesCodeUrlsEmails_areMasked() {
    assertThat(TemplateFingerprint.skeleton("Add 12 and 3.5, then divide by 1,000"))
        .isEqualTo("add # and #, then divide by #");
    assertThat(TemplateFingerprint.skeleton("Is \"the cat sat\" grammatical? Say 'yes' or 'no'"))
        .isEqualTo("is <q> grammatical? say <q> or <q>");
    assertThat(TemplateFingerprint.skeleton("Fix the bug in\n```\nint x = 1\n```\nand `y++` too"))
        .doesNotContain("int x").doesNotContain("y++").contains("<code>");
    assertThat(TemplateFingerprint.skeleton("Summarise https://example.com/a?b=1 for bob.smith@example.org"))
        .isEqualTo("summarise <url> for <email>");
  }

  @Test
  void skeleton_apostrophesInsideWords_areNotQuotes() {
    assertThat(TemplateFingerprint.skeleton("Don't change the dog's name"))
        .isEqualTo("don't change the dog's name");
  }

  @Test
  void skeleton_labelledInput_isMaskedButLabelKept() {
    assertThat(TemplateFingerprint.skeleton("Review: I loved it, great film\nSentiment:"))
        .isEqualTo("review: <x>\nsentiment:");
    assertThat(TemplateFingerprint.skeleton("Context: Paris is the capital.\nIt is big.\n\nQuestion: What is it?"))
        .isEqualTo("context: <x>\n\nquestion: <x>");
  }

  @Test
  void skeleton_instructionLabel_keepsTheVaryingInstruction() {
    assertThat(TemplateFingerprint.skeleton("Task: write a poem about cats"))
        .isEqualTo("task: write a poem about cats");
    assertThat(TemplateFingerprint.skeleton("Instruction: Sort the list\nInput: 3, 1, 2"))
        .isEqualTo("instruction: sort the list\ninput: <x>");
  }

  @Test
  void skeleton_paragraphAfterCue_isMasked() {
    assertThat(TemplateFingerprint.skeleton(
            "Classify the sentiment of the following review.\n\nThe plot was thin but the acting was superb.\n\nAnswer with one word."))
        .isEqualTo("classify the sentiment of the following review.\n\n<x>\n\nanswer with one word.");
  }

  @Test
  void skeleton_longRun_keepsOnlyFirstSentence() {
    String doc = "The committee met on Tuesday. " + "It discussed the budget at length and deferred the vote. ".repeat(10);
    assertThat(TemplateFingerprint.skeleton(doc)).isEqualTo("the committee met on tuesday. <x>");
  }

  @Test
  void skeleton_nullEmptyAndHuge_areSafeAndBounded() {
    assertThat(TemplateFingerprint.skeleton(null)).isEmpty();
    assertThat(TemplateFingerprint.skeleton("")).isEmpty();
    String huge = "word ".repeat(2_000_000);
    assertThat(TemplateFingerprint.skeleton(huge).length()).isLessThanOrEqualTo(TemplateFingerprint.MAX_SKELETON);
  }

  @Test
  void templateHash_batchLabellingOverManyDocuments_isOneTemplate() {
    List<String> docs = List.of(
        "The battery died after two days. Very disappointed.",
        "Absolutely love it!!! Five stars, would buy again.",
        "It's fine, I guess. Nothing special about it, but it works.",
        "Shipping took 3 weeks and the box was crushed; product OK.",
        "\"Best purchase of 2024\" - my wife. Agreed.");
    Set<Long> a = new HashSet<>();
    Set<Long> b = new HashSet<>();
    Set<Long> c = new HashSet<>();
    Set<Long> d = new HashSet<>();
    for (String doc : docs) {
      a.add(template("", "Classify the sentiment of: " + doc));
      b.add(template("", "Classify the sentiment of the following review as positive or negative.\n\n" + doc));
      c.add(template("You label product reviews.", "Review: " + doc + "\nLabel:"));
      d.add(template("", "Summarize the text below.\n\nText: " + doc + "\n\nSummary:"));
    }
    assertThat(a).hasSize(1);
    assertThat(b).hasSize(1);
    assertThat(c).hasSize(1);
    assertThat(d).hasSize(1);
    assertThat(Set.of(a, b, c, d)).hasSize(4);
  }

  @Test
  void templateHash_selfInstructStyleDifferentInstructions_areDistinct() {
    List<String> prompts = List.of(
        "Give three tips for staying healthy.",
        "Arrange the following musical notes\n\nG, B, E",
        "Write a haiku about a rainy morning.",
        "Explain why the sky is blue.",
        "Rewrite the sentence in passive voice: The cat chased the mouse.",
        "Generate a catchy slogan for a bakery.",
        "Task: list five uses of baking soda",
        "Task: describe the water cycle");
    Set<Long> hashes = new HashSet<>();
    for (String p : prompts) {
      hashes.add(template("", p));
    }
    assertThat(hashes).hasSize(prompts.size());
  }

  @Test
  void templateHash_sameSystemDifferentFrames_differ_sameFrameDifferentSystem_differs() {
    assertThat(template("Be brief.", "Translate to French: hello"))
        .isNotEqualTo(template("Be brief.", "Translate to German: hello"))
        .isNotEqualTo(template("Be verbose.", "Translate to French: hello"))
        .isEqualTo(template("Be brief.", "Translate to French: good night"));
  }

  @Test
  void simhash_nearDuplicateFrames_areCloserThanUnrelatedFrames() {
    long a = fx.extract(Exchanges.user(
        "Classify the sentiment of the following customer review as positive, negative or neutral.")).templateSimhash();
    long b = fx.extract(Exchanges.user(
        "Classify the sentiment of the following customer review as positive, negative, or mixed.")).templateSimhash();
    long c = fx.extract(Exchanges.user(
        "Write a limerick about a cat who learns to play the trumpet in Paris.")).templateSimhash();
    int near = Long.bitCount(a ^ b);
    int far = Long.bitCount(a ^ c);
    assertThat(near).isLessThan(16);
    assertThat(far).isGreaterThan(near + 8);
  }

  private static FrameVariants variants(String text) {
    return TemplateFingerprint.frame(TextNormalizer.normalize(text, 0, text.length())).variants();
  }

  private static boolean shareAKey(String a, String b) {
    Set<Long> keys = new HashSet<>();
    FrameVariants va = variants(a);
    FrameVariants vb = variants(b);
    for (int i = 0; i < va.size(); i++) {
      keys.add(va.key(i));
    }
    for (int i = 0; i < vb.size(); i++) {
      if (keys.contains(vb.key(i))) {
        return true;
      }
    }
    return false;
  }

  private static final String ORCA = "You are an AI assistant. User will you give you a task. Your goal is to"
      + " complete the task as faithfully as you can. While performing the task think step-by-step and"
      + " justify your steps.";

  @Test
  void frameVariants_onePromptWithASentenceInsertedRemovedOrReplacedAnywhere_shareAKey() {
    String maya = "Your name is Maya, a careful assistant. " + ORCA;
    String liam = "Your name is Liam, a precise assistant. " + ORCA;
    assertThat(shareAKey(maya, liam)).isTrue();
    assertThat(shareAKey(maya, ORCA)).isTrue();
    assertThat(shareAKey(ORCA + " Your name is Liam, a precise assistant.", maya)).isTrue();
    assertThat(shareAKey(ORCA.replace("Your goal is", "You are named Ivy. Your goal is"), liam)).isTrue();
    // a line break ends a sentence too
    assertThat(shareAKey("Persona: Maya\n" + ORCA, "Persona: Liam\n" + ORCA)).isTrue();
    // a one-sentence prompt with a short persona sentence before it
    String info = "You are an AI assistant that helps people find information.";
    assertThat(shareAKey("Your name is Maya, a careful assistant. " + info,
        "Your name is Omar, a meticulous assistant. " + info)).isTrue();
  }

  @Test
  void frameVariants_aPromptWithStampsBeforeIt_sharesAKeyWithThePromptBare() {
    // a client that stamps each request with its session and time: two sentences, both numbers
    String stamp = "Session 980333. Current time: 2026-11-02T00:01:38.503Z. ";
    assertThat(shareAKey(stamp + ORCA, ORCA)).isTrue();
    assertThat(variants(stamp + ORCA).sentences()).isEqualTo(variants(ORCA).sentences());
    assertThat(variants("Your name is Maya, a careful assistant. " + ORCA).sentences())
        .isNotEqualTo(variants(ORCA).sentences());
    assertThat(shareAKey(stamp + "Your name is Maya, a careful assistant. " + ORCA, ORCA)).isTrue();
    assertThat(shareAKey("Knowledge cutoff: 2024-06. Current date: November 29, 2026.\n" + ORCA,
        stamp + ORCA)).isTrue();
    // sentences with a number in them are instructions when they say more than a stamp does
    assertThat(shareAKey("Use at most 3 paragraphs and 2 examples per answer. Cite 5 sources for every"
        + " claim you make. " + ORCA, ORCA)).isFalse();
  }

  @Test
  void frameVariants_promptsThatShareOnlyPartOfTheirText_shareNoKey() {
    // the public prompts differ in two of four sentences
    assertThat(shareAKey(ORCA, "You are an AI assistant. You will be given a task. Your goal is to complete"
        + " the task as faithfully as you can. You must generate a detailed and long answer.")).isFalse();
    // one shared sentence that is not most of either text
    String shared = "You are an AI assistant that helps people find information.";
    assertThat(shareAKey(shared + " Provide a detailed answer so user don't need to search outside.",
        shared + " Answer in French and cite the relevant statute for every claim you make.")).isFalse();
    // a short persona sentence shared by two different prompts links nothing
    assertThat(shareAKey("Your name is Maya, a careful assistant. " + ORCA,
        "Your name is Maya, a careful assistant. You are a teacher. Given a task, you explain in simple"
            + " steps what the task is asking.")).isFalse();
    assertThat(shareAKey("Be terse.", "Be kind.")).isFalse();
  }

  @Test
  void frameVariants_emptyAndVeryLongFrames_haveNoLeaveOneOutKeys() {
    assertThat(variants("")).isSameAs(FrameVariants.NONE);
    assertThat(variants("   ")).isSameAs(FrameVariants.NONE);
    assertThat(variants("One sentence only, no more than that.").size()).isEqualTo(1);
    StringBuilder longPrompt = new StringBuilder();
    for (int i = 0; i < TemplateFingerprint.MAX_VARIANT_SENTENCES + 1; i++) {
      longPrompt.append("Rule ").append((char) ('a' + i % 26)).append(i / 26 > 0 ? "x" : "")
          .append(" applies to every answer you give. ");
    }
    assertThat(variants(longPrompt.toString()).size()).isEqualTo(1);
    assertThat(variants(ORCA).size()).isEqualTo(5);
  }
}
