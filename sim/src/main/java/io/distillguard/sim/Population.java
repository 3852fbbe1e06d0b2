package io.distillguard.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds every account of a scenario with its metadata, and the groups (campaigns, organisations)
 * they belong to. Deterministic for a seed. Account ids are a random permutation, so neither ids
 * nor their order reveal the persona or the campaign.
 *
 * <p>The metadata is where the hard cases live: campaigns share payment fingerprints only in small
 * groups, spread over proxy ASNs and use the most common SDK user agent; enterprise accounts share
 * one NAT address and org id legitimately; resellers carry hundreds of keys.
 */
final class Population {

  /** A campaign or an organisation: what its member accounts share. */
  static final class Group {
    final String id;
    final Persona persona;
    final int size;
    final SplittableRandom rnd;
    final double tzHours;
    final int[] asns;
    final String[] ips;
    final String[] payments;
    final String userAgent;
    final String[] emailDomains;
    final long createdBase;
    /** Phase of the campaign's synchronized schedule, in ms after midnight UTC. */
    final long phase;
    /** Delay after a model release before the group pivots to it. */
    final long pivotDelay;
    final int systemPick;

    /** Position among its cohort's groups: the chat client a shared-client group runs. */
    final int ordinal;

    ProjectText.Client client() {
      return ProjectText.CLIENTS.get(ordinal % ProjectText.CLIENTS.size());
    }

    Group(String id, Persona persona, int size, int ordinal, SplittableRandom rnd, long start) {
      this.id = id;
      this.ordinal = ordinal;
      this.persona = persona;
      this.size = size;
      this.rnd = rnd;
      this.tzHours = pick(rnd, TZ);
      boolean residential = persona == Persona.LOW_AND_SLOW;
      int nAsn = persona == Persona.ENTERPRISE_NAT ? 1 : residential ? 8 : 3;
      this.asns = new int[nAsn];
      for (int i = 0; i < nAsn; i++) {
        asns[i] =
            persona == Persona.ENTERPRISE_NAT
                ? pick(rnd, BUSINESS_ASN)
                : residential ? pick(rnd, RESIDENTIAL_ASN) : pick(rnd, PROXY_ASN);
      }
      int nIp = persona == Persona.ENTERPRISE_NAT ? 1 : Math.max(8, size / 3);
      this.ips = new String[nIp];
      for (int i = 0; i < nIp; i++) {
        ips[i] = ip(rnd, asns[i % nAsn]);
      }
      // small payment groups: 3-6 accounts share one card
      this.payments = new String[Math.max(1, size / (3 + rnd.nextInt(4)))];
      for (int i = 0; i < payments.length; i++) {
        payments[i] = hex(rnd, "pm_", 12);
      }
      this.userAgent = pick(rnd, SDK_UA);
      String company = pick(rnd, ProjectText.COMPANIES).toLowerCase(Locale.ROOT).replace(' ', '-');
      this.emailDomains =
          persona == Persona.ENTERPRISE_NAT
              ? new String[] {company + ".com"}
              : new String[] {"gmail.com", pick(rnd, THROWAWAY_DOMAINS), pick(rnd, PERSONAL_DOMAINS)};
      long back = persona == Persona.RELEASE_PIVOT ? 40 : persona == Persona.LOW_AND_SLOW ? 30 : 4;
      this.createdBase = start - back * Timing.DAY - rnd.nextLong(Timing.DAY);
      this.phase = rnd.nextLong(Timing.HOUR * 4);
      this.pivotDelay = Timing.HOUR + rnd.nextLong(7 * Timing.HOUR);
      this.systemPick = rnd.nextInt(1 << 20);
    }
  }

  static final double[] TZ = {-8, -7, -5, -5, -4, -3, 0, 0, 1, 1, 2, 3, 5.5, 7, 8, 8, 9, 9, 10};

  static final int[] RESIDENTIAL_ASN = {7922, 3320, 2856, 4134, 4766, 17676, 3215, 12389, 28573, 55836, 7018, 701};
  static final int[] CLOUD_ASN = {16509, 15169, 8075, 14061, 24940, 16276, 45102, 132203};
  static final int[] PROXY_ASN = {9009, 212238, 60068, 20473, 14061, 24940, 45102, 132203};
  static final int[] BUSINESS_ASN = {3356, 174, 6939, 1299, 2914, 3257};

