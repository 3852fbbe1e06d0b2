package io.distillguard.core.campaign;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FrameVariants;
import io.distillguard.core.ingest.Exchange;

/**
 * What the linker keeps per account: behaviour totals, an hourly activity ring, the evidence keys
 * already posted, and its place in the graph. Bounded: the ring has a fixed length, the key set a
 * hard cap, models at most {@link #MAX_MODELS}. Size ~0.3 KB + 16 B per posted key.
 */
final class AccountState {
  static final int MAX_MODELS = 8;
  static final int MAX_OTHER_SYSTEMS = 4;
  /**
   * Requests on its own prompt before an account can be committed to it with a smaller share of
   * its traffic, and before its behaviour is also read on that prompt's requests (and framed
   * requests before it is read on those).
   */
  static final int MIN_STREAM_EVENTS = 5;

  final int index;
  final String id;
  long orgHash;
  long firstMillis = Exchange.ABSENT;
  long lastMillis = Exchange.ABSENT;
  long events;
  double risk;
  double sumCot;
  double sumMeta;
  int harvest;
  int taskGen;
  int grader;
  long topics;
  long paymentHash;
  /**
   * The account's most sent system prompt (among the first {@code 1 + MAX_OTHER_SYSTEMS} it sent)
   * and how many of its requests carried exactly that one.
   */
  long domSystem;
  /** {@link PromptCanon}'s name for {@code domSystem}, 0 when it has no variants. */
  long domVariant;
  /**
   * {@code domSystem}'s near-duplicate keys, {@code NONE} when it has none: first its sentence
   * list without its stamps ({@code FrameVariants.sentences}; copies that differ only in a stamp
   * have the same), then that list less each sentence in turn. Kept whole, not just the first, so
   * the linker can tell a crowd's copy with a sentence added (a worker's own name) from one with a
   * sentence replaced (another company's copy of a framework prompt; {@code
   * GraphCampaignLinker.onCrowdCopy}).
   */
  FrameVariants domKeys = FrameVariants.NONE;
  /** The linker's recount at which {@code addsToCrowd} was worked out; -1 for never. */
  int crowdCheckedAt = -1;
  /** Whether {@code domKeys} is a crowd's copy with one sentence added, as of that recount. */
  boolean addsToCrowd;
  long domSystemCount;
  /** Requests that carried any system prompt (or, without one, an opening-paragraph frame). */
  long framed;
  /** The behaviour totals of {@link #record} over the {@code framed} requests. */
  double framedCot;
  double framedMeta;
  int framedHarvest;
  int framedTaskGen;
  /**
   * The behaviour totals of {@link #record} over the {@code domSince} requests that carried
   * {@code domSystem} since it became the dominant one.
   */
  long domSince;
  double domCot;
  double domMeta;
  int domHarvest;
  int domTaskGen;
  int domGrader;
  /**
   * Up to {@link #MAX_OTHER_SYSTEMS} other system prompts the account sent (raw hashes), null for
   * the usual account with at most one: the signature recount needs every account's occasional
   * prompts, judged on what is known about the account now, not when it first sent them.
   */
  long[] otherSystems;
  /** How many requests carried each of {@code otherSystems}. */
  int[] otherCounts;
  long createdAtMillis = Exchange.ABSENT;

  final byte[] bins;
  long lastHour = Long.MIN_VALUE;

  final LongSet keys = new LongSet();
  int contentKeys;
  int otherKeys;
  /** Distinct client IPs posted (capped by the key budget): many means a rotating proxy pool. */
  int ipKeys;
  /**
   * The model first seen recently that the account took up, having been active before it existed,
   * and its served requests since then: in all (0 until it took one up) and on that model.
   */
  long pivotModel;
  int sincePivot;
  int onPivot;
  /** Requests the account's profile counted as conversation (see {@code CampaignLinker.observe}). */
  long conversing;
  final long[] models = new long[MAX_MODELS];
  int modelCount;

  int degree;
  /** Internal cluster id of the last recluster, 0 when in none. */
  int cluster;
  CampaignAssessment campaign;
  long linkedFlagAt = Assessment.NEVER;

  AccountState(int index, String id, int windowHours) {
    this.index = index;
    this.id = id;
    this.bins = new byte[windowHours];
  }

