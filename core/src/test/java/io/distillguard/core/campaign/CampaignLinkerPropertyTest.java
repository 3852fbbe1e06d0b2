package io.distillguard.core.campaign;

import static io.distillguard.core.campaign.Traffic.MIN;
import static io.distillguard.core.campaign.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.distillguard.core.detect.Assessment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random operation sequences against a simple reference model. In the generated world the only
 * evidence is a payment card and a template, both from small pools, and nobody behaves like a
 * distiller on their own; every linked group is published (suspicious threshold 0). Then the linker
 * must agree exactly with the reference after every step: two accounts of different orgs are linked
 * iff they share a card AND a template (two independent kinds), and campaigns are the groups of
 * size >= 3 that {@link LinkClusters} makes of those links. A stream spans under five hours, so no
 * account is silent long enough to count as retired and taken over by another on its card.
 */
class CampaignLinkerPropertyTest {
  private static final int ACCOUNTS = 25;
  private static final CampaignConfig CONFIG = CampaignConfig.defaults().withThresholds(0.0, 0.8);

  private static String account(int i) {
    return "acct-" + i;
  }

  private static String org(int i) {
    return i % 5 == 0 ? "org-a" : i % 5 == 1 ? "org-b" : null;
  }

  private static Traffic op(int code, long ts) {
    int acct = code % ACCOUNTS;
    int card = (code / ACCOUNTS) % 4;
    int template = (code / (ACCOUNTS * 4)) % 6;
    return Traffic.at(ts).account(account(acct)).org(org(acct)).payment("pm-" + card)
        .template(10_000 + template).cot(0.45f);
  }

  private static long time(List<Integer> ops, int upTo) {
    long ts = T0;
    for (int i = 0; i <= upTo; i++) {
      ts += (ops.get(i) / (ACCOUNTS * 24)) % 5 * MIN; // equal timestamps happen often
    }
    return ts;
  }

  /** Reference: components of the "shares a card and a template, different org" graph. */
  private static Set<Set<String>> reference(List<Integer> ops, int upTo) {
    Map<Integer, Set<Integer>> cards = new HashMap<>();
    Map<Integer, Set<Integer>> templates = new HashMap<>();
    for (int i = 0; i <= upTo; i++) {
      int code = ops.get(i);
      int acct = code % ACCOUNTS;
      cards.computeIfAbsent(acct, k -> new HashSet<>()).add((code / ACCOUNTS) % 4);
      templates.computeIfAbsent(acct, k -> new HashSet<>()).add((code / (ACCOUNTS * 4)) % 6);
    }
    // The linker numbers accounts in arrival order, and LinkClusters breaks ties by that number.
    Map<Integer, Integer> arrival = new HashMap<>();
    for (int i = 0; i <= upTo; i++) {
      int acct = ops.get(i) % ACCOUNTS;
      if (!arrival.containsKey(acct)) {
        arrival.put(acct, arrival.size());
      }
    }
    int[] xs = new int[ACCOUNTS * ACCOUNTS];
    int[] ys = new int[ACCOUNTS * ACCOUNTS];
    int m = 0;
    for (int a : cards.keySet()) {
      for (int b : cards.keySet()) {
        if (a < b && (org(a) == null || !org(a).equals(org(b)))
            && intersects(cards.get(a), cards.get(b))
            && intersects(templates.get(a), templates.get(b))) {
          xs[m] = arrival.get(a);
          ys[m++] = arrival.get(b);
        }
      }
    }
    // Grouping of the accepted links is LinkClusters' own (tested in LinkClustersTest); here the
    // question is whether the streaming linker accepts exactly these links.
    int[] label = LinkClusters.cluster(arrival.size(), xs, ys, null, m, CONFIG.minCampaignSize(),
        CONFIG.bridgeShare());
    Map<Integer, Set<String>> comps = new HashMap<>();
    for (int a : cards.keySet()) {
      comps.computeIfAbsent(label[arrival.get(a)], k -> new HashSet<>()).add(account(a));
    }
    Set<Set<String>> out = new HashSet<>();
    for (Set<String> c : comps.values()) {
      if (c.size() >= CONFIG.minCampaignSize()) {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean intersects(Set<Integer> x, Set<Integer> y) {
    for (int v : x) {
      if (y.contains(v)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void randomStreams_matchReferenceComponents_afterEveryStep() {
    qt().withExamples(150)
        .forAll(lists().of(integers().between(0, ACCOUNTS * 24 * 5 - 1)).ofSizeBetween(1, 70))
        .checkAssert(ops -> {
          CampaignLinker linker = CampaignLinkers.create(CONFIG);
          for (int i = 0; i < ops.size(); i++) {
            long ts = time(ops, i);
            op(ops.get(i), ts).to(linker, 0.3);
            List<CampaignAssessment> campaigns = linker.campaigns();
            Set<Set<String>> got = new HashSet<>();
            Set<String> seen = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (CampaignAssessment c : campaigns) {
              got.add(new HashSet<>(c.accounts()));
              assertThat(ids.add(c.campaignId())).as("unique ids").isTrue();
              for (String a : c.accounts()) {
                assertThat(seen.add(a)).as("campaigns are disjoint").isTrue();
                assertThat(linker.campaignOf(a)).isSameAs(c);
                long flag = linker.linkedFlagTime(a);
                assertThat(flag == Assessment.NEVER || flag <= ts).as("no flag from the future").isTrue();
              }
            }
            assertThat(got).isEqualTo(reference(ops, i));
          }
        });
  }

  @Test
  void sameStream_givesIdenticalCampaigns() {
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, ACCOUNTS * 24 * 5 - 1)).ofSizeBetween(1, 80))
        .checkAssert(ops -> {
          CampaignLinker a = CampaignLinkers.create(CONFIG);
          CampaignLinker b = CampaignLinkers.create(CONFIG);
          for (int i = 0; i < ops.size(); i++) {
            op(ops.get(i), time(ops, i)).to(a, 0.3);
            op(ops.get(i), time(ops, i)).to(b, 0.3);
          }
          assertThat(b.campaigns()).isEqualTo(a.campaigns());
        });
  }
}
