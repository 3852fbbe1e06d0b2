package io.distillguard.core.campaign;

import java.util.Arrays;

/**
 * Groups accounts over the accepted link edges so that a chance link cannot chain two campaigns.
 *
 * <p>Plain connected components merge two 160-account hydras through one accepted edge between
 * them (mixed-week seed 11: one edge of shared rare templates plus a creation burst; seed 13: five
 * such edges against hundreds inside each). What tells such a bridge from a campaign's own links
 * is the neighbourhood: a campaign's members link to the same other members, so its edges close
 * triangles, while a chance edge between two groups has no common neighbour. So:
 *
 * <ol>
 *   <li><b>Cores</b>: components over <em>supported</em> edges, whose ends share at least one
 *       accepted neighbour, and over edges the caller is sure of (two workers committed to one
 *       campaign-signature prompt: the per-account edge budget can leave such a campaign as two
 *       dense blocks with few links between them, each link the same kind of proof as inside).
 *   <li><b>Periphery</b>: unsupported edges between accounts that are not in a core of
 *       {@code minCore} or more join them into groups, as before (a sparse campaign whose members
 *       each link to one or two others is still one group).
 *   <li>A group smaller than {@code minCore} joins the one neighbouring group it has the most edges
 *       to (never two, so it cannot bridge them either); a lone account or a pair needs two edges
 *       to it.
 *   <li>Two groups of {@code minCore} or more merge only when at least {@code max(2, bridgeShare *
 *       smaller size)} unsupported edges join them: one operation seen through two partial views,
 *       not one coincidence.
 * </ol>
 *
 * <p>The partition does not depend on edge order, and costs O(E * d) for the support counts, d the
 * accepted degree (at most the per-account edge budget).
 */
final class LinkClusters {
  private LinkClusters() {}

  /**
   * A component label (a representative account index) per account.
   *
   * @param n accounts, indexed 0..n-1
   * @param xs one end of each accepted edge
   * @param ys the other end (same length as used: {@code m})
   * @param m number of edges
   * @param sure edges that count as supported whatever their neighbourhood (may be null)
   */
  static int[] cluster(
      int n, int[] xs, int[] ys, boolean[] sure, int m, int minCore, double bridgeShare) {
    int[] parent = identity(n);
    int[] size = ones(n);
    if (m == 0) {
      return parent;
    }
    // Adjacency of the accepted graph (CSR), each neighbour list sorted for merge intersection.
    int[] start = new int[n + 1];
    for (int e = 0; e < m; e++) {
      start[xs[e] + 1]++;
      start[ys[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] nbr = new int[2 * m];
    for (int e = 0; e < m; e++) {
      nbr[fill[xs[e]]++] = ys[e];
      nbr[fill[ys[e]]++] = xs[e];
    }
    for (int i = 0; i < n; i++) {
      if (start[i + 1] - start[i] > 1) {
        Arrays.sort(nbr, start[i], start[i + 1]);
      }
    }
    boolean[] weak = new boolean[m];
    for (int e = 0; e < m; e++) {
      if ((sure != null && sure[e]) || common(nbr, start, xs[e], ys[e])) {
        union(parent, size, xs[e], ys[e]);
      } else {
        weak[e] = true;
      }
    }
    // Cores are fixed now; unsupported edges between non-core accounts form the periphery.
    int[] coreSize = new int[n];
    for (int i = 0; i < n; i++) {
      coreSize[i] = size[find(parent, i)];
    }
    for (int e = 0; e < m; e++) {
      if (weak[e] && coreSize[xs[e]] < minCore && coreSize[ys[e]] < minCore) {
        union(parent, size, xs[e], ys[e]);
        weak[e] = false;
      }
    }
    // Group sizes are fixed for the decisions below, so edge order cannot change them.
    int[] groupSize = new int[n];
    int[] lowest = new int[n];
    Arrays.fill(lowest, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      groupSize[i] = size[r];
      lowest[r] = Math.min(lowest[r], i);
    }
    LongIntMap between = new LongIntMap();
    for (int e = 0; e < m; e++) {
      if (!weak[e]) {
        continue;
      }
      int a = find(parent, xs[e]);
      int b = find(parent, ys[e]);
      if (a != b) {
        between.add(GraphCampaignLinker.pairKey(a, b), 1);
      }
    }
    // Each small group picks its best neighbour; big pairs need several links.
    int[] bestOf = new int[n];
    int[] bestCount = new int[n];
    Arrays.fill(bestOf, -1);
    long[] bigPairs = new long[between.size()];
    int[] bigCount = new int[between.size()];
    int[] nBig = {0};
    between.forEach((pair, count) -> {
      int a = (int) (pair >>> 32);
      int b = (int) pair;
      boolean smallA = groupSize[a] < minCore;
      boolean smallB = groupSize[b] < minCore;
      // A lone account or a pair needs two links to a group: one can be a coincidence (a casual
      // user who asked a public dataset's question that a worker's cover chat drew too, created
      // within the same ten minutes as that worker: low-and-slow seed 17, heavy cover; two casual
      // users linked to each other the same way, and one of them so to a worker, active in the
      // same daytime hours: low-and-slow seed 11, heavy cover, flagged for a day).
      if (smallA && (count >= 2 || groupSize[a] > 2)) {
        offer(bestOf, bestCount, lowest, a, b, count);
      }
      if (smallB && (count >= 2 || groupSize[b] > 2)) {
        offer(bestOf, bestCount, lowest, b, a, count);
      }
      if (!smallA && !smallB) {
        bigPairs[nBig[0]] = pair;
        bigCount[nBig[0]++] = count;
      }
    });
    for (int i = 0; i < nBig[0]; i++) {
      int a = (int) (bigPairs[i] >>> 32);
      int b = (int) bigPairs[i];
      int need = Math.max(2, (int) Math.ceil(bridgeShare * Math.min(groupSize[a], groupSize[b])));
      if (bigCount[i] >= need) {
        union(parent, size, a, b);
      }
    }
    for (int g = 0; g < n; g++) {
      if (bestOf[g] >= 0) {
        union(parent, size, g, bestOf[g]);
      }
    }
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = find(parent, i);
    }
    return label;
  }

  /**
   * Ties go to the group holding the lowest account index: which account ends up a group's root
   * depends on edge order, its lowest member does not.
   */
  private static void offer(
      int[] bestOf, int[] bestCount, int[] lowest, int small, int other, int count) {
    if (count > bestCount[small]
        || (count == bestCount[small] && lowest[other] < lowest[bestOf[small]])) {
      bestOf[small] = other;
      bestCount[small] = count;
    }
  }

  /** Whether x and y have an accepted neighbour in common (sorted lists, merge walk). */
  private static boolean common(int[] nbr, int[] start, int x, int y) {
    int i = start[x];
    int ie = start[x + 1];
    int j = start[y];
    int je = start[y + 1];
    while (i < ie && j < je) {
      int a = nbr[i];
      int b = nbr[j];
      if (a == b) {
        return true;
      }
      if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  private static int[] ones(int n) {
    int[] s = new int[n];
    Arrays.fill(s, 1);
    return s;
  }

  static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  static void union(int[] parent, int[] size, int x, int y) {
    int a = find(parent, x);
    int b = find(parent, y);
    if (a == b) {
      return;
    }
    if (size[a] < size[b] || (size[a] == size[b] && a > b)) {
      int t = a;
      a = b;
      b = t;
    }
    parent[b] = a;
    size[a] += size[b];
  }
}
