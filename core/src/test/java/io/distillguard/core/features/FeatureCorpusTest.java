package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signal rates over the real prompt corpora in {@code ../shared/data} (skipped when absent). */
class FeatureCorpusTest {

  private static final float STRONG = 0.5f;
  private final FeatureExtractor fx = new FeatureExtractor();

  @BeforeAll
  static void dataPresent() {
    assumeTrue(Corpora.dataDir() != null, "shared prompt corpora not found");
  }

  private double share(String file, Predicate<ExchangeFeatures> p) {
    List<Corpora.Line> lines = Corpora.read(file);
    assertThat(lines).isNotEmpty();
    long hits = lines.stream()
        .map(l -> fx.extract(Exchanges.chat(l.system(), l.prompt())))
        .filter(p)
        .count();
    return hits / (double) lines.size();
  }

  @Test
  void cotElicitation_orcaSystemPrompts_areMostlyFlagged() {
    assertThat(share("distill/openorca_dpo_sample.jsonl", f -> f.cotElicitation() >= STRONG))
        .isGreaterThanOrEqualTo(0.9);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "benign/natural_questions_open.jsonl", "benign/sharegpt_first_turns.jsonl",
      "benign/arena_hard_v0.1.jsonl", "benign/hh_rlhf_harmless_test.jsonl",
      "benign/oasst_prompts.jsonl", "benign/mt_bench.jsonl", "benign/awesome_chatgpt_prompts.jsonl",
      "distill/alpaca_5000.jsonl", "distill/code_alpaca_2k.jsonl", "distill/gpteacher_codegen.jsonl"
  })
  void metaReasoning_ordinaryPromptCorpora_isEssentiallyNeverFlagged(String file) {
    assertThat(share(file, f -> f.metaReasoning() >= STRONG)).isLessThanOrEqualTo(0.002);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "benign/natural_questions_open.jsonl", "benign/sharegpt_first_turns.jsonl",
      "benign/hh_rlhf_harmless_test.jsonl", "benign/oasst_prompts.jsonl"
  })
  void benignCorpora_cotGraderAndTaskGeneration_areRare(String file) {
    assertThat(share(file, f -> f.cotElicitation() >= STRONG)).isLessThanOrEqualTo(0.03);
    assertThat(share(file, ExchangeFeatures::graderPrompt)).isLessThanOrEqualTo(0.01);
    assertThat(share(file, ExchangeFeatures::taskGeneration)).isLessThanOrEqualTo(0.02);
  }

  @Test
  void taskGeneration_realSelfInstructMetaPrompts_areFlagged() {
    assertThat(share("distill/meta_prompts.jsonl", ExchangeFeatures::taskGeneration)).isEqualTo(1.0);
  }

  @Test
  void templateHash_selfInstructCorpus_givesNearlyOneTemplatePerPrompt() {
    List<Corpora.Line> lines = Corpora.read("distill/alpaca_5000.jsonl");
    Set<Long> templates = new HashSet<>();
    long[] topics = new long[1];
    for (Corpora.Line l : lines) {
      ExchangeFeatures f = fx.extract(Exchanges.chat(l.system(), l.prompt()));
      templates.add(f.templateHash());
      topics[0] |= 1L << f.topicBucket();
    }
    assertThat(templates.size()).isGreaterThanOrEqualTo((int) (0.9 * lines.size()));
    assertThat(Long.bitCount(topics[0])).isGreaterThanOrEqualTo(30);
  }

  @Test
  void templateHash_batchJobOverRealQuestions_isOneTemplate() {
    List<Corpora.Line> lines = Corpora.read("benign/natural_questions_open.jsonl").subList(0, 1000);
    Set<Long> qa = new HashSet<>();
    Set<Long> rag = new HashSet<>();
    for (Corpora.Line l : lines) {
      qa.add(fx.extract(Exchanges.chat("Answer in one short phrase.",
          "Question: " + l.prompt() + "\nAnswer:")).templateHash());
      rag.add(fx.extract(Exchanges.user(
          "Use the context to answer the question.\n\nContext: " + l.prompt() + " (retrieved)\n\nQuestion: "
              + l.prompt())).templateHash());
    }
    assertThat(qa).hasSize(1);
    assertThat(rag).hasSize(1);
  }
}
