package io.distillguard.core.campaign;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FrameVariants;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.report.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.openhft.hashing.LongHashFunction;
import org.apache.datasketches.kll.KllFloatsSketch;

/*
 * How does the linker work, and why this way?
 *
 * Evidence. Every exchange yields a few *keys*: its template hash, system-prompt hash, four 16-bit
 * bands of the template SimHash (near-duplicates), payment fingerprint, IP, /24 or /48, ASN + user
 * agent, account-creation bucket, and "moved to a new model in this hour". An account posts each
 * key once (per-account LongSet, hard cap). A key keeps a *posting list*: its document frequency df
 * and a ring of the most recent accounts that posted it. When an account posts a key, it is linked
 * to the ring's accounts with weight base(kind) * rarity(df), rarity = 1 / (1 + (df - 2) / softDf)
 * and 0 above maxDf: an IDF-like weight, so "Translate to French", the SDK default system prompt, a
 * cloud egress IP or a benchmark question used by hundreds of accounts link nobody. Cost per new
 * key is O(ring) and keys per account are capped, so linking is O(1) amortised per exchange.
 *
 * Graph. Edges hold evidence per *group* (content, payment, network, creation, pivot, activity
 * correlation), each capped so one kind cannot swamp the rest, decaying with a half-life; accounts
 * keep at most maxEdgesPerAccount edges, and a few more for campaign-signature links refused for
 * a full budget and retried once both ends proved committed. Edges between accounts of the same
 * org are never made: an org's keys are one customer, and org-internal evidence never pulls an org
 * into a campaign.
 *
 * Cost. The graph is struct-of-arrays (EdgeStore) with lazy global decay, and re-rating reads only
 * key slots whose df changed, so the periodic walk over all edges is a cheap sequential scan.
 *
 * Clustering. Every reclusterInterval of event time the linker recomputes correlation for candidate
 * edges, keeps the edges that carry >= 2 independent groups (or a campaign signature on both ends)
 * unless the two ends rotate through separate proxy pools, and groups them with LinkClusters:
 * components over edges that close a triangle, to which a lone chance edge cannot chain a second
 * group. That is deterministic, near-linear, needs no resolution parameter (Leiden/label
 * propagation do) and never splits a sparse campaign whose members each link to a few others
 * only; the thresholding plus rarity, org and pool guards are what keep groups pure. Cluster ids are
 * carried across reclusterings by greatest overlap, and public ids (C-0001...) are given on first
 * publication. Campaign risk combines joint behaviour, members' own risk, link strength and
 * complementary task coverage, so a campaign of individually light accounts can cross the
 * threshold; only campaigns at least "suspicious" are published.
 */
/** The default {@link CampaignLinker}: posting lists -> capped weighted edges -> LinkClusters. */
final class GraphCampaignLinker implements CampaignLinker {
  private static final LongHashFunction XX3 = LongHashFunction.xx3();
  private static final int MAX_FIELD_CHARS = 256;
  private static final int MAX_EXAMPLES = 4096;
  private static final int EXAMPLE_CHARS = 160;
  private static final int MAX_MODELS_TRACKED = 4096;
  /** System-prompt frames and keys {@link PromptCanon} holds (attacker-controlled: ~15 MB full). */
  private static final int MAX_PROMPT_FRAMES = 1 << 17;
  private static final int MAX_PROMPT_KEYS = 1 << 19;
  private static final long HOUR = 3_600_000L;
  /**
   * Shortest common lifetime over which activity correlation is trusted. Half a day, not a whole
   * one: without shared cards or exits correlation is a hydra's second kind of evidence, and a day
   * of waiting was a day of tokens (mixed-week seed 7 under clean-infra: its workers' median time
   * to flag 24.5 h -> 16.5 h, tokens served before their flags 10.8M -> 8.4M). No benign account of
   * the 36-run regression was flagged or linked for it.
   */
  private static final int MIN_OVERLAP_HOURS = 12;
  /** One benign-looking poster cancels this many distilling ones in a signature key. */
  private static final double SIGNATURE_LOW_PENALTY = 10;
  /**
   * Committed senders active in the last {@link #POPULAR_WINDOW_HOURS} beyond which (and beyond
   * that share of the accounts active then) a prompt is a default.
   */
  private static final int SIGNATURE_POPULAR_MIN = 500;
  private static final double SIGNATURE_POPULAR_SHARE = 0.05;
  /**
   * Popularity counts senders active in the last this many hours: how many send a prompt at once,
   * not how many ever did, or an operation that replaces its used-up accounts every day or two
   * makes its own prompt "popular" within a week.
   */
  private static final int POPULAR_WINDOW_HOURS = 48;
  /**
   * Edges a card shared by few accounts may open beyond a full budget. An account's first request
   * opens up to a dozen edges per content key (template, prompt, four SimHash bands) to strangers
   * who happen to share them, and its card is posted after those; so a fresh account that took
   * over a retired one's card found its own budget, and the retired one's, full of content edges,
   * and the card's links were refused (mixed-week seed 7 under account churn: 6,139 of 7,014 pairs
   * of unlinked workers and their card-mates had no edge).
   */
  private static final int PAYMENT_RESERVE = 8;
  /** Committed senders of one copy of a prompt (stamps aside) that make it a crowd's. */
  private static final int FAMILY_CROWD = 10;
  /** Longest silence between a retired account's last request and its successor's first. */
  private static final int HANDOVER_GAP_HOURS = 48;
  /** Silence after which an account that a successor on its card took over counts as retired. */
  private static final int HANDOVER_SILENT_HOURS = 6;
  /** Fewest accounts outside linked groups that give the baseline risk without the groups'. */
  private static final int MIN_BASELINE_ACCOUNTS = 20;
  /** Distilling posters at which a signature key reaches full weight. */
  private static final double SIGNATURE_FULL_HIGH = 10;
  /** Amortised budget of the reclustering walk, in edges visited per exchange observed. */
  private static final long SWEEP_EDGES_PER_EXCHANGE = 64;
  /** Recluster intervals after which a reclustering runs whatever its amortised cost. */
  private static final long MAX_RECLUSTER_DELAY = 4;
  /**
   * Smallest network contribution that may open a new edge. Weaker ones (an ASN + user agent or a
   * /24 that dozens of accounts share) still add to existing edges, but opening edges for them
   * filled every account's edge budget with near-empty links to ordinary users of the same ISP,
   * so the campaign's own links were dropped (mixed-week seed 11: 118 of 120 low-and-slow
   * workers at the cap, 3 M edges refused). Content keys are rarity-weighted instead, and open new
   * edges only to their {@link #CONTENT_NEW_EDGES} most recent posters.
   */
  private static final double MIN_NEW_EDGE_WEIGHT = 0.125;
  /** Distinct client IPs from which an account counts as rotating through a proxy pool. */
  private static final int ROTATING_IPS = 4;
  /**
   * Kind tags (see {@link #key}) of the keys that say two accounts run on the same infrastructure:
   * an exit IP or a card. A /24 or an ASN with a user agent is not enough: two operations renting
   * from one proxy provider share those (mixed-week seed 13's two hydras: one ASN and SDK, some
   * /24s, no exit IP).
   */
  private static final int INFRA_TAGS =
      1 << (EvidenceKind.IP.ordinal() + 1) | 1 << (EvidenceKind.PAYMENT.ordinal() + 1);
  /** Most recent posters of a content key that a new poster opens edges to. */
  private static final int CONTENT_NEW_EDGES = 12;
  /**
   * Heap bytes of one key slot across the parallel arrays: kind (1); df, first, head, last hour,
   * low, high, signer count (4 each); key (8); ring and signer-list references (4 each); variable
   * (1).
   */
  private static final int SLOT_BYTES = 1 + 7 * 4 + 8 + 2 * 4 + 1;
  /** Refused signature links kept for retry (20 bytes each: 640 kB when full). */
  private static final int MAX_DEFERRED = 1 << 15;
  /** Event hours a refused signature link waits for both ends to show they are committed. */
  private static final int DEFER_HOURS = 48;
  /** Edges an account may hold beyond its budget, for retried signature links only. */
  static final int SIGNATURE_RESERVE = 8;
  /** Earliest committed senders of a prompt that its signer list keeps while they stay committed. */
  private static final int PINNED_SIGNERS = 16;
  /** Edge evidence below this (after decay) is forgotten. */
  private static final float EDGE_FLOOR = 0.02f;
  private final CampaignConfig config;
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final List<AccountState> byIndex = new ArrayList<>();

  // Posting lists in parallel primitive arrays indexed by slot; key -> slot in a LongIntMap.
  private final LongIntMap keySlot = new LongIntMap();
  private byte[] slotKind = new byte[1024];
  private int[] slotDf = new int[1024];
  private int[] slotFirst = new int[1024];
  private int[] slotHead = new int[1024];
  private int[] slotLastHour = new int[1024];
  /** Posters whose own behaviour looked benign when they posted: the key's "unrelated" users. */
  private int[] slotLow = new int[1024];
  /** Ends of the edges accepted in the current reclustering (scratch, reused). */
  private int[] accX = new int[1024];
  private int[] accY = new int[1024];
  /** Whether that edge links two workers committed to one signature prompt. */
  private boolean[] accSigned = new boolean[1024];
  /** That edge's id in {@link #edges}. */
  private int[] accE = new int[1024];
  /** Whether that edge was accepted through a signature alone. */
  private boolean[] accSigOnly = new boolean[1024];
  /** Union-find over the accepted edges' infrastructure groups (scratch, grown with the accounts). */
  private int[] opParent = new int[0];
  private int[] opSize = new int[0];
  /** Accounts committed to each system-prompt slot at the last recluster; -1 for a newer key. */
  private int[] committedNow = new int[0];
  /** Of those, the ones active in the last {@link #POPULAR_WINDOW_HOURS}; -1 for a newer key. */
  private int[] activeCommittedNow = new int[0];
  /**
   * The copies of a system prompt that at least {@value #FAMILY_CROWD} accounts were committed to
   * at the last recluster, each by its sentence list without stamps ({@code
   * FrameVariants.sentences}): see {@link #onCrowdCopy}.
   */
  private LongSet crowdCopies = new LongSet();
  /** Recounts so far: an account's {@code addsToCrowd} holds for the one it was worked out in. */
  private int recounts;
  /** Accounts active in the last {@link #POPULAR_WINDOW_HOURS} at the last recluster. */
  private int activeNow;
  /**
   * Per variant-group slot, the committed senders whose behaviour is distilling (>= behaviourMin)
   * now; -1 for a newer key. The group's signature is lowered to this count (see signatureWeight).
   * Exact-prompt slots are not counted: nothing reads them.
   */
  private int[] distillingNow = new int[0];
  /** Scratch for {@link #recountSignatures}: -1 where a slot is no sender's system prompt. */
  private int[] lowRecount = new int[0];
  /** Scratch for {@link #recountSignatures}: the families of one account's other prompts. */
  private final long[] otherFamilies = new long[AccountState.MAX_OTHER_SYSTEMS];
  private long[] slotKey = new long[1024];
  private int[][] slotRing = new int[1024][];
  /**
   * Per system-prompt key, the most recent posters committed to it (oldest first), apart from the
   * ring of all recent posters: see {@link #linkSigners}.
   */
  private int[][] slotSigners = new int[1024][];
  private int[] slotSignerCount = new int[1024];
  /**
   * Per {@link EvidenceKind#SYSTEM_VARIANT} key: its group was seen with more than one frame (a
   * prompt with a per-sender sentence, a campaign's per-worker persona as much as a framework's
   * "You are the assistant of {company}." that unrelated developers fill in). Kept with the slot,
   * so it is forgotten with it: a set of its own grew with every such group ever seen.
   */
  private boolean[] slotVariable = new boolean[1024];
  private int slotCount;
  private int[] freeSlots = new int[16];
  private int freeCount;

