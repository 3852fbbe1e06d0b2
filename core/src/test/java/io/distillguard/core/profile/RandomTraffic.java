package io.distillguard.core.profile;

import io.distillguard.core.features.ExchangeFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random mixed traffic of one account from a seed, for property tests. */
public final class RandomTraffic {
  private RandomTraffic() {}

  public static List<Personas.Event> of(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    int distinctPool = 1 + r.nextInt(1000);
    List<Personas.Event> out = new ArrayList<>(n);
    long ts = Personas.T0;
    for (int i = 0; i < n; i++) {
      ts += r.nextInt(100_000);
      out.add(Personas.ev().account("acct").ts(ts)
          .ip("10.0." + r.nextInt(4) + "." + r.nextInt(256)).ua("ua" + r.nextInt(5)).asn(r.nextInt(20))
          .created(r.nextBoolean() ? Personas.T0 - r.nextInt(100) * Personas.DAY : io.distillguard.core.ingest.Exchange.ABSENT)
          .verified(r.nextInt(3) - 1).model("m" + r.nextInt(3)).status(r.nextInt(10) == 0 ? 429 : 200)
          .tokens(r.nextInt(2000), r.nextInt(3000) - 1).template(1 + r.nextInt(distinctPool))
          .prompt(1 + r.nextInt(distinctPool * 3)).system(r.nextInt(4)).topic(r.nextInt(64))
          .cot(r.nextFloat()).meta(r.nextInt(5) == 0 ? r.nextFloat() : 0f).grader(r.nextInt(8) == 0)
          .taskGen(r.nextInt(8) == 0).harvest(r.nextInt(16)).turns(r.nextInt(4) == 0 ? 1 : 0)
          .tools(r.nextInt(6) == 0 ? List.of("t" + r.nextInt(30), "search") : List.of()).build());
    }
    return out;
  }

  static int harvestAll() {
    return ExchangeFeatures.HARVEST_LOGPROBS | ExchangeFeatures.HARVEST_MULTI_N;
  }
}
