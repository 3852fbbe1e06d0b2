package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.distillguard.core.ingest.Exchange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single-thread extraction cost over a mix of the real corpora. A coarse guard, not a benchmark:
 * the number it prints depends on the machine and its load (use JMH in {@code bench/} for claims).
 */
@Tag("slow")
class FeatureExtractorThroughputTest {

  @Test
  void extract_realPromptMix_staysWellUnderBudgetPerExchange() {
    assumeTrue(Corpora.dataDir() != null, "shared prompt corpora not found");
    List<Exchange> mix = new ArrayList<>();
    for (String f : List.of("benign/natural_questions_open.jsonl", "benign/sharegpt_first_turns.jsonl",
        "benign/oasst_prompts.jsonl", "distill/alpaca_5000.jsonl", "distill/openorca_dpo_sample.jsonl",
        "distill/gpteacher_codegen.jsonl")) {
      for (Corpora.Line l : Corpora.read(f)) {
        mix.add(Exchanges.chat(l.system(), l.prompt()));
      }
    }
    FeatureExtractor fx = new FeatureExtractor();
    long sink = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long t0 = System.nanoTime();
      for (Exchange e : mix) {
        sink += fx.extract(e).templateHash();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e3 / mix.size());
    }
    long chars = 0;
    for (Exchange e : mix) {
      chars += Math.min(FeatureExtractor.HEAD, e.request().lastUserText().length())
          + Math.min(FeatureExtractor.HEAD, e.request().system().length());
    }
    System.out.printf("feature extraction: %.2f us/exchange, %.1f ns/char over %d real prompts"
        + " (best of 8)%n", best, best * 1e3 * mix.size() / chars, mix.size());
    assertThat(sink).isNotZero();
    // Generous ceiling so a loaded shared machine passes; it catches accidental quadratic work.
    assertThat(best).isLessThan(500.0);
  }
}