  /** Posters aligned with the key when they posted (see {@code aligned}, signatureWeight). */
  private int[] slotHigh = new int[1024];
  /** Slots whose df changed since the last recluster: only their edges' evidence is re-rated. */
  private long[] slotDirty = new long[16];
  /** Org hash per account index, so the edge sweep need not touch account objects. */
  private long[] orgOf = new long[1024];
  /** Dominant system prompt per account index (0: none yet), for {@link #signFromCommitment}. */
  private long[] systemOf = new long[1024];
  /** Its {@link PromptCanon} name (0: none), likewise. */
  private long[] variantOf = new long[1024];
  /**
   * Per account index, whether it is committed to its system prompt and its last active hour:
   * read for most edges of every sweep, where fetching the two accounts' objects instead cost a
   * fifth of the edge loop (1M bench file, three interleaved runs each: 16.3 s, 13.2 s with these).
   */
  private boolean[] committedOf = new boolean[1024];
  private int[] lastHourOf = new int[1024];
  /** Per account index, whether its own traffic distils (behaviour >= behaviourMin), likewise. */
  private boolean[] distillingOf = new boolean[1024];
  /** Signature links refused for a full budget, to retry: ends, the key, the hour refused. */
  private int[] defX = new int[64];
  private int[] defY = new int[64];
  private long[] defKey = new long[64];
  private int[] defHour = new int[64];
  private int defCount;
  /** Each account's group at the last clustering (by index; later accounts are not in it). */
  private int[] lastLabel = new int[0];

  private final EdgeStore edges;
  private final PromptCanon prompts = new PromptCanon(MAX_PROMPT_FRAMES, MAX_PROMPT_KEYS);
  /**
   * Example text of shared templates and system prompts, for the reports: the request that made a
   * key shared (df 2). Two generations of at most MAX_EXAMPLES each, as in PromptCanon: a table
   * that stopped taking examples once full left every campaign found later without any.
   */
  private Map<Long, String> examples = new HashMap<>();
  private Map<Long, String> oldExamples = new HashMap<>();
  /** Model name hash -> {first seen, accounts that used it}. */
  private final Map<Long, long[]> modelFirstSeen = new HashMap<>();
  /** Every account's creation day, once: what a group's spread of creation dates is measured by. */
  private final KllFloatsSketch createdDays = KllFloatsSketch.newHeapInstance();
  private long nextModelSweep = Long.MIN_VALUE;

  private long lastEventMillis = Long.MIN_VALUE;
  private long lastReclusterMillis = Long.MIN_VALUE;
  private long observedSinceRecluster;
  private long reclusters;
  private long droppedEdges;
  private long retriedEdges;
  private int nextInternalCluster = 1;
  private int nextPublicId = 1;
  private final Map<Integer, String> publicIds = new HashMap<>();
  private final Map<Integer, Long> firstFlagged = new HashMap<>();
  private List<CampaignAssessment> published = List.of();
  /** Median account risk: what "ordinary" scores like (a median, so campaigns do not move it). */
  private double baselineRisk;

  GraphCampaignLinker(CampaignConfig config) {
    this.config = config;
    this.edges = new EdgeStore(config.edgeHalfLifeMillis());
  }

  // ------------------------------------------------------------------ ingest

  @Override
  public void observe(Exchange e, ExchangeFeatures f, double accountRisk, boolean followsUp) {
    if (e == null || f == null) {
      return;
    }
    long now = Math.max(e.tsMillis(), lastEventMillis);
    if (lastReclusterMillis == Long.MIN_VALUE) {
      lastReclusterMillis = now;
    }
    lastEventMillis = now;
    edges.setNow(now);
    AccountState a = accounts.get(e.accountId());
    if (a == null) {
      a = new AccountState(byIndex.size(), e.accountId(), config.activityWindowHours());
      accounts.put(a.id, a);
      byIndex.add(a);
      if (a.index == orgOf.length) {
        orgOf = Arrays.copyOf(orgOf, orgOf.length * 2);
        systemOf = Arrays.copyOf(systemOf, systemOf.length * 2);
        variantOf = Arrays.copyOf(variantOf, variantOf.length * 2);
        committedOf = Arrays.copyOf(committedOf, committedOf.length * 2);
        lastHourOf = Arrays.copyOf(lastHourOf, lastHourOf.length * 2);
        distillingOf = Arrays.copyOf(distillingOf, distillingOf.length * 2);
      }
    }
    if (a.orgHash == 0 && e.orgId() != null && !e.orgId().isEmpty()) {
      a.orgHash = nonZero(hash(e.orgId()));
      orgOf[a.index] = a.orgHash;
    }
    double risk = accountRisk >= 0 && accountRisk <= 1 ? accountRisk : 0;
    a.record(e.tsMillis(), f, risk, followsUp);
    // A client without a system prompt that opens every user turn with the same instructions is
    // committed to them just the same: one key space, so moving a prompt there changes nothing.
    long frame = f.systemHash() != 0 ? f.systemHash() : f.leadHash();
    // Its group of prompts one sentence apart, named by the first seen: workers that each put
    // their own sentence into one prompt send one prompt there (PromptCanon).
    long variant = 0;
    if (frame != 0 && f.frameVariants().size() > 0) {
      variant = prompts.of(frame, f.frameVariants());
      if (variant != frame) {
        markVariable(key(EvidenceKind.SYSTEM_VARIANT, variant)); // before post() rates the key
      }
    }
    a.recordSystem(frame, variant, f);
    systemOf[a.index] = a.domSystem;
    variantOf[a.index] = a.domVariant;
    committedOf[a.index] = a.committedToSystemPrompt();
    distillingOf[a.index] = distils(a);
    lastHourOf[a.index] = (int) a.lastHour;
    int hour = (int) Math.floorDiv(now, HOUR);

    if (f.templateHash() != 0) {
      post(a, EvidenceKind.TEMPLATE, f.templateHash(), hour, e);
    }
    if (frame != 0) {
      post(a, EvidenceKind.SYSTEM_PROMPT, frame, hour, e);
    }
    if (variant != 0) {
      post(a, EvidenceKind.SYSTEM_VARIANT, variant, hour, e);
      if (variant != frame) {
        markVariable(key(EvidenceKind.SYSTEM_VARIANT, variant)); // the post may have made the slot
      }
    }
    long sim = f.templateSimhash();
    if (sim != 0) {
      for (int band = 0; band < 4; band++) {
        post(a, EvidenceKind.SIMHASH_BAND, ((sim >>> (16 * band)) & 0xffff) | ((long) band << 16),
            hour, e);
      }
    }
    Exchange.AccountInfo acct = e.account();
    String pay = acct.paymentFingerprint();
    if (pay != null && !pay.isEmpty() && pay.length() <= MAX_FIELD_CHARS) {
      long h = hash(pay);
      if (a.paymentHash == 0) {
        a.paymentHash = nonZero(h);
      }
      post(a, EvidenceKind.PAYMENT, h, hour, e);
    }
    Exchange.ClientInfo client = e.client();
    String ip = client.ip();
    if (ip != null && !ip.isEmpty() && ip.length() <= 64) {
      post(a, EvidenceKind.IP, hash(ip), hour, e);
      String prefix = IpPrefix.prefix(ip);
      if (prefix != null) {
        post(a, EvidenceKind.SUBNET, hash(prefix), hour, e);
      }
    }
    String ua = client.userAgent();
    if (client.asn() >= 0 && ua != null && ua.length() <= MAX_FIELD_CHARS) {
      post(a, EvidenceKind.ASN_UA, hash(ua) * 31 + client.asn(), hour, e);
    }
    if (acct.createdAtMillis() != Exchange.ABSENT) {
      if (a.createdAtMillis == Exchange.ABSENT) {
        a.createdAtMillis = acct.createdAtMillis();
        createdDays.update(day(a.createdAtMillis));
      }
      post(a, EvidenceKind.CREATION,
          Math.floorDiv(acct.createdAtMillis(), config.creationBucketMillis()), hour, e);
    }
    pivot(a, e, now, hour);

    observedSinceRecluster++;
    long since = now - lastReclusterMillis;
    long interval = config.reclusterIntervalMillis();
    // The walk is O(edges): wait until enough exchanges arrived to pay for it (at most
    // SWEEP_EDGES_PER_EXCHANGE edge visits each, amortised), but never longer than
    // MAX_RECLUSTER_DELAY intervals, so a flag is late by at most that much event time.
    if (since >= interval
        && (observedSinceRecluster * SWEEP_EDGES_PER_EXCHANGE >= edges.size()
            || since >= MAX_RECLUSTER_DELAY * interval)) {
      recluster(now);
    }
  }

  /** A move of an account that was active before to a model first seen recently. */
  private void pivot(AccountState a, Exchange e, long now, int hour) {
    String model = e.model();
    if (model.length() > MAX_FIELD_CHARS) {
      return;
    }
    int status = e.response().status();
    if (status < 200 || status >= 300) {
      return; // a model exists when the upstream serves it; a refused name is anybody's string
    }
    long mh = hash(model);
    if (a.sincePivot > 0) {
      a.sincePivot++;
      if (mh == a.pivotModel) {
        a.onPivot++;
      }
    }
    long[] seen = modelFirstSeen.get(mh);
    if (seen == null) {
      if (modelFirstSeen.size() >= MAX_MODELS_TRACKED && !forgetOneOffModels(now)) {
        return; // model names are attacker-controlled: do not grow without bound
      }
      seen = new long[] {now, 0};
      modelFirstSeen.put(mh, seen);
    }
    if (a.hasModel(mh)) {
      return;
    }
    boolean wasActiveBefore = a.events > 1 && a.firstMillis < seen[0];
    seen[1]++;
    a.addModel(mh);
    if (wasActiveBefore && now - seen[0] <= config.pivotNewModelMillis()) {
      a.pivotModel = mh;
      a.sincePivot = 1;
      a.onPivot = 1;
      post(a, EvidenceKind.PIVOT, mh * 31 + Math.floorDiv(now, config.pivotBucketMillis()), hour, e);
    }
  }

  /**
   * Makes room among the tracked models by forgetting names that only one account ever used and
   * that are too old to start a pivot. Without it, one account sending that many made-up names
   * (served by an upstream that accepts any name) would hide every later release for good.
   * Forgetting a real model one account used costs at most a spurious pivot post, which is
   * rarity-weighted and weak, if it is seen again.
   */
  private boolean forgetOneOffModels(long now) {
    if (now < nextModelSweep) {
      return false; // a sweep that freed nothing is not repeated for every new name
    }
    nextModelSweep = now + HOUR;
    modelFirstSeen
        .values()
        .removeIf(s -> s[1] <= 1 && now - s[0] > config.pivotNewModelMillis());
    return modelFirstSeen.size() < MAX_MODELS_TRACKED;
  }

  private void post(AccountState a, EvidenceKind kind, long raw, int hour, Exchange e) {
    long key = key(kind, raw);
    if (a.keys.contains(key)) {
      return;
    }
    if (kind.content()) {
      if (a.contentKeys >= config.maxContentKeysPerAccount()) {
        return;
      }
      a.contentKeys++;
    } else {
      if (a.otherKeys >= config.maxOtherKeysPerAccount()) {
        return;
      }
      a.otherKeys++;
      if (kind == EvidenceKind.IP) {
        a.ipKeys++;
      }
    }
    a.keys.add(key);
    boolean distilling = aligned(a, kind, key);
    // A poster that is neither committed to the key nor distilling is one of its "unrelated"
    // users; a distilling account that uses it now and then (another campaign rotating prompts
    // from the same public pool) is evidence of neither kind.
    boolean unrelated = !distilling && !committedTo(a, kind, key) && unrelatedUser(a);
    int slot = keySlot.get(key);
    if (slot == LongIntMap.MISSING) {
      slot = allocSlot();
      markDirty(slot);
      keySlot.put(key, slot);
      slotKey[slot] = key;
      slotKind[slot] = (byte) kind.ordinal();
      slotDf[slot] = 1;
      slotFirst[slot] = a.index;
      slotRing[slot] = null;
      slotSigners[slot] = null;
      slotSignerCount[slot] = 0;
      if (kind.signature() && distilling) {
        linkSigners(a, slot, key, 0f, 0, null, 0);
      }
      slotHead[slot] = 0;
      slotLastHour[slot] = hour;
      slotLow[slot] = unrelated ? 1 : 0;
      slotHigh[slot] = distilling ? 1 : 0;
      return;
    }
    int df = ++slotDf[slot];
    markDirty(slot);
    if (unrelated) {
      slotLow[slot]++;
    }
    if (distilling) {
      slotHigh[slot]++;
    }
    slotLastHour[slot] = hour;
    int cap = config.postingCapacity();
    int[] ring = slotRing[slot];
    if (ring == null) {
      ring = new int[Math.min(cap, 4)];
      ring[0] = slotFirst[slot];
      slotHead[slot] = 1 % cap;
      slotRing[slot] = ring;
    }
    int stored = Math.min(df - 1, cap);
    double w = weight(kind, df);
    double sig = kind.signature() && distilling ? signatureWeight(slot) : 0;
    if (w > 0 || sig > 0) {
      boolean weak = kind.group == EvidenceKind.Group.INFRA && w < MIN_NEW_EDGE_WEIGHT;
      int newest = Math.floorMod(slotHead[slot] - 1, cap);
      for (int i = 0; i < stored; i++) {
        AccountState b = byIndex.get(ring[i]);
        boolean sigPair = sig > 0 && aligned(b, kind, key);
        // A content key opens edges only to its most recent posters; older ones get its evidence
        // only where an edge exists. Opening all 48 let one key that a burst of accounts posts
        // fill every poster's edge budget, so a campaign's later links were refused.
        boolean recent = Math.floorMod(newest - i, cap) < CONTENT_NEW_EDGES;
        // A variant group's key carries no weight of its own: it links only signature pairs.
        boolean open = kind == EvidenceKind.SYSTEM_VARIANT
            ? sigPair
            : (!weak && (!kind.content() || recent)) || sigPair;
        int ed = link(a, b, kind.group, slot, (float) w, open, sigPair);
        if (ed >= 0 && sigPair) {
          addSignature(ed, slot, sig);
        }
      }
    }
    if (kind.signature() && distilling) {
      linkSigners(a, slot, key, (float) w, sig, ring, stored);
    }
    // Append while the ring grows, then overwrite the oldest: keep the most recent posters. The
    // head is always the next position written, so once full it is the oldest poster.
    int h = slotHead[slot];
    if (stored < cap && stored == ring.length) {
      ring = Arrays.copyOf(ring, Math.min(cap, ring.length * 2));
      slotRing[slot] = ring;
    }
    ring[h] = a.index;
    slotHead[slot] = (h + 1) % cap;
    if (df == 2 && (kind == EvidenceKind.TEMPLATE || kind.signature())) {
      String system = e.request().system();
      // A system-prompt key stands for the user turn's opening paragraph when there is no system
      // prompt; the user text starts with it.
      rememberExample(key,
          kind.signature() && !system.isEmpty() ? system : e.request().lastUserText());
    }
  }

