package io.distillguard.core.features;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() {
    FeatureExtractor fx = new FeatureExtractor();
    String[] files = {"benign/arena_hard_v0.1.jsonl", "benign/sharegpt_first_turns.jsonl",
      "benign/natural_questions_open.jsonl", "benign/hh_rlhf_harmless_test.jsonl", "benign/oasst_prompts.jsonl",
      "benign/mt_bench.jsonl", "benign/awesome_chatgpt_prompts.jsonl", "distill/alpaca_5000.jsonl",
      "distill/code_alpaca_2k.jsonl", "distill/gpteacher_codegen.jsonl", "distill/openorca_dpo_sample.jsonl",
      "distill/orca_system_messages.jsonl", "distill/self_instruct_seed_tasks.jsonl", "distill/meta_prompts.jsonl"};
    for (String f : files) {
      List<Corpora.Line> lines = Corpora.read(f);
      int cot = 0, meta = 0, gr = 0, tg = 0;
      Set<Long> tmpl = new HashSet<>();
      Set<Integer> topics = new HashSet<>();
      int[] topicCount = new int[64];
      long t0 = System.nanoTime();
      for (Corpora.Line l : lines) {
        ExchangeFeatures x = fx.extract(Exchanges.chat(l.system(), l.prompt()));
        if (x.cotElicitation() >= 0.5f) cot++;
        if (x.metaReasoning() >= 0.5f) { meta++; System.out.println("META " + f + ": " + l.prompt().substring(0, Math.min(300, l.prompt().length())).replace('\n',' ')); }
        if (x.graderPrompt()) { gr++; if (gr < 4) System.out.println("GR " + f + ": " + l.prompt().substring(0, Math.min(200, l.prompt().length())).replace('\n',' ')); }
        if (x.taskGeneration()) { tg++; if (tg < 4) System.out.println("TG " + f + ": " + l.prompt().substring(0, Math.min(200, l.prompt().length())).replace('\n',' ')); }
        tmpl.add(x.templateHash());
        topicCount[x.topicBucket()]++;
      }
      long t1 = System.nanoTime();
      int nonEmpty = 0; for (int c : topicCount) if (c > 0) nonEmpty++;
      System.out.printf("%s n=%d cot=%.3f meta=%.4f grader=%.3f taskgen=%.3f templates=%d topics=%d us/ex=%.1f%n",
          f, lines.size(), cot / (double) lines.size(), meta / (double) lines.size(), gr / (double) lines.size(),
          tg / (double) lines.size(), tmpl.size(), nonEmpty, (t1 - t0) / 1000.0 / lines.size());
    }
  }
}