  void record(long ts, ExchangeFeatures f, double accountRisk, boolean followsUp) {
    if (firstMillis == Exchange.ABSENT) {
      firstMillis = ts;
    }
    lastMillis = Math.max(lastMillis, ts);
    events++;
    risk = accountRisk;
    sumCot += clamp(f.cotElicitation());
    sumMeta += clamp(f.metaReasoning());
    if (f.hasHarvestParams()) {
      harvest++;
    }
    if (f.taskGeneration()) {
      taskGen++;
    }
    if (f.graderPrompt()) {
      grader++;
    }
    if (followsUp) {
      conversing++;
    }
    int topic = f.topicBucket();
    if (topic >= 0 && topic < 64) {
      topics |= 1L << topic;
    }
    tick(Math.floorDiv(ts, 3_600_000L));
  }

  private void tick(long hour) {
    int w = bins.length;
    if (lastHour == Long.MIN_VALUE) {
      lastHour = hour;
    } else if (hour > lastHour) {
      long clear = Math.min(hour - lastHour, w);
      for (long h = hour - clear + 1; h <= hour; h++) {
        bins[(int) Math.floorMod(h, w)] = 0;
      }
      lastHour = hour;
    } else if (hour <= lastHour - w) {
      return; // older than the ring: a late straggler, ignore
    }
    int i = (int) Math.floorMod(hour, w);
    if ((bins[i] & 0xff) < 255) {
      bins[i]++;
    }
  }

  /** Requests in the given hour, 0 outside the ring. */
  int bin(long hour) {
    if (lastHour == Long.MIN_VALUE || hour > lastHour || hour <= lastHour - bins.length) {
      return 0;
    }
    return bins[(int) Math.floorMod(hour, bins.length)] & 0xff;
  }

  /**
   * 0..1: how distillation-like the account's own traffic is (its risk or its CoT / meta-reasoning /
   * harvest / task-generation mix). Grading prompts are left out: eval harnesses send them too.
   */
  double behaviour() {
    if (events == 0) {
      return 0;
    }
    double share = share(events, sumCot, sumMeta, harvest, taskGen);
    if (domSince >= MIN_STREAM_EVENTS && committedToSystemPrompt()) {
      // Read on the prompt's own requests too: a worker that mixes plain chat into its traffic
      // halves its shares overall, not on the campaign's prompt.
      share = Math.max(share, share(domSince, domCot, domMeta, domHarvest, domTaskGen));
    }
    if (framed >= MIN_STREAM_EVENTS && framed * 10 >= events) {
      // And on its framed requests: a worker rotating a few prompts is committed to none of
      // them, and four chats in five without a prompt would cut its shares to a fifth.
      share = Math.max(share, share(framed, framedCot, framedMeta, framedHarvest, framedTaskGen));
    }
    return Math.max(risk, share);
  }

  private static double share(long events, double cot, double meta, int harvest, int taskGen) {
    double n = events;
    return Math.max(Math.max(cot / n, meta / n), Math.max(harvest / n, taskGen / n));
  }

  /**
   * Whether the account sends one system prompt on (nearly) every request, as an application or a
   * scripted campaign worker does, unlike a person who pastes a popular prompt now and then. Once
   * it has sent the prompt {@value #MIN_STREAM_EVENTS} times, two in three of its prompted requests
   * and one in ten of all are enough: a worker that hid its prompt under half its traffic in plain
   * chat (and then four in five: heavy cover) was committed to nothing, and a low-and-slow campaign
   * linked only by its prompt came apart. Not a bare majority of prompted requests: a hydra worker
   * rotating two or three public prompts, one of them a low-and-slow campaign's, then looked
   * committed to it and joined the two (mixed-week seed 17). Every other frame counts against the
   * prompt, those sent once too: an eval harness whose questions open with paragraphs of their own
   * sends its judge prompt on one request in seven, and with only repeated frames counted the
   * harnesses sharing that public judge prompt were committed to it and linked. Under two in five,
   * never to a prompt used mostly for grading: that is an eval harness's LLM-as-judge call between
   * its questions, and 15 harnesses committed to one public judge prompt were briefly a campaign at
   * {@code distillation} (mixed-week seed 17, minutes into the week).
   *
   * <p>Two in three of the framed requests is too strict where the cover chat often opens with a
   * paragraph of its own: mixed-week seed 11's slow workers under heavy cover sent their prompt on
   * 5 to 20 of 8 to 36 framed requests, the rest one-off paragraphs, and 13 never committed. So,
   * once sent 10 times, a prompt also dominates when it was sent four times as often as the other
   * tracked frames that were sent more than once, together, and at least as often as all untracked
   * frames, unless it is used mostly for grading. These keep rotators out: hydra workers favouring
   * one of four public prompts, the one a low-and-slow campaign sends (mixed-week seed 17), were
   * committed to it at "twice any other frame", and both hydras and the campaign became one; at
   * "twice the repeated frames" a few still were, early in their life (13 of 20 requests on it, the
   * others 3, 3 and 1); before 10 sends a rotator's other prompts are one-offs too; and a rotator's
   * other prompts seen after its five slots were full are untracked.
   */
  boolean committedToSystemPrompt() {
    return domSystem != 0
        && (domSystemCount * 5 >= events * 4
            || (domSystemCount >= MIN_STREAM_EVENTS
                && dominatesFrames()
                && (domSystemCount * 5 >= events * 2
                    || (domSystemCount * 10 >= events && domGrader * 2 < domSince))));
  }