  private void rememberExample(long key, String text) {
    if (examples.size() >= MAX_EXAMPLES) {
      oldExamples = examples;
      examples = new HashMap<>();
    }
    // Redacted over a window wider than what is kept, so a key that straddles the cut is still
    // recognised as a whole and never shows as a prefix.
    String window = text.length() > 4 * EXAMPLE_CHARS ? text.substring(0, 4 * EXAMPLE_CHARS) : text;
    String clean = Secrets.redact(window);
    examples.put(key, clean.length() > EXAMPLE_CHARS ? clean.substring(0, EXAMPLE_CHARS) : clean);
  }

  /** The example of a key, carried into the current generation while a campaign still shows it. */
  private String example(long key) {
    String ex = examples.get(key);
    if (ex == null) {
      ex = oldExamples.remove(key);
      if (ex != null) {
        rememberExample(key, ex);
      }
    }
    return ex;
  }

  private void addSignature(int ed, int slot, double sig) {
    edges.addSignature(ed, (float) sig, EvidenceKind.Group.CAP[0]);
    edges.sigSlot[ed] = slot;
    edges.sigWeightAt[ed] = (float) sig;
  }

  /**
   * Gives an edge the signature of the system prompt (or variant group, {@code key}) both ends are
   * committed to, if it has none.
   * Signatures are otherwise added when an account first posts the prompt and meets the other in
   * the key's ring; two workers linked by other evidence (shared templates) whose first posts of
   * the prompt never met carried none, however strong the signature became (mixed-week seed 17:
   * 141 such edges between three pieces of one low-and-slow campaign).
   */
  private void signFromCommitment(int e, long key) {
    int slot = keySlot.get(key);
    if (slot == LongIntMap.MISSING) {
      return;
    }
    double sig = signatureWeight(slot);
    if (sig > 0) {
      addSignature(e, slot, sig);
    }
  }

