package io.distillguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.distillguard.core.detect.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReasonCacheTest {

  private static List<Reason> reasons(SplittableRandom r, int n) {
    List<Reason> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(30);
      out.add(new Reason("signal_" + (k % 7), k / 10.0, k / 100.0, "detail " + k));
    }
    return List.copyOf(out);
  }

  @Test
  void intern_equalLists_returnsOneSharedInstance() {
    ReasonCache cache = new ReasonCache();
    List<Reason> a = List.of(new Reason("cot_elicitation_share", 0.4, 0.1, "40% of prompts ask for steps"));
    List<Reason> b = List.of(new Reason("cot_elicitation_share", 0.4, 0.1, "40% of prompts ask for steps"));
    List<Reason> first = cache.intern(a);
    assertThat(cache.intern(b)).isSameAs(first);
  }

  @Test
  void intern_manyRandomLists_alwaysReturnsAnEqualImmutableList() {
    ReasonCache cache = new ReasonCache();
    qt().withExamples(2000).forAll(longs().all(), integers().between(0, 9)).checkAssert((seed, n) -> {
      List<Reason> in = reasons(new SplittableRandom(seed), n);
      List<Reason> out = cache.intern(in);
      assertThat(out).isEqualTo(in);
      assertThat(out.getClass().getName()).startsWith("java.util.ImmutableCollections");
    });
  }

  @Test
  void intern_equalReasonsInDifferentLists_shareReasonObjects() {
    ReasonCache cache = new ReasonCache();
    Reason x = new Reason("evidence_strength", 0.05, 0, "Only 1 exchange so far");
    List<Reason> a = cache.intern(List.of(x, new Reason("a", 1, 0.2, "a")));
    List<Reason> b = cache.intern(List.of(new Reason("b", 1, 0.3, "b"),
        new Reason("evidence_strength", 0.05, 0, "Only 1 exchange so far")));
    assertThat(b.get(1)).isSameAs(a.get(0));
  }
}