  static final String[] SDK_UA = {
    "openai-python/1.54.0", "openai-python/1.55.3", "OpenAI/NodeJS/4.71.1", "anthropic-sdk-python/0.39.0",
    "python-requests/2.32.3", "langchain-openai/0.2.9", "axios/1.7.7", "Go-http-client/2.0"
  };
  static final String[] HUMAN_UA = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "openai-python/1.54.0", "anthropic-sdk-python/0.39.0", "OpenAI/NodeJS/4.71.1", "curl/8.5.0"
  };
  static final String[] IDE_UA = {
    "vscode-continue/0.9.226", "cursor/0.43.6", "jetbrains-ai/2024.3", "aider/0.65.1", "anthropic-sdk-typescript/0.32.1"
  };
  static final String[] PERSONAL_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "qq.com", "proton.me", "hotmail.com", "163.com"};
  static final String[] THROWAWAY_DOMAINS = {"mail-box.click", "inboxly.xyz", "fastmail-relay.top", "quickmail.site"};

  /** The accounts the simulator runs, one {@link Actor} each. */
  final List<Account> accounts = new ArrayList<>();
  /** Every account id that sends traffic: {@link #accounts}, then churned-in successors. */
  final List<Account> identities = new ArrayList<>();
  final List<Group> groups = new ArrayList<>();

  Population(Scenario s, long seed) {
    long start = s.start().toEpochMilli();
    int idx = 0;
    int campaignNo = 0;
    int orgNo = 0;
    for (Scenario.Cohort c : s.cohorts()) {
      Persona p = c.persona();
      List<Group> cg = new ArrayList<>();
      if (p.grouped()) {
        for (int gi = 0; gi < c.groups(); gi++) {
          int size = c.accounts() / c.groups() + (gi < c.accounts() % c.groups() ? 1 : 0);
          SplittableRandom gr = new SplittableRandom(mix(seed, 0xC0FFEE + groups.size()));
          String gid = p.coordinated() ? String.format(Locale.ROOT, "camp_%02d", ++campaignNo)
              : p == Persona.SHARED_CLIENT ? "client_" + gi
              : hex(gr, "org_", 8) + "_" + (++orgNo);
          Group g = new Group(gid, p, size, gi, gr, start);
          cg.add(g);
          groups.add(g);
        }
      }
      int[] seen = new int[Math.max(1, cg.size())];
      for (int k = 0; k < c.accounts(); k++) {
        Account a = new Account(idx, p);
        SplittableRandom r = new SplittableRandom(mix(seed, 0xACC0 + idx));
        if (!cg.isEmpty()) {
          int gi = k % cg.size();
          a.group = cg.get(gi);
          a.memberIndex = seen[gi]++;
          if (p.coordinated()) {
            a.campaign = a.group.id;
          }
        }
        describe(a, r, start);
        if (p.attack() && Disguise.wears(s.evasions(), idx, Evasion.CLEAN_INFRA)) {
          Disguise.cleanInfra(a, seed, start);
        }
        accounts.add(a);
        idx++;
      }
    }
    identities.addAll(accounts);
    if (s.evasions().contains(Evasion.ACCOUNT_CHURN)) {
      long end = start + s.duration().toMillis();
      for (Account a : accounts) {
        if (a.campaign != null) {
          boolean cleanInfra = Disguise.wears(s.evasions(), a.index, Evasion.CLEAN_INFRA);
          successors(a, seed, start, end, cleanInfra);
        }
      }
    }
    // Ids are a permutation over every identity, successors included, so an id tells nothing.
    int total = identities.size();
    SplittableRandom ids = new SplittableRandom(mix(seed, 0x1D5));
    int[] perm = new int[total];
    for (int i = 0; i < total; i++) {
      perm[i] = i;
    }
    for (int i = total - 1; i > 0; i--) {
      int j = ids.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int width = Math.max(6, Integer.toString(total).length());
    for (int i = 0; i < total; i++) {
      identities.get(i).id = String.format(Locale.ROOT, "acct_%0" + width + "d", perm[i]);
    }
  }

  /**
   * {@link Evasion#ACCOUNT_CHURN}: the accounts that take over worker {@code a}'s work, one after
   * another, each for 1-3 days (the first hands over 12-72 hours in). A successor is a new account
   * of the same operation: its own key and signup; a card from the operation's pool (hydras and
   * release-pivot workers share cards) or its own; hydras' successors are signed up in the two days
   * before their first request, the aged-account operations' are aged stock.
   */
  private void successors(Account a, long seed, long start, long end, boolean cleanInfra) {
    SplittableRandom r = new SplittableRandom(mix(seed, 0xC4A20000L + a.index));
    long from = start + 12 * Timing.HOUR + r.nextLong(60 * Timing.HOUR);
    Account prev = a;
    while (from < end) {
      Account n = new Account(a.index, a.persona);
      n.group = a.group;
      n.memberIndex = a.memberIndex;
      n.campaign = a.campaign;
      describe(n, r, start);
      // as many keys as the worker it replaces: its client picks among them as before
      n.apiKeys = keys(r, a.apiKeys.length);
      Population.Group g = a.group;
      if (a.persona == Persona.HYDRA_COT || a.persona == Persona.RELEASE_PIVOT) {
        n.paymentFingerprint = g.payments[r.nextInt(g.payments.length)];
      }
      if (a.persona == Persona.HYDRA_COT) {
        n.createdAtMillis = from - r.nextLong(2 * Timing.DAY);
      }
      if (cleanInfra) {
        Disguise.cleanInfra(n, r, start);
      }
      prev.successor = n;
      prev.successorFrom = from;
      identities.add(n);
      prev = n;
      from += Timing.DAY + r.nextLong(2 * Timing.DAY);
    }
  }

  private static void describe(Account a, SplittableRandom r, long start) {
    a.tzHours = pick(r, TZ);
    a.asn = pick(r, RESIDENTIAL_ASN);
    a.ip = ip(r, a.asn);
    a.userAgent = pick(r, HUMAN_UA);
    a.createdAtMillis = start - (30 + r.nextInt(900)) * Timing.DAY - r.nextLong(Timing.DAY);
    a.paymentFingerprint = hex(r, "pm_", 12);
    a.emailDomain = pick(r, PERSONAL_DOMAINS);
    a.verified = r.nextDouble() < 0.6;
    a.tier = "tier-" + (1 + r.nextInt(4));
    a.apiKeys = keys(r, 1 + (r.nextDouble() < 0.3 ? 1 : 0));
    double e = r.nextDouble();
    a.endpoint = e < 0.55 ? Call.CHAT : e < 0.85 ? Call.MESSAGES : Call.RESPONSES;
    Group g = a.group;
    switch (a.persona) {
      case APP_BACKEND, RAG_APP -> {
        a.asn = pick(r, CLOUD_ASN);
        a.ip = ip(r, a.asn);
        a.userAgent = pick(r, SDK_UA);
        a.emailDomain = pick(r, ProjectText.COMPANIES).toLowerCase(Locale.ROOT).replace(' ', '-') + ".io";
        a.verified = r.nextDouble() < 0.9;
      }
      case CODING_ASSISTANT -> a.userAgent = pick(r, IDE_UA);
      case BATCH_LABELLING, EVAL_HARNESS -> {
        a.asn = r.nextBoolean() ? pick(r, CLOUD_ASN) : pick(r, BUSINESS_ASN);
        a.ip = ip(r, a.asn);
        a.userAgent = pick(r, SDK_UA);
        a.emailDomain = r.nextBoolean() ? "university.edu" : pick(r, PERSONAL_DOMAINS);
        if (a.persona == Persona.BATCH_LABELLING && a.index % 2 == 0) {
          a.endpoint = Call.COMPLETIONS;
        }
      }
      case RESELLER, RESELLER_MIXING -> {
        a.asn = pick(r, CLOUD_ASN);
        a.ip = ip(r, a.asn);
        a.userAgent = pick(r, SDK_UA);
        a.tier = "tier-5";
        a.verified = true;
        a.apiKeys = keys(r, 50 + r.nextInt(250));
        a.emailDomain = "ai-" + pick(r, ProjectText.COMPANIES).toLowerCase(Locale.ROOT).replace(' ', '-') + ".com";
        a.endpoint = Call.CHAT;
      }
      case ENTERPRISE_NAT -> {
        a.orgId = g.id;
        a.asn = g.asns[0];
        a.ip = g.ips[0];
        a.tzHours = g.tzHours;
        a.emailDomain = g.emailDomains[0];
        a.verified = true;
        a.tier = "enterprise";
        a.paymentFingerprint = g.payments[0];
        a.createdAtMillis = start - (100 + r.nextInt(600)) * Timing.DAY;
        a.userAgent = r.nextBoolean() ? pick(r, IDE_UA) : pick(r, SDK_UA);
      }
      case SINGLE_HARVESTER, AGENTIC_TOOL_HARVEST, GRADER_HARVEST -> {
        a.asn = pick(r, r.nextBoolean() ? PROXY_ASN : CLOUD_ASN);
        a.ip = ip(r, a.asn);
        a.userAgent = pick(r, SDK_UA);
        a.createdAtMillis = start - r.nextLong(20 * Timing.DAY);
        a.verified = r.nextDouble() < 0.25;
        a.tier = "tier-" + (1 + r.nextInt(2));
        a.emailDomain = r.nextBoolean() ? pick(r, PERSONAL_DOMAINS) : pick(r, THROWAWAY_DOMAINS);
      }
      case HYDRA_COT, RELEASE_PIVOT -> {
        a.asn = g.asns[r.nextInt(g.asns.length)];
        a.ip = g.ips[r.nextInt(g.ips.length)];
        a.userAgent = g.userAgent;
        a.createdAtMillis = g.createdBase + r.nextLong(3 * Timing.DAY);
        a.paymentFingerprint = g.payments[a.memberIndex % g.payments.length];
        a.emailDomain = g.emailDomains[r.nextInt(g.emailDomains.length)];
        a.verified = r.nextDouble() < (a.persona == Persona.RELEASE_PIVOT ? 0.5 : 0.1);
        a.tier = "tier-1";
        a.endpoint = g.systemPick % 3 == 0 ? Call.MESSAGES : Call.CHAT;
        a.tzHours = g.tzHours;
      }
      case LOW_AND_SLOW -> {
        // looks like a casual user: residential address, own card, aged account
        a.asn = g.asns[r.nextInt(g.asns.length)];
        a.ip = ip(r, a.asn);
        a.userAgent = r.nextDouble() < 0.7 ? g.userAgent : pick(r, HUMAN_UA);
        a.createdAtMillis = g.createdBase - r.nextLong(60 * Timing.DAY);
        a.tzHours = g.tzHours + (r.nextInt(3) - 1);
        a.verified = r.nextDouble() < 0.5;
        a.endpoint = g.systemPick % 2 == 0 ? Call.CHAT : Call.MESSAGES;
      }
      case SHARED_CLIENT -> {
        // unrelated people who run one chat client: only its prompt and user agent are shared
        ProjectText.Client client = g.client();
        if (r.nextDouble() < 0.8) {
          a.userAgent = client.userAgent();
        }
        a.endpoint = Call.CHAT;
      }
      case META_REASONING -> {
        a.asn = pick(r, r.nextBoolean() ? PROXY_ASN : CLOUD_ASN);
        a.ip = ip(r, a.asn);
        a.userAgent = pick(r, SDK_UA);
        a.createdAtMillis = start - r.nextLong(20 * Timing.DAY);
        a.verified = r.nextDouble() < 0.25;
        a.tier = "tier-1";
        // half on Anthropic messages with extended thinking, half on OpenAI reasoning_effort
        a.endpoint = a.index % 2 == 0 ? Call.MESSAGES : r.nextBoolean() ? Call.CHAT : Call.RESPONSES;
      }
      default -> {
        // casual-chat keeps the defaults
      }
    }
  }

  static String ip(SplittableRandom r, int asn) {
    int h = Integer.hashCode(asn) * 0x9E3779B1;
    int a = 20 + Math.floorMod(h >>> 8, 200);
    int b = Math.floorMod(h >>> 20, 256);
    return a + "." + b + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  static String[] keys(SplittableRandom r, int n) {
    String[] k = new String[n];
    for (int i = 0; i < n; i++) {
      k[i] = hex(r, "key_", 10);
    }
    return k;
  }

  static String hex(SplittableRandom r, String prefix, int digits) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  static <T> T pick(SplittableRandom r, T[] a) {
    return a[r.nextInt(a.length)];
  }

  static <T> T pick(SplittableRandom r, List<T> a) {
    return a.get(r.nextInt(a.size()));
  }

  static int pick(SplittableRandom r, int[] a) {
    return a[r.nextInt(a.length)];
  }

  static double pick(SplittableRandom r, double[] a) {
    return a[r.nextInt(a.length)];
  }

  /** SplitMix64 finaliser over (seed, salt): independent streams per account and group. */
  static long mix(long seed, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static int[] sortedCopy(int[] a) {
    int[] b = a.clone();
    Arrays.sort(b);
    return b;
  }
}