  /**
   * Links a poster committed to a system prompt with the earlier committed posters that the ring
   * of recent posters no longer holds, then remembers it among them. The ring keeps the 48 most
   * recent posters of any kind: when a hydra that rotates through the same public prompt posts it
   * in a burst, the ring is flushed, and a low-and-slow campaign committed to that prompt, whose
   * workers start hours apart, linked only within the stretches between bursts (mixed-week seed
   * 17: three pieces of 36, 12 and 71 workers). Posters that are no longer committed (a rotating
   * worker looks committed on its first request) are pruned as the list is walked. A full list
   * keeps its earliest posters that are still committed and the most recent others.
   */
  private void linkSigners(
      AccountState a, int slot, long key, float w, double sig, int[] ring, int stored) {
    int[] list = slotSigners[slot];
    int n = slotSignerCount[slot];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int bi = list[i];
      AccountState b = byIndex.get(bi);
      if (!aligned(b, EvidenceKind.VALUES[slotKind[slot]], key)) {
        continue;
      }
      list[kept++] = bi;
      if (sig > 0 && !contains(ring, stored, bi)) {
        int ed = link(a, b, EvidenceKind.Group.CONTENT, slot, w, true, true);
        if (ed >= 0) {
          addSignature(ed, slot, sig);
        }
      }
    }
    int cap = config.postingCapacity();
    if (list == null) {
      list = new int[4];
    } else if (kept == cap) {
      // Forget the oldest but the first PINNED_SIGNERS: a burst of another operation's workers,
      // each committed-looking on its first request, flushed a campaign's early workers from the
      // list, and its later workers, finding none of them, grew a second campaign beside the first.
      int pinned = Math.min(PINNED_SIGNERS, cap / 3);
      System.arraycopy(list, pinned + 1, list, pinned, cap - pinned - 1);
      kept--;
    } else if (kept == list.length) {
      list = Arrays.copyOf(list, Math.min(cap, list.length * 2));
    }
    list[kept++] = a.index;
    slotSigners[slot] = list;
    slotSignerCount[slot] = kept;
  }

  private static boolean contains(int[] ring, int stored, int index) {
    for (int i = 0; i < stored; i++) {
      if (ring[i] == index) {
        return true;
      }
    }
    return false;
  }

  /** Rarity-weighted evidence of one shared key that {@code df} accounts have posted. */
  double weight(EvidenceKind kind, int df) {
    double soft;
    int max;
    switch (kind.group) {
      case EvidenceKind.Group.CONTENT:
        soft = config.contentSoftDf();
        max = config.contentMaxDf();
        break;
      case EvidenceKind.Group.PAYMENT:
        soft = 50;
        max = config.paymentMaxDf();
        break;
      case EvidenceKind.Group.INFRA:
        soft = kind == EvidenceKind.ASN_UA ? config.infraSoftDf() * 4 : config.infraSoftDf();
        max = config.infraMaxDf();
        break;
      case EvidenceKind.Group.CREATION:
        soft = config.creationSoftDf();
        max = config.creationMaxDf();
        break;
      default:
        soft = 30; // joint pivots: everybody tries a new model on release day, so rarity matters
        max = config.creationMaxDf();
        break;
    }
    if (df > max) {
      return 0;
    }
    return kind.base / (1 + (df - 2) / soft);
  }

  private int committedNow(int slot, int fallback) {
    return slot < committedNow.length && committedNow[slot] >= 0 ? committedNow[slot] : fallback;
  }

  /** Whether the prompt in {@code slot} is sent by so many at once that it is a default. */
  private boolean popular(int slot) {
    int committed = slot < activeCommittedNow.length && activeCommittedNow[slot] >= 0
        ? activeCommittedNow[slot]
        : slotHigh[slot]; // a key newer than the last recluster: all its committed senders are recent
    int population = activeNow > 0 ? activeNow : byIndex.size();
    return committed > Math.max(SIGNATURE_POPULAR_MIN, SIGNATURE_POPULAR_SHARE * population);
  }

  /**
   * Whether a {@link EvidenceKind#SYSTEM_VARIANT} key is a family of prompts, each sender's with a
   * sentence of its own, that is not a default everybody sends.
   */
  private boolean rareFamily(int slot) {
    return slotVariable[slot] && !popular(slot);
  }

  /**
   * Weight of a system prompt as a <em>campaign signature</em>: sent on (nearly) every request by
   * many separate accounts, and by (almost) no account that only uses it now and then. Unlike IDF
   * it grows with the number of committed senders (a prompt 200 scripted workers send is strong
   * evidence, one two apps happen to share is not), collapses as occasional users appear (a
   * popular prompt people paste), and is void beyond a share of the population (an SDK default).
   * Templates get no signature: benchmark questions are shared verbatim by unrelated researchers.
   */
  double signatureWeight(int slot) {
    EvidenceKind kind = EvidenceKind.VALUES[slotKind[slot]];
    int low = slotLow[slot];
    int high = slotHigh[slot];
    // The cut-off counts the accounts committed to the prompt now (recounted every recluster):
    // slotHigh also counts every rotating worker that looked committed on its first request, and
    // at 24k accounts that put a low-and-slow campaign's public prompt (576 workers + one hydra
    // of 153 committed) at 1,358, over the cut-off, so the campaign was never linked.
    int committed = committedNow(slot, high);
    if (popular(slot)) {
      return 0; // a default everybody sends (an SDK's system prompt), not a signature
    }
    if (kind == EvidenceKind.SYSTEM_PROMPT) {
      // Counted at a sender's first post, a worker that hides its prompt under plain chat is not
      // committed yet (it needs MIN_STREAM_EVENTS of them), and later posts do not count it
      // again: under heavy cover 39 of a 200-account campaign's 184 committed workers counted.
      high = Math.max(high, committed);
    }
    if (high <= 0) {
      return 0;
    }
    if (kind == EvidenceKind.SYSTEM_VARIANT) {
      // A group of one prompt adds nothing to the prompt's own key. Sharing a prompt with a
      // per-sender sentence proves nothing by itself: unrelated developers fill in one framework's
      // "You are the assistant of {company}." just as a campaign's workers each put their own name
      // into its prompt. So only committed senders that distil count (aligned): counted when they
      // first send it, and lowered to the recount of those distilling now. The 30 RAG apps of
      // mixed-week seed 7 on three such templates were one campaign without this. Senders of a
      // crowd's copy count too, and of that copy with a sentence of their own added (onCrowdCopy).
      if (!slotVariable[slot]) {
        return 0;
      }
      int d = slot < distillingNow.length ? distillingNow[slot] : -1;
      if (d >= 0) {
        high = Math.min(high, d);
      }
      if (high <= 0) {
        return 0;
      }
    }
    return EvidenceKind.SYSTEM_PROMPT.base // a variant group's key has no IDF base of its own
        * high
        / (high + SIGNATURE_LOW_PENALTY * low)
        * Math.min(1, high / SIGNATURE_FULL_HIGH);
  }

  /**
   * The edge between two accounts (made if missing, {@code create} and allowed), -1 when there is
   * none. A {@code signature} link (two senders committed to one prompt) refused for a full budget
   * is retried at the next sweeps ({@link #retryDeferred}).
   */
  private int link(
      AccountState a, AccountState b, int group, int slot, float w, boolean create,
      boolean signature) {
    if (a == b || (a.orgHash != 0 && a.orgHash == b.orgHash)) {
      return -1;
    }
    int ed = edges.find(a.index, b.index);
    if (ed < 0) {
      if (!create) {
        return -1;
      }
      int max = config.maxEdgesPerAccount();
      if (group == EvidenceKind.Group.PAYMENT && w >= config.groupThreshold()) {
        max += PAYMENT_RESERVE; // see PAYMENT_RESERVE
      }
      if (a.degree >= max || b.degree >= max) {
        droppedEdges++;
        if (signature) {
          defer(a.index, b.index, slot, (int) Math.floorDiv(lastEventMillis, HOUR));
        }
        return -1;
      }
      ed = addEdge(a, b);
    }
    addEvidence(ed, group, slot, w);
    return ed;
  }

  private void addEvidence(int ed, int group, int slot, float w) {
    if (w > 0) {
      edges.addGroup(ed, group, w, EvidenceKind.Group.CAP[group]);
      edges.slot[ed * EdgeStore.R + group] = slot;
      edges.weightAt[ed * EdgeStore.R + group] = w;
    }
  }

  private int addEdge(AccountState a, AccountState b) {
    a.degree++;
    b.degree++;
    return edges.add(a.index, b.index);
  }

  private void defer(int x, int y, int slot, int hour) {
    if (defCount == defX.length) {
      if (defCount >= MAX_DEFERRED) {
        return; // refused as before the queue existed
      }
      int n = Math.min(MAX_DEFERRED, defCount * 2);
      defX = Arrays.copyOf(defX, n);
      defY = Arrays.copyOf(defY, n);
      defKey = Arrays.copyOf(defKey, n);
      defHour = Arrays.copyOf(defHour, n);
    }
    defX[defCount] = x;
    defY[defCount] = y;
    defKey[defCount] = slotKey[slot];
    defHour[defCount++] = hour;
  }

  /**
   * Retries the signature links refused because an end's edge budget was full, once both ends have
   * shown they are committed to the prompt, over the budget by at most {@link #SIGNATURE_RESERVE}.
   * A signature campaign's first 49 workers fill each other's 48 slots, and on a popular public
   * prompt early workers also fill theirs with edges that never become links (to another
   * operation's workers passing through it); every worker that came later was refused, and the
   * campaign was found as pieces with no edge between them (mixed-week seed 17: 36 + 84 workers).
   * Retried at a sweep, not when refused: then the new sender is on its first request, where a
   * rotator looks just as committed and would spend the reserve. A pair is forgotten once an end
   * with two requests is not committed, or after {@link #DEFER_HOURS}.
   */
  private void retryDeferred(int nowHour) {
    int kept = 0;
    int budget = config.maxEdgesPerAccount() + SIGNATURE_RESERVE;
    for (int i = 0; i < defCount; i++) {
      int x = defX[i];
      int y = defY[i];
      long key = defKey[i];
      int hour = defHour[i];
      int slot = keySlot.get(key);
      if (slot == LongIntMap.MISSING || nowHour - hour > DEFER_HOURS || edges.find(x, y) >= 0) {
        continue;
      }
      AccountState a = byIndex.get(x);
      AccountState b = byIndex.get(y);
      EvidenceKind kind = EvidenceKind.VALUES[slotKind[slot]];
      boolean alignedA = aligned(a, kind, key);
      boolean alignedB = aligned(b, kind, key);
      if ((!alignedA && a.events >= 2) || (!alignedB && b.events >= 2)
          || a.degree >= budget || b.degree >= budget
          || (Math.max(x, y) < lastLabel.length && lastLabel[x] == lastLabel[y])) {
        // A rotator that opened with the prompt and moved on, no reserve left, or two workers
        // already grouped: the first 49, refused by one another, spent the early workers'
        // reserve on links inside their own clique, and none was left for the later workers.
        continue;
      }
      if (!alignedA || !alignedB || a.events < 2 || b.events < 2) {
        defX[kept] = x;
        defY[kept] = y;
        defKey[kept] = key;
        defHour[kept++] = hour;
        continue;
      }
      double sig = signatureWeight(slot);
      if (sig <= 0) {
        continue;
      }
      int ed = addEdge(a, b);
      addEvidence(ed, EvidenceKind.Group.CONTENT, slot, (float) weight(kind, slotDf[slot]));
      addSignature(ed, slot, sig);
      retriedEdges++;
    }
    defCount = kept;
  }

  private void dropEdge(int e) {
    byIndex.get(edges.ea[e]).degree--;
    byIndex.get(edges.eb[e]).degree--;
    edges.remove(e);
  }

  /**
   * A key that was rare when two accounts shared it may have become popular since (a cloud egress
   * IP, a card that turns out to be a reseller's): scale the group's evidence down by how much the
   * last contributing key's weight has dropped. Exact for single-key groups, approximate otherwise.
   */
  private void rerate(int e) {
    float[] g = edges.g;
    for (int k = 0; k < EdgeStore.R; k++) {
      int i = e * EdgeStore.R + k;
      float then = edges.weightAt[i];
      if (then <= 0 || g[e * EdgeStore.G + k] == 0) {
        continue;
      }
      int slot = edges.slot[i];
      if (!dirty(slot)) {
        continue; // df unchanged since the weight was taken: nothing to re-rate
      }
      float now = (float) weight(EvidenceKind.VALUES[slotKind[slot]], slotDf[slot]);
      if (now < then) {
        g[e * EdgeStore.G + k] *= now / then;
        edges.weightAt[i] = now;
      }
    }
    float sigAt = edges.sigWeightAt[e];
    if (sigAt > 0) {
      // Signatures strengthen as more distillers share the key and weaken as benign users do.
      float now = (float) signatureWeight(edges.sigSlot[e]);
      float stored = edges.sig[e];
      edges.sig[e] =
          now < sigAt ? stored * now / sigAt : (float) Math.max(stored, now * edges.up());
      edges.sigWeightAt[e] = now;
    }
  }

  private void markDirty(int slot) {
    int w = slot >>> 6;
    if (w >= slotDirty.length) {
      slotDirty = Arrays.copyOf(slotDirty, Math.max(w + 1, slotDirty.length * 2));
    }
    slotDirty[w] |= 1L << slot;
  }

  private boolean dirty(int slot) {
    int w = slot >>> 6;
    return w < slotDirty.length && (slotDirty[w] & (1L << slot)) != 0;
  }

  private void markVariable(long variantKey) {
    int slot = keySlot.get(variantKey);
    if (slot != LongIntMap.MISSING) {
      slotVariable[slot] = true;
    }
  }

  private int allocSlot() {
    int slot = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
    slotVariable[slot] = false;
    if (slot < committedNow.length) {
      committedNow[slot] = -1; // a new key: not counted until the next recluster
      activeCommittedNow[slot] = -1;
      distillingNow[slot] = -1;
    }
    return slot;
  }

  private int newSlot() {
    if (slotCount == slotKind.length) {
      int n = slotKind.length * 2;
      slotKind = Arrays.copyOf(slotKind, n);
      slotDf = Arrays.copyOf(slotDf, n);
      slotFirst = Arrays.copyOf(slotFirst, n);
      slotHead = Arrays.copyOf(slotHead, n);
      slotLastHour = Arrays.copyOf(slotLastHour, n);
      slotLow = Arrays.copyOf(slotLow, n);
      slotHigh = Arrays.copyOf(slotHigh, n);
      slotKey = Arrays.copyOf(slotKey, n);
      slotRing = Arrays.copyOf(slotRing, n);
      slotSigners = Arrays.copyOf(slotSigners, n);
      slotSignerCount = Arrays.copyOf(slotSignerCount, n);
      slotVariable = Arrays.copyOf(slotVariable, n);
    }
    return slotCount++;
  }

  /**
   * Forgets keys that only one account ever posted and nobody touched for a day: the bulk of keys
   * (one-off prompts) and the main memory cost. The account's LongSet still remembers them, so it
   * does not re-post; a later sharer starts a fresh posting list.
   */
  private void evictSingletons(int nowHour) {
    for (int s = 0; s < slotCount; s++) {
      if (slotDf[s] == 1 && nowHour - slotLastHour[s] >= 24 && slotKey[s] != 0) {
        keySlot.remove(slotKey[s]);
        slotKey[s] = 0;
        slotDf[s] = 0;
        slotSigners[s] = null;
        slotSignerCount[s] = 0;
        if (freeCount == freeSlots.length) {
          freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = s;
      }
    }
  }

  // ------------------------------------------------------------------ clustering

  private void recluster(long now) {
    lastReclusterMillis = now;
    observedSinceRecluster = 0;
    reclusters++;
    long nowHour = Math.floorDiv(now, HOUR);
    if (reclusters % 24 == 0) {
      evictSingletons((int) nowHour);
    }
    int n = byIndex.size();
    int accCount = 0;
    // One sequential pass over the edge arrays: decay is a global factor (EdgeStore), re-rating
    // only reads key slots whose df changed, and correlation runs at most hourly per candidate.
    recountSignatures(nowHour);
    edges.setNow(now);
    retryDeferred((int) nowHour);
    int[] ea = edges.ea;
    int[] eb = edges.eb;
    boolean[] live = edges.live;
    boolean[] accepted = edges.accepted;
    int limit = edges.limit;
    int sigOnlyCount = 0;
    for (int e = 0; e < limit; e++) {
      if (!live[e]) {
        continue;
      }
      int x = ea[e];
      int y = eb[e];
      long ox = orgOf[x];
      if (edges.total(e) < EDGE_FLOOR || (ox != 0 && ox == orgOf[y])) {
        dropEdge(e);
        continue;
      }
      rerate(e);
      if (edges.sigWeightAt[e] == 0 && committedOf[x] && committedOf[y]) {
        if (systemOf[x] != 0 && systemOf[x] == systemOf[y]) {
          signFromCommitment(e, systemKey(systemOf[x]));
        } else if (sameFamily(x, y)) {
          signFromCommitment(e, key(EvidenceKind.SYSTEM_VARIANT, variantOf[x]));
        }
      }
      accepted[e] = false;
      int present = presentGroups(e, false);
      if (present == 1 && (promptFamilyOnInfra(e, x, y) || handOver(e, x, y, nowHour))) {
        present = 2;
      }
      boolean signed = acceptsBySignature(e);
      boolean withoutSync = present >= 2 || signed;
      boolean family = !withoutSync && present == 0 && distillingFamily(x, y);
      if (!withoutSync && (present >= 1 || family) && edges.syncHour[e] != (int) nowHour
          && activeSince(x, y, edges.syncHour[e])) {
        // Correlation is only worth computing where it could be the missing second kind, and
        // only again once either account was active since: shared silence is not synchrony.
        edges.syncHour[e] = (int) nowHour;
        float r = (float) correlation(byIndex.get(x), byIndex.get(y), nowHour);
        edges.r[e] = r;
        edges.g[e * EdgeStore.G + EvidenceKind.Group.SYNC] =
            r >= config.syncMinCorrelation() ? r : 0f;
      }
      if ((withoutSync || presentGroups(e, true) >= 2 || (family && synced(e)))
          && !separatePools(e, x, y, nowHour)) {
        accepted[e] = true;
        if (accCount == accX.length) {
          accX = Arrays.copyOf(accX, accCount * 2);
          accY = Arrays.copyOf(accY, accCount * 2);
          accSigned = Arrays.copyOf(accSigned, accCount * 2);
          accE = Arrays.copyOf(accE, accCount * 2);
          accSigOnly = Arrays.copyOf(accSigOnly, accCount * 2);
        }
        boolean sigOnly = signed && present < 2 && presentGroups(e, true) < 2;
        sigOnlyCount += sigOnly ? 1 : 0;
        accE[accCount] = e;
        accX[accCount] = x;
        accSigned[accCount] = signed;
        accSigOnly[accCount] = sigOnly;
        accY[accCount++] = y;
      }
    }
    accCount = dropCrossOperationSignatures(accCount, n, sigOnlyCount);
    Arrays.fill(slotDirty, 0L);
    int[] label =
        LinkClusters.cluster(
            n, accX, accY, accSigned, accCount, config.minCampaignSize(), config.bridgeShare());
    lastLabel = label;
    // Components, members in index (arrival) order for determinism.
    int[] labelSize = new int[n];
    for (int i = 0; i < n; i++) {
      labelSize[label[i]]++;
    }
    Map<Integer, List<AccountState>> comps = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (labelSize[label[i]] >= config.minCampaignSize()) {
        comps.computeIfAbsent(label[i], k -> new ArrayList<>()).add(byIndex.get(i));
      }
    }
    List<List<AccountState>> clusters = new ArrayList<>(comps.values());
    clusters.sort(
        Comparator.<List<AccountState>>comparingInt(List::size)
            .reversed()
            .thenComparingInt(c -> c.get(0).index));
    int[] ids = assignIds(clusters);
    baselineRisk = medianRisk(label, labelSize);
    Map<Integer, ClusterStats> stats = new HashMap<>();
    // Union-find over operational ties, shared by all clusters (they are disjoint).
    int[] tieParent = new int[n];
    for (int i = 0; i < n; i++) {
      tieParent[i] = i;
    }
    for (int c = 0; c < clusters.size(); c++) {
      stats.put(ids[c], new ClusterStats(clusters.get(c), tieParent));
    }
    for (AccountState a : byIndex) {
      a.campaign = null;
    }
    int[] clusterOf = new int[n];
    for (int c = 0; c < clusters.size(); c++) {
      for (AccountState a : clusters.get(c)) {
        clusterOf[a.index] = ids[c];
      }
    }
    for (int e = 0; e < limit; e++) {
      if (!accepted[e]) {
        continue;
      }
      int c = clusterOf[ea[e]];
      if (c != 0 && c == clusterOf[eb[e]]) {
        stats.get(c).addEdge(e);
      }
    }
    List<CampaignAssessment> out = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      CampaignAssessment ca = assess(ids[c], clusters.get(c), stats.get(ids[c]), now);
      if (ca == null) {
        continue;
      }
      out.add(ca);
      boolean flagged = ca.firstFlaggedAtMillis() != Assessment.NEVER;
      for (AccountState a : clusters.get(c)) {
        a.campaign = ca;
        if (flagged && a.linkedFlagAt == Assessment.NEVER) {
          a.linkedFlagAt = now;
        }
      }
    }
    out.sort(
        Comparator.comparingDouble(CampaignAssessment::risk)
            .reversed()
            .thenComparing(CampaignAssessment::campaignId));
    published = List.copyOf(out);
  }

  /**
   * The median of the latest risks of the accounts outside every linked group ({@code labelSize}
   * under the campaign minimum), or of all accounts when there are too few of those; from a
   * 1000-bin histogram: O(accounts), no sort. Ordinary accounts are the yardstick of a group's
   * lift: an operation that replaces its accounts every day or two is half the accounts of
   * low-and-slow seed 11 by the week's end, and counting its members raised the median from
   * ordinary users' 0.02 to 0.04, halving its own lift.
   */
  private double medianRisk(int[] label, int[] labelSize) {
    int[] hist = new int[1001];
    int counted = 0;
    for (AccountState a : byIndex) {
      if (labelSize[label[a.index]] < config.minCampaignSize()) {
        hist[(int) Math.round(a.risk * 1000)]++;
        counted++;
      }
    }
    if (counted < MIN_BASELINE_ACCOUNTS) {
      Arrays.fill(hist, 0);
      counted = byIndex.size();
      for (AccountState a : byIndex) {
        hist[(int) Math.round(a.risk * 1000)]++;
      }
    }
    int half = (counted + 1) / 2;
    int seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= half) {
        return i / 1000.0;
      }
    }
    return 0;
  }

  /**
   * Re-judges, for every system prompt and prompt family, which of its senders are unrelated
   * occasional users, from what is known about each account <em>now</em>, and keeps the smaller of
   * that and the running count. Judged when an account first sent the prompt, a worker of another
   * campaign that rotates prompts from the same public pool looked like an ordinary user (one
   * request, no risk yet) and stayed counted as one, voiding the signature of a campaign that
   * shares one of those prompts (mixed-week seed 11: 104 of the 160 hydra workers made a
   * 120-account low-and-slow campaign's prompt look popular). Only ever lowered: a young campaign
   * whose members are not yet committed or risky must not start counting against its own prompt.
   * A member of a campaign at distillation (as of the last clustering) is never unrelated. One pass
   * over the accounts, at most 1 + {@link AccountState#MAX_OTHER_SYSTEMS} prompts and their
   * families each.
   */
  private void recountSignatures(long nowHour) {
    if (lowRecount.length < slotLow.length) {
      lowRecount = new int[slotLow.length];
      committedNow = Arrays.copyOf(committedNow, slotLow.length);
      activeCommittedNow = Arrays.copyOf(activeCommittedNow, slotLow.length);
      distillingNow = Arrays.copyOf(distillingNow, slotLow.length);
    }
    Arrays.fill(lowRecount, -1);
    Arrays.fill(committedNow, 0);
    Arrays.fill(activeCommittedNow, 0);
    Arrays.fill(distillingNow, 0);
    long since = nowHour - POPULAR_WINDOW_HOURS;
    // Exact prompts first: a group's count reads whether each sender's copy is a crowd's. A crowd
    // is counted by the copy without its stamps: an operation whose workers stamp their prompt or
    // not sends two exact copies, each of half the crowd (mixed-week seed 7 under per-worker
    // disguises: a reworded build of about 16 workers was two copies of 8, and its family none's).
    LongIntMap crowds = new LongIntMap();
    crowdCopies = new LongSet();
    recounts++;
    for (AccountState a : byIndex) {
      if (a.domSystem != 0 && a.committedToSystemPrompt()) {
        int domSlot = keySlot.get(systemKey(a.domSystem));
        if (domSlot != LongIntMap.MISSING) {
          committedNow[domSlot]++;
          activeCommittedNow[domSlot] += a.lastHour > since ? 1 : 0;
        }
        long sentences = a.domKeys.sentences();
        if (sentences != 0 && a.domVariant != 0 && crowds.add(sentences, 1) == FAMILY_CROWD) {
          crowdCopies.add(sentences);
          prompts.hub(a.domSystem); // its group gathers the copies one sentence from it too
        }
      }
    }
    int active = 0;
    for (AccountState a : byIndex) {
      boolean recent = a.lastHour > since;
      active += recent ? 1 : 0;
      if (a.domSystem == 0) {
        continue;
      }
      boolean committed = a.committedToSystemPrompt();
      int domSlot = keySlot.get(systemKey(a.domSystem));
      boolean unrelated = unrelatedUser(a);
      int v = a.domVariant != 0 ? variantSlot(a.domVariant) : LongIntMap.MISSING;
      if (committed && v != LongIntMap.MISSING) {
        committedNow[v]++;
        activeCommittedNow[v] += recent ? 1 : 0;
        distillingNow[v] += unrelated && !onCrowdCopy(a) ? 0 : 1;
      }
      countUnrelatedAt(domSlot, unrelated && !committed);
      // Prompt families too, each once per account: its main prompt's, then those of its others.
      // Judged at first post, another operation's rotators that opened with their own copy of a
      // family were its occasional users for good (mixed-week seed 11 under per-worker disguises:
      // 104 against 44 committed senders, and a low-and-slow campaign came apart).
      countUnrelatedAt(v, unrelated && !committed);
      long[] others = a.otherSystems;
      if (others != null) {
        for (int j = 0; j < others.length; j++) {
          long h = others[j];
          otherFamilies[j] = 0;
          if (h != 0) {
            countUnrelated(h, unrelated);
            long rep = prompts.known(h);
            if (rep != 0 && rep != a.domVariant && !contains(otherFamilies, j, rep)) {
              otherFamilies[j] = rep;
              countUnrelatedAt(variantSlot(rep), unrelated);
            }
          }
        }
      }
    }
    activeNow = active;
    for (int i = 0; i < lowRecount.length; i++) {
      if (lowRecount[i] >= 0 && lowRecount[i] < slotLow[i]) {
        slotLow[i] = lowRecount[i];
      }
    }
  }

  /**
   * Whether {@code a} sends the prompt {@code key} ({@link EvidenceKind#SYSTEM_PROMPT}), or a prompt
   * of the group {@code key} ({@link EvidenceKind#SYSTEM_VARIANT}), on (nearly) every request,
   * distilling or not; false for other kinds. Such a sender is never one of the key's occasional
   * users: a worker whose copy of the operation's prompt words its step-by-step request so that it
   * does not read as one is as committed to the group as the others.
   */
  private static boolean committedTo(AccountState a, EvidenceKind kind, long key) {
    if (!a.committedToSystemPrompt()) {
      return false;
    }
    if (kind == EvidenceKind.SYSTEM_PROMPT) {
      return systemKey(a.domSystem) == key;
    }
    return kind == EvidenceKind.SYSTEM_VARIANT && a.domVariant != 0
        && key(EvidenceKind.SYSTEM_VARIANT, a.domVariant) == key;
  }

  /**
   * Whether {@code a}'s main prompt is a crowd's copy, or one with a sentence of its own added: a
   * crowd is at least {@value #FAMILY_CROWD} accounts committed to one copy at the last recount,
   * counted by its sentence list without stamps (workers that stamp their build's prompt or not
   * send two exact copies of half the crowd each). A framework template filled in with each
   * customer's name is one copy per customer; an operation's workers that run one build of its
   * client send one copy together, so in a group of prompts one sentence apart its senders count as
   * distilling senders do, and so do workers who add a name of their own to it (low-and-slow seed
   * 17 under per-worker disguises). Not every committed sender of the group: where several
   * customers fill in one company's name, that company's copy has a crowd, and the other companies'
   * copies are it with a sentence <em>replaced</em>; counting them linked 52 of 144 RAG apps at
   * anthropic-scale into a campaign. A copy with a sentence added has the crowd's sentence list
   * among its keys (the copy less that sentence); one with a sentence replaced does not.
   */
  private boolean onCrowdCopy(AccountState a) {
    FrameVariants keys = a.domKeys;
    long sentences = keys.sentences();
    if (sentences == 0 || crowdCopies.size() == 0) {
      return false;
    }
    if (crowdCopies.contains(sentences)) {
      return true;
    }
    if (a.crowdCheckedAt != recounts) {
      boolean adds = false;
      for (int i = 1; i < keys.size() && !adds; i++) {
        long k = keys.key(i);
        adds = k != 0 && crowdCopies.contains(k); // 0 is the set's empty slot
      }
      a.addsToCrowd = adds;
      a.crowdCheckedAt = recounts;
    }
    return a.addsToCrowd;
  }

  /**
   * Whether an account that sends a prompt without being committed to it counts as one of the
   * prompt's unrelated, occasional users: it does not distil, and it is not a member of a campaign
   * at distillation. Such a member is part of an operation, however light its own traffic: a hydra
   * worker that touched a public prompt a few times under heavy cover is not evidence that
   * unrelated customers use it (mixed-week seed 11: 115 such workers voided a low-and-slow
   * campaign's prompt). Judged when the account first posts a prompt and again at every recount.
   */
  private boolean unrelatedUser(AccountState a) {
    return !distils(a)
        && (a.campaign == null || a.campaign.verdict() != Verdict.DISTILLATION);
  }

  private int variantSlot(long representative) {
    return keySlot.get(key(EvidenceKind.SYSTEM_VARIANT, representative));
  }

  private static boolean contains(long[] values, int before, long value) {
    for (int i = 0; i < before; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  private void countUnrelated(long raw, boolean unrelated) {
    countUnrelatedAt(keySlot.get(systemKey(raw)), unrelated);
  }

  private void countUnrelatedAt(int slot, boolean unrelated) {
    if (slot == LongIntMap.MISSING) {
      return;
    }
    if (lowRecount[slot] < 0) {
      lowRecount[slot] = 0;
    }
    if (unrelated) {
      lowRecount[slot]++;
    }
  }

  private static long systemKey(long rawSystemHash) {
    return key(EvidenceKind.SYSTEM_PROMPT, rawSystemHash);
  }

  /**
   * The evidence key of a raw value: a mixed hash whose low 4 bits are the kind (never 0), so an
   * account's key set tells which of its keys are network keys ({@link #separatePools}).
   */
  static long key(EvidenceKind kind, long raw) {
    return (mix(raw ^ kind.salt) & ~0xfL) | (kind.ordinal() + 1);
  }

  /**
   * Two accounts that each rotate through a pool of exits other accounts reuse, yet never shared an
   * exit IP or a card, run on different proxy pools: separate operations, however alike their
   * prompts and schedules (mixed-week seed 13: two hydras working the same public dataset in the
   * same order, in overlapping windows, linked by hundreds of such edges). Only such accounts are
   * judged: a casual user or a low-and-slow worker has one address, and a hydra spread over a huge
   * residential pool reuses no exit, so for them sharing nothing says nothing. Checked at most
   * hourly per edge until the two are seen to share.
   */
  private boolean separatePools(int e, int x, int y, long nowHour) {
    int checked = edges.poolHour[e];
    if (checked == EdgeStore.SHARES_INFRA) {
      return false;
    }
    AccountState a = byIndex.get(x);
    AccountState b = byIndex.get(y);
    if (a.ipKeys < ROTATING_IPS || b.ipKeys < ROTATING_IPS) {
      return false;
    }
    if (checked == (int) nowHour) {
      return true;
    }
    if (a.keys.sharesAny(b.keys, INFRA_TAGS)) {
      edges.poolHour[e] = EdgeStore.SHARES_INFRA;
      return false;
    }
    if (!onSharedPool(a) || !onSharedPool(b)) {
      return false; // not yet known: judged again at the next hour
    }
    edges.poolHour[e] = (int) nowHour;
    return true;
  }

  /** Whether at least two of the account's client IPs were used by 3 or more accounts. */
  private boolean onSharedPool(AccountState a) {
    int[] reused = {0};
    a.keys.forEach(k -> {
      if ((k & 0xf) == EvidenceKind.IP.ordinal() + 1) {
        int slot = keySlot.get(k);
        if (slot != LongIntMap.MISSING && slotDf[slot] >= 3) {
          reused[0]++;
        }
      }
    });
    return reused[0] >= 2;
  }

  private boolean activeSince(int x, int y, int hour) {
    return hour == Integer.MIN_VALUE || lastHourOf[x] >= hour || lastHourOf[y] >= hour;
  }

  /**
   * Whether the edge's one kind of evidence is shared infrastructure (payment, network or a
   * creation burst) and both ends are committed to one family of system prompts in their own
   * variants (each with its own sentence in it): the prompt family is then the second kind. A
   * campaign whose workers each put their own name into its prompt loses the prompt as a signature
   * unless its members distil on their own (a family that unrelated developers fill in with their
   * company's name is no signature), and then it was held by the infrastructure alone, which is
   * never enough: mixed-week seed 7 under persona names, a release-pivot operation of 40 accounts
   * on 13 shared proxy exits, every pair sharing about seven of them, came out as pieces of 16 and
   * 9 and 15 unlinked. Not with correlated activity, unless both distil ({@link
   * #distillingFamily}): customers of one RAG framework in one time zone share its prompt family and
   * their day's rhythm. Exact prompts need no such rule: their key carries content weight of its own.
   */
  private boolean promptFamilyOnInfra(int e, int x, int y) {
    if (!sameFamily(x, y) || systemOf[x] == systemOf[y]
        || !committedOf[x] || !committedOf[y]) {
      return false;
    }
    if (present(e, EvidenceKind.Group.CONTENT)
        || !(present(e, EvidenceKind.Group.PAYMENT) || present(e, EvidenceKind.Group.INFRA)
            || present(e, EvidenceKind.Group.CREATION))) {
      return false;
    }
    int slot = keySlot.get(key(EvidenceKind.SYSTEM_VARIANT, variantOf[x]));
    return slot != LongIntMap.MISSING && rareFamily(slot);
  }

  /**
   * Whether both ends distil by their own traffic and their main system prompts are of one family
   * (copies one sentence apart): correlated activity is then the second kind of evidence beside an
   * edge whose evidence is all below the threshold. A hydra's workers that each put their own name
   * into the public prompts they rotate through, on addresses of their own, share nothing else:
   * no copy, so no template (the name is in it) and only near-duplicate ones (SimHash bands, under
   * the threshold); committed to no prompt, so no signature; and correlation was computed only for
   * edges with one kind present. Mixed-week seed 11 under eight per-worker disguises: 47 of the two
   * hydras' 320 workers outside their campaigns, every one wearing both disguises, their edge
   * budgets full of such edges. Both must distil: customers of one framework in one time zone share
   * its family and their day's rhythm (promptFamilyOnInfra).
   */
  private boolean distillingFamily(int x, int y) {
    return sameFamily(x, y) && distillingOf[x] && distillingOf[y];
  }

  /** Whether both accounts' main system prompts are of one family (copies one sentence apart). */
  private boolean sameFamily(int x, int y) {
    return variantOf[x] != 0 && variantOf[x] == variantOf[y];
  }

  /**
   * Whether the edge's ends pay with one card and one took over from the other: the earlier account
   * sent its last request before the later one's first (in the same hour at the latest), at most
   * {@link #HANDOVER_GAP_HOURS} before it, and has been silent for {@link #HANDOVER_SILENT_HOURS}
   * since: it stopped, not paused. That succession is the second kind of evidence.
   * An operation that replaces its used-up accounts moves each card from a retired account to a
   * fresh one, and the two never overlap, so correlated activity, which needs half a day of both,
   * cannot show (mixed-week seed 7 under account churn: 994 of 1,674 links between accounts on
   * one card were not accepted for lack of a second kind). People who share a card use it side by side,
   * and one who opens a new account is a group of two, under the campaign minimum.
   */
  private boolean handOver(int e, int x, int y, long nowHour) {
    if (!present(e, EvidenceKind.Group.PAYMENT)) {
      return false;
    }
    AccountState a = byIndex.get(x);
    AccountState b = byIndex.get(y);
    AccountState earlier = a.firstMillis <= b.firstMillis ? a : b;
    AccountState later = earlier == a ? b : a;
    long gap = Math.floorDiv(later.firstMillis, HOUR) - earlier.lastHour;
    return gap >= 0 && gap <= HANDOVER_GAP_HOURS
        && nowHour - earlier.lastHour >= HANDOVER_SILENT_HOURS;
  }

  /**
   * The group threshold in the units the edge store keeps key-fed evidence in (scaled up as edges
   * decay); correlated activity is stored unscaled ({@link #synced}).
   */
  private float scaledThreshold() {
    return (float) (config.groupThreshold() * edges.up());
  }

  /** Whether a key-fed group on the edge reaches the threshold. */
  private boolean present(int e, int group) {
    return edges.g[e * EdgeStore.G + group] >= scaledThreshold();
  }

  /** Whether the edge's correlated activity reaches the threshold. */
  private boolean synced(int e) {
    return edges.g[e * EdgeStore.G + EvidenceKind.Group.SYNC] >= config.groupThreshold();
  }

  /**
   * Whether the edge ties its ends to one operation's infrastructure: a shared card or network
   * exit, a resource one operation holds, or a creation burst together with a joint pivot or
   * correlated activity. A burst, a pivot or a rhythm alone can be two operations' coincidence in
   * time.
   */
  private boolean tiedByInfrastructure(int e) {
    return present(e, EvidenceKind.Group.PAYMENT) || present(e, EvidenceKind.Group.INFRA)
        || (present(e, EvidenceKind.Group.CREATION)
            && (present(e, EvidenceKind.Group.PIVOT) || synced(e)));
  }

  /**
   * Drops the edges accepted through a shared prompt alone that join two operations: their ends
   * run on different infrastructure groups, and one of them is a group of
   * {@code separateOperationMinSize} or more accounts tied by shared cards or exits, or by two kinds
   * of operational evidence (a creation burst with a joint pivot or correlated activity). Two
   * operations can commit to one public system prompt: anthropic-scale's hydras whose workers each
   * keep to one of three public prompts put 51 workers each on the prompt a 576-account low-and-slow
   * campaign sends, and the five were one reported campaign (purity 0.13). A hydra's workers are
   * tied by their proxy pool, cards and creation burst; what they share with the other operation's
   * workers is that prompt and nothing else. Groups are also built from links of one card or exit
   * each: anthropic-scale's release-pivot operations are tied mostly that way, two of them send
   * one public prompt, and a reseller that sends it too joined them (purity 0.46-0.51). Returns
   * the number of edges kept.
   */
  private int dropCrossOperationSignatures(int accCount, int n, int sigOnlyCount) {
    if (sigOnlyCount == 0) {
      return accCount;
    }
    if (opParent.length < n) {
      opParent = new int[Math.max(n, opParent.length * 2)];
      opSize = new int[opParent.length];
    }
    for (int i = 0; i < n; i++) {
      opParent[i] = i;
      opSize[i] = 1;
    }
    // A signature-only edge joins two groups here only through a card or exit its ends share.
    for (int i = 0; i < accCount; i++) {
      if (tiedByInfrastructure(accE[i])) {
        LinkClusters.union(opParent, opSize, accX[i], accY[i]);
      }
    }
    int kept = 0;
    for (int i = 0; i < accCount; i++) {
      if (accSigOnly[i]) {
        int rx = LinkClusters.find(opParent, accX[i]);
        int ry = LinkClusters.find(opParent, accY[i]);
        if (rx != ry && Math.max(opSize[rx], opSize[ry]) >= config.separateOperationMinSize()) {
          edges.accepted[accE[i]] = false;
          continue;
        }
      }
      accX[kept] = accX[i];
      accY[kept] = accY[i];
      accE[kept] = accE[i];
      accSigned[kept] = accSigned[i];
      accSigOnly[kept++] = accSigOnly[i];
    }
    return kept;
  }

  /** Strong rare-signature content evidence with that kind of behaviour on both ends. */
  private boolean acceptsBySignature(int e) {
    if (edges.signature(e) < config.strongContent()) {
      return false;
    }
    int slot = edges.sigSlot[e];
    EvidenceKind kind = EvidenceKind.VALUES[slotKind[slot]];
    long key = slotKey[slot];
    return aligned(byIndex.get(edges.ea[e]), kind, key)
        && aligned(byIndex.get(edges.eb[e]), kind, key);
  }

  /**
   * Whether an account posting a content key counts for the key as a campaign signature: for a
   * system prompt, the account sends <em>this</em> prompt on (nearly) every request, as a scripted
   * worker does (committed to some other prompt is not enough: two workers of different hydras,
   * each committed to its own prompt, must not link through a third they both sent once); for
   * templates, the account's own traffic looks like distillation.
   */
  private boolean aligned(AccountState a, EvidenceKind kind, long key) {
    if (kind == EvidenceKind.SYSTEM_PROMPT) {
      return committedTo(a, kind, key);
    }
    if (kind == EvidenceKind.SYSTEM_VARIANT) {
      // Committed to a prompt of the group and distilling, or to a copy of it that a crowd sends
      // (stamps aside), or to that copy with a sentence added: see signatureWeight.
      return committedTo(a, kind, key) && (distils(a) || onCrowdCopy(a));
    }
    return distils(a);
  }

  /** Whether the account's own traffic looks like distillation (behaviour at least behaviourMin). */
  private boolean distils(AccountState a) {
    return a.behaviour() >= config.behaviourMin();
  }

  private int presentGroups(int e, boolean withSync) {
    float[] g = edges.g;
    int base = e * EdgeStore.G;
    // Compare stored (scaled) evidence against the threshold scaled the same way, hoisted.
    float scaled = scaledThreshold();
    int present = 0;
    for (int k = 0; k < EdgeStore.R; k++) {
      if (g[base + k] >= scaled) {
        present++;
      }
    }
    if (withSync && synced(e)) {
      present++;
    }
    return present;
  }

  /**
   * Synchrony of two accounts' hourly activity over the window where both existed (at least
   * {@link #MIN_OVERLAP_HOURS}), 0 when either is too sparse: the larger of Pearson r over the
   * hour-to-hour changes of the request counts and of the active/idle state. Counts alone miss a
   * scheduler whose window straddles an hour boundary (members active in the same hours, but the
   * split of each window's requests between the two hours is noise: r 0.6-0.8 inside one hydra on
   * mixed-week seed 13, where the active hours agree exactly); active hours alone miss
   * round-the-clock bots with a shared rhythm. Hours before an account's first exchange are left
   * out: shared silence is not synchrony.
   *
   * <p>Changes, not levels: two busy accounts whose users keep the same day (a reseller and an
   * app in one time zone) have hourly counts that rise and fall together over the day, r 0.75-0.82
   * on the raw counts at full {@code anthropic-scale} and 0.95 in the unit test, without doing
   * anything at the same moment. Their hour-to-hour changes are their own noise (r <= 0.28 there),
   * while workers that start and stop together change together.
   *
   * <p>Only whole hours count: not the hour {@code nowHour} still in progress, nor the hour of
   * either account's first exchange. A part hour is a low count (or no activity yet) in both
   * series at once, one shared outlier that alone made two busy, unrelated accounts correlate
   * (r = 1.00 over active hours when the current hour was minutes old).
   */
  double correlation(AccountState a, AccountState b, long nowHour) {
    long from =
        Math.max(
            nowHour - config.activityWindowHours() + 1,
            Math.max(Math.floorDiv(a.firstMillis, HOUR), Math.floorDiv(b.firstMillis, HOUR)) + 1);
    long to = nowHour - 1;
    int w = (int) (to - from + 1);
    if (w < MIN_OVERLAP_HOURS) {
      return 0;
    }
    // Sums for Pearson r over hour-to-hour changes: of the request counts (s*) and of the
    // active/idle state (t*).
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    int tx = 0;
    int ty = 0;
    int txx = 0;
    int tyy = 0;
    int txy = 0;
    int ax = 0;
    int ay = 0;
    // Walk both hourly rings directly (no per-hour floorMod): this runs hourly per candidate edge.
    byte[] binsA = a.bins;
    byte[] binsB = b.bins;
    int ring = binsA.length;
    long aHi = a.lastHour;
    long aLo = aHi == Long.MIN_VALUE ? Long.MIN_VALUE : aHi - ring;
    long bHi = b.lastHour;
    long bLo = bHi == Long.MIN_VALUE ? Long.MIN_VALUE : bHi - ring;
    int idx = (int) Math.floorMod(from, ring);
    int px = 0;
    int py = 0;
    for (long h = from; h <= to; h++) {
      int x = h > aLo && h <= aHi ? binsA[idx] & 0xff : 0;
      int y = h > bLo && h <= bHi ? binsB[idx] & 0xff : 0;
      if (++idx == ring) {
        idx = 0;
      }
      if (x > 0) {
        ax++;
      }
      if (y > 0) {
        ay++;
      }
      if (h > from) {
        int dx = x - px;
        int dy = y - py;
        sx += dx;
        sy += dy;
        sxx += (double) dx * dx;
        syy += (double) dy * dy;
        sxy += (double) dx * dy;
        int bx = (x > 0 ? 1 : 0) - (px > 0 ? 1 : 0);
        int by = (y > 0 ? 1 : 0) - (py > 0 ? 1 : 0);
        tx += bx;
        ty += by;
        txx += bx * bx;
        tyy += by * by;
        txy += bx * by;
      }
      px = x;
      py = y;
    }
    if (ax < config.minActiveHours() || ay < config.minActiveHours()) {
      return 0;
    }
    return Math.max(pearson(sx, sy, sxx, syy, sxy, w - 1), pearson(tx, ty, txx, tyy, txy, w - 1));
  }

  /** Pearson r from sums over w points; 0 when either side does not vary. */
  private static double pearson(double sx, double sy, double sxx, double syy, double sxy, int w) {
    double cov = sxy - sx * sy / w;
    double vx = sxx - sx * sx / w;
    double vy = syy - sy * sy / w;
    if (vx <= 0 || vy <= 0) {
      return 0;
    }
    return cov / Math.sqrt(vx * vy);
  }

  /** Carries internal cluster ids across reclusterings by greatest overlap (largest first). */
  private int[] assignIds(List<List<AccountState>> clusters) {
    int[] ids = new int[clusters.size()];
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (int c = 0; c < clusters.size(); c++) {
      Map<Integer, Integer> overlap = new HashMap<>();
      for (AccountState a : clusters.get(c)) {
        if (a.cluster != 0) {
          overlap.merge(a.cluster, 1, Integer::sum);
        }
      }
      int best = 0;
      int bestCount = 0;
      for (Map.Entry<Integer, Integer> en : overlap.entrySet()) {
        int id = en.getKey();
        int cnt = en.getValue();
        if (!taken.contains(id) && (cnt > bestCount || (cnt == bestCount && id < best))) {
          best = id;
          bestCount = cnt;
        }
      }
      ids[c] = best != 0 ? best : nextInternalCluster++;
      taken.add(ids[c]);
    }
    for (AccountState a : byIndex) {
      a.cluster = 0;
    }
    for (int c = 0; c < clusters.size(); c++) {
      for (AccountState a : clusters.get(c)) {
        a.cluster = ids[c];
      }
    }
    return ids;
  }

  // ------------------------------------------------------------------ campaign risk

  /** Evidence and behaviour of one cluster. */
  private final class ClusterStats {
    final List<AccountState> members;
    final float[] groupSum = new float[EvidenceKind.Group.COUNT];
    final int[] groupEdges = new int[EvidenceKind.Group.COUNT];
    int edgeCount;
    int signatureEdges;
    double rSum;
    int rCount;
    /** Union-find over the cluster's operational ties (see {@link #operationalTie}). */
    final int[] tieParent;

    ClusterStats(List<AccountState> members, int[] tieParent) {
      this.members = members;
      this.tieParent = tieParent;
    }

    void addEdge(int e) {
      edgeCount++;
      double threshold = config.groupThreshold();
      if (operationalTie(e, threshold)) {
        int ra = root(edges.ea[e]);
        int rb = root(edges.eb[e]);
        if (ra != rb) {
          tieParent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
      for (int k = 0; k < EvidenceKind.Group.COUNT; k++) {
        float v = edges.group(e, k);
        groupSum[k] += v;
        if (v >= threshold) {
          groupEdges[k]++;
        }
      }
      if (edges.signature(e) >= config.strongContent()
          && edges.group(e, EvidenceKind.Group.CONTENT) < threshold) {
        groupEdges[EvidenceKind.Group.CONTENT]++;
        signatureEdges++;
      }
      if (edges.g[e * EdgeStore.G + EvidenceKind.Group.SYNC] > 0) {
        rSum += edges.r[e];
        rCount++;
      }
    }

    int root(int i) {
      return LinkClusters.find(tieParent, i);
    }
  }

  /**
   * The largest set of members connected to one another through operational ties alone: the
   * accounts that demonstrably run as one operation. A cluster that weaker evidence (templates,
   * rhythm) chains together from many small independent groups is not one operation, however large.
   */
  private static int largestTiedGroup(List<AccountState> members, ClusterStats st) {
    Map<Integer, Integer> sizes = new HashMap<>();
    int best = 0;
    for (AccountState a : members) {
      int r = st.root(a.index);
      int k = sizes.merge(r, 1, Integer::sum);
      if (k > best) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Whether an edge carries evidence of running one operation that unrelated customers do not share
   * by chance: a system prompt only this group sends on every request, a payment method, network
   * or a creation burst. Shared templates and correlated activity are not: customers of one RAG
   * framework share its templates, and business apps in one time zone its daily rhythm (at 24k
   * accounts, 143 unrelated RAG apps were a flagged 145-account "campaign" on these and a few
   * small groups' prompt signatures).
   */
  private boolean operationalTie(int e, double threshold) {
    return edges.signature(e) >= config.strongContent()
        || edges.group(e, EvidenceKind.Group.PAYMENT) >= threshold
        || edges.group(e, EvidenceKind.Group.INFRA) >= threshold
        || edges.group(e, EvidenceKind.Group.CREATION) >= threshold;
  }

  /** How many times a group's accounts the population must hold for its creation spread to count. */
  private static final long SPREAD_POPULATION_FACTOR = 5;

  /** Epoch days, fractional: the unit of creation-date spreads. */
  private static float day(long millis) {
    return (float) (millis / 86_400_000.0);
  }

  /** The interquartile range of all accounts' creation days, 0 until 20 are known. */
  private double populationIqrDays() {
    if (createdDays.getN() < 20) {
      return 0;
    }
    return createdDays.getQuantile(0.75) - createdDays.getQuantile(0.25);
  }

  /**
   * The interquartile range of {@code count} creation days (sorts them); under 8, estimated from
   * their range as if they were drawn evenly (a young group of 3 has no quartiles, and was flagged
   * on its joint behaviour before it had any), 0 under 3.
   */
  private static double iqrDays(float[] days, int count) {
    if (count < 3) {
      return 0;
    }
    Arrays.sort(days, 0, count);
    if (count < 8) {
      return (days[count - 1] - days[0]) * (count + 1) / (2.0 * (count - 1));
    }
    return days[(3 * (count - 1)) / 4] - days[(count - 1) / 4];
  }

  private CampaignAssessment assess(int id, List<AccountState> members, ClusterStats st, long now) {
    double events = 0;
    double cot = 0;
    double meta = 0;
    double harvest = 0;
    double taskGen = 0;
    double grader = 0;
    double riskSum = 0;
    long union = 0;
    double breadthSum = 0;
    java.util.Set<Long> payments = new java.util.HashSet<>();
    int pivoted = 0;
    long conversing = 0;
    float[] created = new float[members.size()];
    int nCreated = 0;
    long minCreated = Long.MAX_VALUE;
    long maxCreated = Long.MIN_VALUE;
    long earliestLinkedFlag = Long.MAX_VALUE;
    LongIntMap keyCounts = new LongIntMap();
    for (AccountState a : members) {
      if (a.linkedFlagAt != Assessment.NEVER) {
        earliestLinkedFlag = Math.min(earliestLinkedFlag, a.linkedFlagAt);
      }
      events += a.events;
      cot += a.sumCot;
      meta += a.sumMeta;
      harvest += a.harvest;
      taskGen += a.taskGen;
      grader += a.grader;
      riskSum += a.risk;
      union |= a.topics;
      breadthSum += Long.bitCount(a.topics);
      if (a.paymentHash != 0) {
        payments.add(a.paymentHash);
      }
      if (a.moved()) {
        pivoted++;
      }
      conversing += a.conversing;
      if (a.createdAtMillis != Exchange.ABSENT) {
        created[nCreated++] = day(a.createdAtMillis);
        minCreated = Math.min(minCreated, a.createdAtMillis);
        maxCreated = Math.max(maxCreated, a.createdAtMillis);
      }
      a.keys.forEach(k -> keyCounts.add(k, 1));
    }
    int size = members.size();
    int[] shared = new int[EvidenceKind.VALUES.length];
    List<String> exampleTemplates = new ArrayList<>();
    List<Long> sharedContentKeys = new ArrayList<>();
    keyCounts.forEach((key, count) -> {
      if (count < 2) {
        return;
      }
      int slot = keySlot.get(key);
      if (slot == LongIntMap.MISSING) {
        return;
      }
      EvidenceKind kind = EvidenceKind.VALUES[slotKind[slot]];
      // A prompt family counts as shared where members send their own variants of it; it has no
      // weight of its own (promptFamilyOnInfra).
      boolean family = kind == EvidenceKind.SYSTEM_VARIANT && rareFamily(slot);
      if (weight(kind, slotDf[slot]) <= 0
          && !(kind.signature() && signatureWeight(slot) >= 0.3)
          && !family) {
        return; // popular keys are not evidence
      }
      shared[kind.ordinal()]++;
      if (kind == EvidenceKind.TEMPLATE || kind == EvidenceKind.SYSTEM_PROMPT || family) {
        sharedContentKeys.add(key);
      }
    });
    int sharedContent =
        shared[EvidenceKind.TEMPLATE.ordinal()] + shared[EvidenceKind.SYSTEM_PROMPT.ordinal()]
            + shared[EvidenceKind.SYSTEM_VARIANT.ordinal()];
    int sharedPayments = shared[EvidenceKind.PAYMENT.ordinal()];
    int sharedNetworks = shared[EvidenceKind.IP.ordinal()] + shared[EvidenceKind.SUBNET.ordinal()];
    sharedContentKeys.sort(Comparator.comparingInt((Long k) -> -keyCounts.get(k)).thenComparing(k -> k));
    for (int i = 0; i < sharedContentKeys.size() && exampleTemplates.size() < 3; i++) {
      String ex = example(sharedContentKeys.get(i));
      if (ex != null) {
        exampleTemplates.add(ex);
      }
    }

    double n = Math.max(1, events);
    double cotShare = cot / n;
    double metaShare = meta / n;
    double harvestShare = harvest / n;
    double taskGenShare = taskGen / n;
    double graderShare = grader / n;
    double behaviour =
        Math.min(
            1,
            Math.max(
                Math.max(cotShare, 1.2 * metaShare),
                Math.max(harvestShare, Math.max(taskGenShare, 0.8 * graderShare))));
    // Unrelated researchers running one public benchmark share its judge template, step-by-step
    // prompts and release-day re-runs, and nothing else. Joint behaviour is what links them to
    // harvesting, so without evidence strangers cannot share by chance (payment, network, creation
    // burst, correlated activity, a prompt only the group sends) it counts only as the group grows.
    boolean corroborated =
        st.signatureEdges > 0
            || st.rCount > 0
            || st.groupEdges[EvidenceKind.Group.PAYMENT] > 0
            || st.groupEdges[EvidenceKind.Group.INFRA] > 0
            || st.groupEdges[EvidenceKind.Group.CREATION] > 0;
    double behaviourScale =
        corroborated ? 1 : Math.min(1, size / config.uncorroboratedFullSize());
    behaviour *= behaviourScale;
    double meanRisk = riskSum / size;
    // Members that took up a release in the same hour are linked by it only if they then moved
    // to it: on release day everybody tries the new model.
    boolean jointMove = st.groupEdges[EvidenceKind.Group.PIVOT] > 0 && 2 * pivoted >= size;
    int groups = 0;
    for (int g = 0; g < EvidenceKind.Group.COUNT; g++) {
      if (st.groupEdges[g] > 0 && (g != EvidenceKind.Group.PIVOT || jointMove)) {
        groups++;
      }
    }
    double link = Math.min(1, groups / 2.0) * Math.min(1, Math.log(size) / Math.log(20));
    int unionBreadth = Long.bitCount(union);
    double meanBreadth = breadthSum / size;
    double coverage =
        unionBreadth >= 8 && meanBreadth > 0
            ? clamp01((unionBreadth / meanBreadth - 1.5) / 3)
            : 0;
    // Many accounts acting as one while each scores above what ordinary accounts score: the
    // low-and-slow shape, where no member is suspicious alone. Only the largest group tied by
    // operational evidence counts: templates and rhythm alone chain unrelated customers together.
    double coordination = Math.min(1, size / config.coordinationFullSize());
    int tiedMembers = largestTiedGroup(members, st);
    // ... and only in the share of the campaign that group is: members inherit the campaign's
    // risk, so a tied core of 10 does not make 133 accounts chained to it by templates "one".
    double tiedCoordination =
        Math.min(1, tiedMembers / config.coordinationFullSize()) * tiedMembers / size;
    double lift = meanRisk / Math.max(0.01, baselineRisk);
    // The lift is a mean over the tied members, and a mean's noise shrinks as one over the root of
    // their number: where 50 accounts need 4x ordinary risk to count in full, 200 need 2.75x. A
    // 200-account low-and-slow campaign, tied by its prompt from the first day, sat at 2.7x and
    // risk 0.55-0.60 for a day and a half before the members' own risk caught up (low-and-slow
    // seed 11: flagged at 51 h, a third of its tokens served). The floor of 1.5x stays: a large
    // group of accounts that score like anybody else is a customer, however many.
    double full = config.coordinationFullSize();
    double liftSpan = config.coordinationLiftSpan() * Math.sqrt(full / Math.max(full, tiedMembers));
    double liftFactor = clamp01((lift - config.coordinationLiftFloor()) / liftSpan);
    // Members that were active before a model existed and moved to it within days of its first
    // sighting, together: an operation retargeting a new release, the disclosed pattern. Rarity
    // weighting keeps it weak as link evidence (everybody tries a release), so it counts here.
    double pivot = coordination * pivoted / size;
    // Users of one chat client share its system prompt, and whatever it asks for (step-by-step
    // answers, say), as a campaign's workers share theirs. What they do not share is an origin:
    // they hold conversations, as people do, and their accounts were opened over years, as
    // everybody's were. Members that show both are counted as that many independent people: their
    // joint behaviour, acting as one and covering different topics lose weight: half for
    // conversing alone (cheap to fake), all of it with accounts opened over the population's span
    // too (dear to fake). Conversation counts from half its setting: a stray conversing member of
    // an operation is not a crowd of people; so does the spread: a few older accounts among an
    // operation's fresh ones are not an independent crowd.
    double conversational =
        clamp01(2 * conversing / n / config.independentConversationShare() - 1);
    double memberIqr = iqrDays(created, nCreated);
    double populationIqr = populationIqrDays();
    // Against a population the group is most of (a young deployment, a test), its own spread is
    // the yardstick: no discount then.
    double spread = populationIqr > 0 && createdDays.getN() >= SPREAD_POPULATION_FACTOR * nCreated
        ? clamp01(2 * memberIqr / populationIqr / config.independentCreationSpread() - 1)
        : 0;
    double independence = Math.min(conversational, Math.max(spread, 0.5));
    // The weighted factors, each also its reason's contribution; risk is their noisy-OR, so any
    // one strong factor flags, and weak ones add up.
    double bFull = config.behaviourWeight() * behaviour;
    double kFull = config.coordinationWeight() * tiedCoordination * liftFactor;
    double cFull = config.coverageWeight() * coverage;
    double bTerm = bFull * (1 - independence);
    double mTerm = config.memberRiskWeight() * meanRisk;
    double lTerm = config.linkWeight() * link;
    double cTerm = cFull * (1 - independence);
    double kTerm = kFull * (1 - independence);
    double pTerm = config.pivotWeight() * pivot;
    double others = (1 - mTerm) * (1 - lTerm) * (1 - pTerm);
    double risk = clamp01(1 - (1 - bTerm) * (1 - kTerm) * (1 - cTerm) * others);
    double undiscounted = clamp01(1 - (1 - bFull) * (1 - kFull) * (1 - cFull) * others);
    Verdict verdict =
        risk >= config.distillationThreshold()
            ? Verdict.DISTILLATION
            : risk >= config.suspiciousThreshold() ? Verdict.SUSPICIOUS : Verdict.BENIGN;
    if (verdict == Verdict.DISTILLATION) {
      firstFlagged.putIfAbsent(id, now);
    }
    Long flaggedAt = firstFlagged.get(id);
    if (flaggedAt != null && earliestLinkedFlag < flaggedAt) {
      // Fragments of one young operation are flagged apart and merge later, under the id of one
      // of them: the campaign was flagged when the first of its members was, through any of them.
      flaggedAt = earliestLinkedFlag;
      firstFlagged.put(id, flaggedAt);
    }
    if (verdict == Verdict.BENIGN && flaggedAt == null) {
      return null; // linked, but nothing distillation-like: a customer's accounts, not a campaign
    }
    String publicId = publicIds.computeIfAbsent(id, k -> String.format(Locale.ROOT, "C-%04d", nextPublicId++));

    List<Reason> reasons = new ArrayList<>();
    reasons.add(new Reason("joint_distillation_behaviour", behaviour, bTerm,
        String.format(Locale.ROOT,
            "members jointly: %.0f%% step-by-step prompts, %.0f%% meta-reasoning, %.0f%% harvest"
                + " parameters, %.0f%% task generation over %d exchanges%s",
            100 * cotShare, 100 * metaShare, 100 * harvestShare, 100 * taskGenShare, (long) events,
            behaviourScale < 1
                ? String.format(Locale.ROOT,
                    "; counted at %.0f%%: only templates or a release link these %d accounts",
                    100 * behaviourScale, size)
                : "")));
    reasons.add(new Reason("member_risk_mean", meanRisk, mTerm,
        String.format(Locale.ROOT, "mean risk of the %d member accounts is %.2f", size, meanRisk)));
    double perGroup = lTerm / Math.max(1, groups);
    if (sharedContent > 0 || st.groupEdges[EvidenceKind.Group.CONTENT] > 0) {
      reasons.add(new Reason("shared_prompt_templates", sharedContent, perGroup,
          String.format(Locale.ROOT,
              "%d rare templates or system prompts shared across %d accounts%s", sharedContent, size,
              st.signatureEdges > 0
                  ? String.format(Locale.ROOT,
                      "; %d links through a prompt only this group sends", st.signatureEdges)
                  : "")));
    }
    if (st.groupEdges[EvidenceKind.Group.PAYMENT] > 0) {
      reasons.add(new Reason("shared_payment", payments.size(), perGroup,
          String.format(Locale.ROOT, "%d payment methods across %d accounts (%d shared)",
              payments.size(), size, sharedPayments)));
    }
    if (st.groupEdges[EvidenceKind.Group.INFRA] > 0) {
      reasons.add(new Reason("shared_network", sharedNetworks, perGroup,
          String.format(Locale.ROOT, "%d IPs or networks shared by members", sharedNetworks)));
    }
    if (st.groupEdges[EvidenceKind.Group.CREATION] > 0 && minCreated <= maxCreated) {
      double hours = (maxCreated - minCreated) / 3_600_000.0;
      reasons.add(new Reason("creation_burst", hours, perGroup,
          String.format(Locale.ROOT,
              "%d linked pairs were created within the same %d minutes; all %d members within"
                  + " %.1f hours", st.groupEdges[EvidenceKind.Group.CREATION],
              config.creationBucketMillis() / 60_000, size, hours)));
    }
    if (jointMove || pivot > 0) {
      double contribution = (jointMove ? perGroup : 0) + pTerm;
      reasons.add(new Reason("joint_model_pivot", pivoted, contribution,
          String.format(Locale.ROOT,
              "%d of %d members moved to a newly released model within %.0f hours of its first"
                  + " request and kept most of their traffic there",
              pivoted, size, config.pivotNewModelMillis() / 3_600_000.0)));
    }
    if (st.rCount > 0) {
      double r = st.rSum / st.rCount;
      reasons.add(new Reason("activity_correlation", r, perGroup,
          String.format(Locale.ROOT, "hourly activity correlated r=%.2f across %d linked pairs", r,
              st.rCount)));
    }
    if (tiedCoordination * liftFactor > 0) {
      reasons.add(new Reason("coordinated_accounts", tiedMembers, kTerm,
          String.format(Locale.ROOT,
              "%d linked accounts act as one (%d of them tied together by a prompt only they send,"
                  + " payment, network or creation time); their mean risk is %.1fx that of ordinary"
                  + " accounts",
              size, tiedMembers, lift)));
    }
    if (undiscounted > risk) {
      reasons.add(new Reason("independent_members", independence, risk - undiscounted,
          String.format(Locale.ROOT,
              "members look like independent people: %.0f%% of their %d requests follow up their"
                  + " own earlier ones, and the middle half of their accounts were opened over %.0f"
                  + " days (of all accounts: %.0f); joint behaviour, coordination and coverage"
                  + " counted at %.0f%%",
              100 * conversing / n, (long) events, memberIqr, populationIqr,
              100 * (1 - independence))));
    }
    if (coverage > 0) {
      reasons.add(new Reason("complementary_coverage", unionBreadth / meanBreadth, cTerm,
          String.format(Locale.ROOT,
              "members cover %d task buckets together, %.1f each: a split task space",
              unionBreadth, meanBreadth)));
    }
    reasons.sort(Comparator.comparingDouble(Reason::contribution).reversed());
    List<String> ids = new ArrayList<>(size);
    for (AccountState a : members) {
      ids.add(a.id);
    }
    return new CampaignAssessment(publicId, ids, risk, verdict,
        flaggedAt == null ? Assessment.NEVER : flaggedAt, reasons, exampleTemplates);
  }

  // ------------------------------------------------------------------ queries

  @Override
  public CampaignAssessment campaignOf(String accountId) {
    AccountState a = accounts.get(accountId);
    return a == null ? null : a.campaign;
  }

  @Override
  public long linkedFlagTime(String accountId) {
    AccountState a = accounts.get(accountId);
    return a == null ? Assessment.NEVER : a.linkedFlagAt;
  }

  /**
   * All current campaigns. Reclusters first when exchanges arrived since the last reclustering (at
   * the last event's time), so the final view covers the whole stream.
   */
  @Override
  public List<CampaignAssessment> campaigns() {
    if (observedSinceRecluster > 0) {
      recluster(lastEventMillis);
    }
    return published;
  }

  /** Rough heap use of the linker's state in bytes (accounts, postings, edges). */
  long estimatedBytes() {
    long b = postingBytes();
    for (AccountState a : byIndex) {
      b += a.bytes() + 64; // + HashMap entry
    }
    b += edges.bytes() + 29L * orgOf.length + 4L * lastLabel.length + 20L * defX.length
        + 8L * slotDirty.length + prompts.bytes() + 8L * opParent.length;
    return b;
  }

  /** Key map, per-slot arrays, rings and signer lists. */
  private long postingBytes() {
    long b = keySlot.bytes() + (long) slotKind.length * SLOT_BYTES;
    for (int s = 0; s < slotCount; s++) {
      if (slotRing[s] != null) {
        b += 16 + 4L * slotRing[s].length;
      }
      if (slotSigners[s] != null) {
        b += 16 + 4L * slotSigners[s].length;
      }
    }
    return b;
  }

  /** {@link #estimatedBytes()} split into accounts, their posted-key sets, postings and edges. */
  String costBreakdown() {
    long keySets = 0;
    long acct = 0;
    for (AccountState a : byIndex) {
      keySets += a.keys.bytes();
      acct += a.bytes() - a.keys.bytes() + 64;
    }
    long postings = postingBytes();
    int n = Math.max(1, byIndex.size());
    return String.format(Locale.ROOT,
        "per account: state %d B, posted keys %d B, postings %d B (%d keys), edges %d B (%d edges)",
        acct / n, keySets / n, postings / n, keySlot.size(), edges.bytes() / n, edges.size());
  }

  int accountCount() {
    return byIndex.size();
  }

  int edgeCount() {
    return edges.size();
  }

  long droppedEdges() {
    return droppedEdges;
  }

  /** Signature links made at a retry, after a full budget refused them ({@link #retryDeferred}). */
  long retriedEdges() {
    return retriedEdges;
  }

  // ------------------------------------------------------------------ helpers

  static long pairKey(int x, int y) {
    int lo = Math.min(x, y);
    int hi = Math.max(x, y);
    return ((long) lo << 32) | (hi & 0xffffffffL);
  }

  private static long hash(String s) {
    return XX3.hashChars(s);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }

  private static double clamp01(double v) {
    return v < 0 || Double.isNaN(v) ? 0 : Math.min(1, v);
  }
}
