package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkClustersTest {
  private static final int MIN = 3;
  private static final double SHARE = 0.1;

  /** Edge list builder over account indices. */
  private static final class Graph {
    final List<int[]> edges = new ArrayList<>();

    Graph clique(int from, int to) {
      for (int a = from; a < to; a++) {
        for (int b = a + 1; b < to; b++) {
          edges.add(new int[] {a, b});
        }
      }
      return this;
    }

    Graph edge(int a, int b) {
      edges.add(new int[] {a, b});
      return this;
    }

    int[] cluster(int n) {
      int[] xs = new int[edges.size()];
      int[] ys = new int[edges.size()];
      for (int i = 0; i < edges.size(); i++) {
        xs[i] = edges.get(i)[0];
        ys[i] = edges.get(i)[1];
      }
      return LinkClusters.cluster(n, xs, ys, null, edges.size(), MIN, SHARE);
    }
  }

  @Test
  void twoCampaignsJoinedByOneChanceLink_stayApart() {
    int[] label = new Graph().clique(0, 10).clique(10, 20).edge(3, 14).cluster(20);

    assertThat(label[0]).isNotEqualTo(label[10]);
    assertThat(label).containsOnly(label[0], label[10]);
  }

  @Test
  void twoGroupsJoinedByEnoughLinks_merge() {
    // 2 = max(2, 0.1 * 10) links without a common neighbour: one operation seen in two parts
    int[] label = new Graph().clique(0, 10).clique(10, 20).edge(1, 11).edge(2, 12).cluster(20);

    assertThat(label).containsOnly(label[0]);
  }

  @Test
  void largerGroups_needProportionallyMoreLinks() {
    Graph g = new Graph().clique(0, 40).clique(40, 80);
    for (int i = 0; i < 3; i++) {
      g.edge(i, 40 + i);
    }
    int[] three = g.cluster(80);
    g.edge(3, 43);
    int[] four = g.cluster(80);

    assertThat(three[0]).isNotEqualTo(three[40]);
    assertThat(four[0]).isEqualTo(four[40]);
  }

  @Test
  void groupsJoinedByOneEdgeTheCallerIsSureOf_merge() {
    int[] xs = new int[91];
    int[] ys = new int[91];
    boolean[] sure = new boolean[91];
    int m = 0;
    for (int a = 0; a < 20; a++) {
      for (int b = a + 1; b < 20; b++) {
        if ((a < 10) == (b < 10)) {
          xs[m] = a;
          ys[m++] = b;
        }
      }
    }
    xs[m] = 3;
    ys[m] = 14;
    sure[m++] = true;

    int[] label = LinkClusters.cluster(20, xs, ys, sure, m, MIN, SHARE);

    assertThat(label).containsOnly(label[0]);
  }

  @Test
  void sparseChainWithoutTriangles_isStillOneGroup() {
    Graph g = new Graph();
    for (int i = 0; i < 11; i++) {
      g.edge(i, i + 1);
    }
    int[] label = g.cluster(12);

    assertThat(label).containsOnly(label[0]);
  }

  @Test
  void smallGroupLinkedToTwoCampaigns_joinsOnlyTheOneItLinksToMost() {
    // {12, 13} closes no triangle: one link to the first campaign, two to the second
    int[] label = new Graph().clique(0, 6).clique(6, 12)
        .edge(12, 13).edge(12, 2).edge(12, 8).edge(13, 7).cluster(14);

    assertThat(label[12]).isEqualTo(label[6]).isEqualTo(label[13]);
    assertThat(label[0]).isNotEqualTo(label[6]);
  }

  @Test
  void pairLinkedEquallyToTwoCampaigns_joinsTheOneWithTheLowestMember() {
    // {12, 13} closes no triangle and links each campaign twice (a pair needs two links to join)
    int[] label = new Graph().clique(0, 6).clique(6, 12)
        .edge(12, 13).edge(12, 1).edge(13, 2).edge(12, 8).edge(13, 9).cluster(14);

    assertThat(label[12]).isEqualTo(label[0]).isEqualTo(label[13]);
    assertThat(label[6]).isNotEqualTo(label[0]);
  }

  @Test
  void loneAccountWithOneLinkToACampaign_staysAlone_withTwoItJoins() {
    // One campaign of two triangles' worth of links: 0 and 5 share no neighbour, so links from a
    // lone account to both close no triangle either.
    Graph campaign = new Graph().clique(0, 3).clique(3, 6).edge(2, 3).edge(2, 4).edge(1, 3);
    int[] label = campaign.edge(6, 2).edge(7, 0).edge(7, 5).cluster(8);

    assertThat(label[5]).isEqualTo(label[0]);
    assertThat(label[6]).isNotEqualTo(label[0]);
    assertThat(label[7]).isEqualTo(label[0]);
  }

  @Test
  void pairWithOneLinkToACampaign_staysApart_withTwoItJoins() {
    // 7-8 and 9-10 are pairs, each linked to the campaign by one edge and by two edges.
    Graph campaign = new Graph().clique(0, 3).clique(3, 6).edge(2, 3).edge(2, 4).edge(1, 3);
    int[] label = campaign.edge(7, 8).edge(7, 0).edge(9, 10).edge(9, 0).edge(10, 5).cluster(11);

    assertThat(label[7]).isNotEqualTo(label[0]);
    assertThat(label[8]).isEqualTo(label[7]);
    assertThat(label[9]).isEqualTo(label[0]);
    assertThat(label[10]).isEqualTo(label[0]);
  }

  @Test
  void noEdges_everyAccountAlone() {
    int[] label = new Graph().cluster(4);

    assertThat(new HashSet<>(List.of(label[0], label[1], label[2], label[3]))).hasSize(4);
  }

  /**
   * Random graphs: groups refine the connected components (nothing unlinked is ever grouped), the
   * ends of every edge with a common neighbour are grouped, and the partition does not depend on
   * the order of the edges.
   */
  @Test
  void randomGraphs_groupsRefineComponents_keepSupportedEdges_ignoreEdgeOrder() {
    int n = 30;
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, n * n - 1)).ofSizeBetween(0, 120),
            integers().all())
        .checkAssert((codes, seed) -> {
          Set<Long> seen = new HashSet<>();
          Graph g = new Graph();
          Map<Integer, Set<Integer>> adj = new HashMap<>();
          for (int code : codes) {
            int a = code / n;
            int b = code % n;
            if (a == b || !seen.add(GraphCampaignLinker.pairKey(a, b))) {
              continue;
            }
            g.edge(a, b);
            adj.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            adj.computeIfAbsent(b, k -> new HashSet<>()).add(a);
          }
          int[] label = g.cluster(n);

          int[] comp = components(n, g.edges);
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              if (label[i] == label[j]) {
                assertThat(comp[i]).as("grouped but not linked: %d %d", i, j).isEqualTo(comp[j]);
              }
            }
          }
          for (int[] e : g.edges) {
            Set<Integer> common = new HashSet<>(adj.get(e[0]));
            common.retainAll(adj.get(e[1]));
            if (!common.isEmpty()) {
              assertThat(label[e[0]]).as("supported edge %d-%d", e[0], e[1]).isEqualTo(label[e[1]]);
            }
          }
          Collections.shuffle(g.edges, new Random(seed));
          assertThat(partition(g.cluster(n))).isEqualTo(partition(label));
        });
  }

  private static int[] components(int n, List<int[]> edges) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int[] e : edges) {
      p[root(p, e[0])] = root(p, e[1]);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = root(p, i);
    }
    return out;
  }

  private static int root(int[] p, int i) {
    while (p[i] != i) {
      i = p[i];
    }
    return i;
  }

  private static Set<Set<Integer>> partition(int[] label) {
    Map<Integer, Set<Integer>> groups = new HashMap<>();
    for (int i = 0; i < label.length; i++) {
      groups.computeIfAbsent(label[i], k -> new HashSet<>()).add(i);
    }
    return new HashSet<>(groups.values());
  }
}
