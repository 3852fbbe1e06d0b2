package io.distillguard.core.campaign;

import static io.distillguard.core.campaign.Traffic.DAY;
import static io.distillguard.core.campaign.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.ingest.Exchange;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory and time of the linker at 100k accounts (a quick measurement, not a JMH bench): prints
 * bytes per account and nanoseconds per exchange and checks the memory bound. Run with {@code
 * ./mvnw -pl core test -Dtest=CampaignLinkerCostTest -DexcludedTestGroups=none}.
 */
@Tag("slow")
class CampaignLinkerCostTest {

  @Test
  void twentyThousandAccounts_stayWithinMemoryBound() {
    measure(20_000);
  }

  @Test
  void hundredThousandAccounts_stayWithinMemoryBound() {
    measure(100_000);
  }

  private static void measure(int accounts) {
    // ~30 exchanges per account over a week, as in the mixed-week simulation (~200 there for the
    // heavy personas): enough for key sets, postings and edges to fill up as they would.
    int perAccount = 30;
    Random rnd = new Random(42);
    int n = accounts * perAccount;
    long span = 7 * DAY;
    GraphCampaignLinker linker = new GraphCampaignLinker(CampaignConfig.defaults());
    // Exchanges are built in chunks outside the timed part, so the timing covers the linker only.
    int chunk = 100_000;
    Exchange[] ex = new Exchange[chunk];
    ExchangeFeatures[] fs = new ExchangeFeatures[chunk];
    long nanos = 0;
    for (int base = 0; base < n; base += chunk) {
      int m = Math.min(chunk, n - base);
      for (int j = 0; j < m; j++) {
        long ts = T0 + span * (base + j) / n;
        int a = rnd.nextInt(accounts);
        boolean hydra = a < accounts / 50;
        Traffic t = Traffic.at(ts).account("acct-" + a)
            .ip(hydra ? "203.0.113." + (a % 50) : "198." + (a % 200) + "." + (a / 200 % 250) + ".7")
            .asn(hydra ? 9009 : 64500 + a % 300)
            .payment(hydra ? "pm-h-" + (a % 400) : "pm-" + a)
            .created(hydra ? T0 - 3 * DAY + a * 60_000L : T0 - (a % 700) * DAY)
            .template(hydra ? 500_000 + rnd.nextInt(40)
                : rnd.nextInt(6) == 0 ? rnd.nextInt(50) : rnd.nextLong())
            .system(hydra ? 77_777 : rnd.nextInt(4) == 0 ? 1 : 0)
            .cot(hydra ? 0.9f : 0f)
            .topic(rnd.nextInt(64));
        ex[j] = t.exchange();
        fs[j] = t.features();
      }
      long t0 = System.nanoTime();
      for (int j = 0; j < m; j++) {
        linker.observe(ex[j], fs[j], fs[j].cotElicitation() > 0 ? 0.3 : 0.05, false);
      }
      nanos += System.nanoTime() - t0;
    }
    long t0 = System.nanoTime();
    int campaigns = linker.campaigns().size();
    nanos += System.nanoTime() - t0;
    long bytes = linker.estimatedBytes();
    System.out.printf(
        "linker: %d accounts, %d exchanges, %.0f ns/exchange (incl. %s reclusterings), %d edges,"
            + " %d dropped, %d retried, ~%d bytes/account, %d campaigns%n",
        linker.accountCount(), n, nanos / (double) n, "all", linker.edgeCount(),
        linker.droppedEdges(), linker.retriedEdges(), bytes / linker.accountCount(), campaigns);
    System.out.println("linker: " + linker.costBreakdown());
    // Accounts are drawn at random: about e^-5 of them never send anything.
    assertThat(linker.accountCount()).isBetween(accounts * 98 / 100, accounts);
    // Dense adversarial sharing fills ~22 edges per account here (~130 B each in arrays, growth
    // slack included) on top of ~1 KB of account and posting state.
    assertThat(bytes / linker.accountCount()).isLessThan(8_192);
    int budget =
        CampaignConfig.defaults().maxEdgesPerAccount() + GraphCampaignLinker.SIGNATURE_RESERVE;
    assertThat(linker.edgeCount()).isLessThanOrEqualTo(accounts * budget / 2);
  }
}
