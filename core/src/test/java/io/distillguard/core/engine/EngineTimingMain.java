package io.distillguard.core.engine;

import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.RiskScorer;
import io.distillguard.core.profile.AccountProfile;
import io.distillguard.core.profile.Personas;
import io.distillguard.core.profile.Personas.Event;
import java.util.ArrayList;
import java.util.List;

/** Ad-hoc timing of the per-event parts (not a test; the bench module owns real numbers). */
final class EngineTimingMain {
  public static void main(String[] args) {
    List<Event> all = new ArrayList<>();
    for (int a = 0; a < 2000; a++) {
      all.addAll(a % 10 == 0 ? Personas.cotHarvester("a" + a, 100, a) : Personas.ragApp("a" + a, 100, a));
    }
    RiskScorer scorer = new RiskScorer(DetectorConfig.defaults());
    for (int rep = 0; rep < 3; rep++) {
      AccountProfile[] ps = new AccountProfile[2000];
      long t0 = System.nanoTime();
      for (int i = 0; i < all.size(); i++) {
        int a = i / 100;
        if (ps[a] == null) ps[a] = new AccountProfile();
        ps[a].update(all.get(i).exchange(), all.get(i).features());
      }
      long t1 = System.nanoTime();
      double s = 0;
      for (int i = 0; i < all.size(); i++) {
        s += scorer.risk(ps[i / 100]);
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < 20000; i++) {
        s += scorer.score(ps[i / 10]).risk();
      }
      long t3 = System.nanoTime();
      System.out.printf("update %.0f ns/ev, risk %.0f ns/ev, score %.0f ns/ev %s%n", (t1 - t0) / 2e5, (t2 - t1) / 2e5, (t3 - t2) / 2e4, s > 0);
    }
  }
}
