package io.distillguard.core.features;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfProbeTest {
  @Test
  void perf() {
    FeatureExtractor fx = new FeatureExtractor();
    List<Corpora.Line> lines = Corpora.read("benign/sharegpt_first_turns.jsonl");
    var ex = lines.stream().map(l -> Exchanges.chat(l.system(), l.prompt())).toList();
    long sink = 0;
    for (int round = 0; round < 6; round++) {
      long t0 = System.nanoTime();
      for (var e : ex) sink += fx.extract(e).templateHash();
      long t1 = System.nanoTime();
      long t2 = System.nanoTime();
      for (var e : ex) { String u = e.request().lastUserText(); sink += TextNormalizer.normalize(u, 0, Math.min(u.length(), 4096)).length(); }
      long t3 = System.nanoTime();
      for (var e : ex) { String u = e.request().lastUserText(); String n = TextNormalizer.normalize(u, 0, Math.min(u.length(), 4096)); PhraseMatcher.Hits h = new PhraseMatcher.Hits(); Lexicon.MATCHER.scan(n, h); sink += h.size; }
      long t4 = System.nanoTime();
      for (var e : ex) { String u = e.request().lastUserText(); sink += TemplateFingerprint.skeleton(u).length(); }
      long t5 = System.nanoTime();
      var norms = ex.stream().map(e -> { String u = e.request().lastUserText(); return TextNormalizer.normalize(u, 0, Math.min(u.length(), 4096)); }).toList();
      long a0 = System.nanoTime();
      for (String n : norms) sink += SignalScanner.scan(n, 0, n.length()).topic;
      long a1 = System.nanoTime();
      var skels = norms.stream().map(TemplateFingerprint::skeletonOfNormalized).toList();
      long a2 = System.nanoTime();
      for (String n : norms) sink += TemplateFingerprint.maskTokens(n).length();
      long a3 = System.nanoTime();
      for (String n : skels) sink += TemplateFingerprint.simhash(n);
      long a4 = System.nanoTime();
      System.out.printf("scanner %.1f us, maskTokens %.1f us, simhash %.1f us%n", (a1 - a0) / 1e3 / ex.size(), (a3 - a2) / 1e3 / ex.size(), (a4 - a3) / 1e3 / ex.size());
      System.out.printf("extract %.1f us, normalize %.1f us, norm+scan %.1f us, skeleton %.1f us%n",
          (t1 - t0) / 1e3 / ex.size(), (t3 - t2) / 1e3 / ex.size(), (t4 - t3) / 1e3 / ex.size(), (t5 - t4) / 1e3 / ex.size());
    }
    long chars = 0; for (var l : lines) chars += Math.min(4096, l.prompt().length());
    System.out.println("avg chars " + chars / lines.size() + " states " + Lexicon.MATCHER.states() + " sink " + sink);
  }
}