  private boolean dominatesFrames() {
    if (domSystemCount * 3 >= framed * 2) {
      return true;
    }
    if (otherCounts == null || domSystemCount < 2 * MIN_STREAM_EVENTS || domGrader * 2 >= domSince) {
      return false;
    }
    long tracked = domSystemCount;
    long repeated = 0;
    for (int c : otherCounts) {
      tracked += c;
      repeated += c > 1 ? c : 0;
    }
    return domSystemCount >= 4 * repeated && domSystemCount >= framed - tracked;
  }

  /** Records the frame of one request's system prompt (0 for none) after {@link #record}. */
  void recordSystem(long systemHash, long variant, ExchangeFeatures f) {
    if (systemHash == 0) {
      return;
    }
    framed++;
    framedCot += clamp(f.cotElicitation());
    framedMeta += clamp(f.metaReasoning());
    framedHarvest += f.hasHarvestParams() ? 1 : 0;
    framedTaskGen += f.taskGeneration() ? 1 : 0;
    if (domSystem == 0) {
      domSystem = systemHash; // its group is read just below
      setDomKeys(f);
    }
    if (systemHash == domSystem) {
      domVariant = variant; // its group may have been merged into another since (PromptCanon.hub)
      countOnDominant(f);
      return;
    }
    if (otherSystems == null) {
      otherSystems = new long[MAX_OTHER_SYSTEMS];
      otherCounts = new int[MAX_OTHER_SYSTEMS];
    }
    for (int i = 0; i < MAX_OTHER_SYSTEMS; i++) {
      if (otherSystems[i] == 0) {
        otherSystems[i] = systemHash;
        otherCounts[i] = 1;
        return;
      }
      if (otherSystems[i] == systemHash) {
        int n = ++otherCounts[i];
        if (n > domSystemCount) {
          // The first prompt is not always the account's own: a worker whose first request was
          // plain chat opening with a paragraph of its own was tied to that paragraph, and counted
          // as an occasional user of its campaign's prompt (heavy cover). The behaviour on the
          // prompt is read from the swap on.
          otherSystems[i] = domSystem;
          otherCounts[i] = (int) Math.min(domSystemCount, Integer.MAX_VALUE);
          domSystem = systemHash;
          domVariant = variant;
          setDomKeys(f);
          domSystemCount = n - 1;
          domSince = 0;
          domCot = 0;
          domMeta = 0;
          domHarvest = 0;
          domTaskGen = 0;
          domGrader = 0;
          countOnDominant(f);
        }
        return;
      }
    }
  }

  private void setDomKeys(ExchangeFeatures f) {
    domKeys = f.frameVariants();
    crowdCheckedAt = -1;
  }

  private void countOnDominant(ExchangeFeatures f) {
    domSystemCount++;
    domSince++;
    domCot += clamp(f.cotElicitation());
    domMeta += clamp(f.metaReasoning());
    domHarvest += f.hasHarvestParams() ? 1 : 0;
    domTaskGen += f.taskGeneration() ? 1 : 0;
    domGrader += f.graderPrompt() ? 1 : 0;
  }

  /**
   * Took up a new model and kept most of its traffic there since: moved to it. Everybody tries a
   * release; an operation retargeting it moves.
   */
  boolean moved() {
    return sincePivot > 0 && 2L * onPivot >= sincePivot;
  }

  boolean hasModel(long h) {
    for (int i = 0; i < modelCount; i++) {
      if (models[i] == h) {
        return true;
      }
    }
    return false;
  }

  void addModel(long h) {
    if (modelCount < MAX_MODELS) {
      models[modelCount++] = h;
    }
  }

  long bytes() {
    // domKeys is often shared with other accounts (the extractor memoises per text): counted whole
    return 280L + bins.length + keys.bytes() + (id.length() * 2L + 40)
        + (otherSystems == null ? 0 : 32 + 12L * MAX_OTHER_SYSTEMS)
        + (domKeys.size() == 0 ? 0 : 32 + 8L * domKeys.size());
  }

  private static double clamp(float v) {
    return v > 0 ? Math.min(v, 1f) : 0; // NaN and negatives count as 0
  }
}
