package io.distillguard.core.profile;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.ingest.Exchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.openhft.hashing.LongHashFunction;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Streaming behaviour profile of one account, updated with each {@code (Exchange, ExchangeFeatures)}
 * in bounded memory and mergeable across partitions.
 *
 * <h2>What it keeps, and why this way</h2>
 *
 * Plain counters for everything the scorer turns into shares and log-scaled counts (reasoning
 * elicitation, meta-reasoning, grader and task-generation prompts, harvest parameters, multi-turn,
 * tool use and tool results, 429s and errors, long and short completions), a space-saving table of
 * {@value #MAX_STREAMS} system-prompt sub-streams (events, long outputs, elicitations each: the
 * mixture signal for a distillation client hidden in a reseller's traffic), Welford moments of inter-arrival gaps (for
 * their coefficient of variation), 24 hour-of-day counters, and a 64-bit bitmap of topic buckets.
 * Distinct counts (templates, prompts, system prompts, IPs, user agents, ASNs, tool sets, prompts
 * sent with logprobs/n > 1, newest tool results, agent tasks) use a
 * {@code DistinctCounter}, created on its first value: exact for up to 8 values, then a DataSketches
 * HLL_4 sketch. Top-template share uses a DataSketches frequent-items {@link LongsSketch}; the gap
 * distribution a KLL float sketch (k = {@value #KLL_K}) and completion lengths a 16-bucket log2
 * histogram (a second KLL would cost ~600 bytes at scale). Both sketches start as a few inline
 * values ({@code TopItems}, {@code GapSketch}) and are built only when an account outgrows them, by a
 * replay that yields the very sketch the stream would have built: estimates and bytes are unchanged.
 *
 * <h2>Space and accuracy</h2>
 *
 * A one-exchange account serialises to ~230 bytes; a 1M-event account with every distinct counter
 * saturated to ~1,700 bytes (measured in {@code AccountProfileTest}); on the heap the engine's whole
 * per-account state (profile, map entry, id, reasons) costs ~1.8 KiB on average over a {@code
 * mixed-week} population of ~18k small accounts ({@code bench}, 2026-11-27; 2.5 KiB before the
 * inline stages). HLL relative standard
 * error is {@code 1.04/sqrt(2^lgK)}: 6.5% for templates and prompts (lgK {@value #LGK_MAIN}), 9.2%
 * for IPs (lgK {@value #LGK_IP}), 13% for the rest (lgK {@value #LGK_SMALL}); exact below nine
 * distinct values. The frequent-items sketch holds {@value #TOP_MAP_SIZE} slots: an estimate's
 * error is at most {@code 3.5 * events / (0.75 * TOP_MAP_SIZE)} and in practice far less for a
 * dominant template.
 *
 * <p><b>Threading:</b> not thread-safe; one owner thread. Keeps no reference to attacker text:
 * strings are hashed (first {@value #MAX_HASHED_CHARS} chars) on the way in.
 */
public final class AccountProfile {

  /** Serialised format version written first by {@link #toBytes()}. */
  public static final int FORMAT_VERSION = 3;

  /** Feature strength at or above which an exchange counts as eliciting CoT / meta-reasoning. */
  public static final float STRONG = 0.5f;

  /** A completion counts as long at this many tokens, if also at least 2x the prompt. */
  public static final int LONG_OUTPUT_TOKENS = 300;

  /** A completion counts as short (labelling-style) at or below this many tokens. */
  public static final int SHORT_OUTPUT_TOKENS = 40;

  static final int LGK_MAIN = 8;
  static final int LGK_IP = 7;
  static final int LGK_SMALL = 6;
  static final int KLL_K = 8;
  static final int TOP_MAP_SIZE = 16;
  static final int MAX_MODELS = 8;
  /** System-prompt sub-streams tracked per account (space-saving: heavy hitters are kept). */
  static final int MAX_STREAMS = 8;
  static final int COMPLETION_BUCKETS = 16;
  static final int MAX_HASHED_CHARS = 256;
  /** Gaps longer than an hour are idle periods, not request cadence. */
  static final long MAX_GAP_MILLIS = 3_600_000L;

  private static final LongHashFunction HASH = LongHashFunction.xx3();
  private static final long ABSENT = Exchange.ABSENT;

  private long events;
  private long firstSeen = ABSENT;
  private long lastSeen = ABSENT;
  private long createdAt = ABSENT;
  private int verified = -1;
  private long verifiedAt = ABSENT;

  private long cot;
  private long meta;
  private long grader;
  private long taskGen;
  private long harvest;
  private int harvestFlagsSeen;
  private long harvestBits; // sum over exchanges of the number of harvest flags set
  private long logprobs;
  private long multiTurn;
  private final OwnTurns turns = new OwnTurns();
  private long toolUse;
  private long rateLimited;
  private long errors;
  private long completionKnown;
  private long completionTokens;
  private long longOutputs;
  private long shortOutputs;
  private long promptChars;
  private long cotFromSystem; // CoT cue only in the system prompt, completion not long
  private long elicit; // exchanges with any elicitation cue (CoT, meta, grader, task generation, harvest)
  private long toolResultExchanges;
  private long orphanToolResults;

  private long topics;
  private final int[] hours = new int[24];

  // Welford moments of inter-arrival gaps in seconds (capped at MAX_GAP_MILLIS).
  private long gapN;
  private double gapMean;
  private double gapM2;

  // Distinct counters, created on first value (most accounts never fill the tool and harvest ones),
  // indexed by the C_* constants in serialisation order. Distinct prompts sent with logprobs or n > 1
  // measure how much of the input space was harvested; tool results are the newest per request and
  // tool tasks the agent tasks those loops work on.
  private static final int C_TEMPLATES = 0;
  private static final int C_PROMPTS = 1;
  private static final int C_SYSTEMS = 2;
  private static final int C_IPS = 3;
  private static final int C_USER_AGENTS = 4;
  private static final int C_ASNS = 5;
  private static final int C_TOOLSETS = 6;
  private static final int C_HARVEST_PROMPTS = 7;
  private static final int C_TOOL_RESULTS = 8;
  private static final int C_TOOL_TASKS = 9;
  private static final int[] COUNTER_LGK = {
    LGK_MAIN, LGK_MAIN, LGK_SMALL, LGK_IP, LGK_SMALL, LGK_SMALL, LGK_SMALL, LGK_MAIN, LGK_MAIN, LGK_MAIN
  };
  private final DistinctCounter[] counters = new DistinctCounter[COUNTER_LGK.length];

  private TopItems topTemplates; // lazy
  private long topTemplateCount;
  private GapSketch gapsKll; // lazy
  // log2 histogram of completion tokens: bucket b holds [2^(b-1), 2^b); a KLL would cost ~600 bytes.
  // Int counts (half the heap), widened to longs if a bucket ever passes Integer.MAX_VALUE.
  private int[] completionHist = new int[COMPLETION_BUCKETS];
  private long[] completionHistWide; // non-null (and completionHist null) once widened

  // Models: small exact table of (hash, first seen, count) triples, bounded at MAX_MODELS; one
  // array rather than three saves two array headers per account.
  private long[] models = NONE;

  // System-prompt sub-streams (space-saving table): (hash, events, long outputs, elicitations).
  private long[] streams = NONE;
  private static final long[] NONE = new long[0];
  private static final int MODEL_STRIDE = 3;
  private static final int STREAM_STRIDE = 4;

  public AccountProfile() {}

  /** Adds one exchange. Exchanges should arrive in non-decreasing time; small disorder is tolerated. */
  public void update(Exchange e, ExchangeFeatures f) {
    long ts = e.tsMillis();
    events++;
    if (firstSeen == ABSENT) {
      firstSeen = ts;
      lastSeen = ts;
    } else {
      if (ts < firstSeen) {
        firstSeen = ts;
      }
      long gap = Math.min(MAX_GAP_MILLIS, Math.max(0, ts - lastSeen));
      addGap(gap / 1000.0);
      if (ts > lastSeen) {
        lastSeen = ts;
      }
    }
    hours[(int) Math.floorMod(Math.floorDiv(ts, 3_600_000L), 24L)]++;

    Exchange.AccountInfo acct = e.account();
    if (acct.createdAtMillis() != ABSENT && (createdAt == ABSENT || acct.createdAtMillis() < createdAt)) {
      createdAt = acct.createdAtMillis();
    }
    if (acct.verified() != -1 && (verifiedAt == ABSENT || ts >= verifiedAt)) {
      verified = acct.verified();
      verifiedAt = ts;
    }

    int status = e.response().status();
    if (status == 429) {
      rateLimited++;
    } else if (status >= 400) {
      errors++;
    }
    int ct = e.response().completionTokens();
    boolean isLong = false;
    if (ct >= 0) {
      completionKnown++;
      completionTokens += ct;
      float ratio = f.completionRatio();
      if (ct >= LONG_OUTPUT_TOKENS && (ratio < 0 || ratio >= 2f)) {
        longOutputs++;
        isLong = true;
      } else if (ct <= SHORT_OUTPUT_TOKENS) {
        shortOutputs++;
      }
      addCompletions(Math.min(COMPLETION_BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(ct)), 1);
    }
    promptChars += Math.max(0, f.promptChars());

    if (f.cotElicitation() >= STRONG) {
      cot++;
      // A fixed system-prompt cue is confirmed as harvesting by what it buys: long answers.
      if (f.cotFromSystem() && !isLong) {
        cotFromSystem++;
      }
    }
    if (f.metaReasoning() >= STRONG) {
      meta++;
    }
    if (f.graderPrompt()) {
      grader++;
    }
    if (f.taskGeneration()) {
      taskGen++;
    }
    if (f.harvestFlags() != 0) {
      harvest++;
      harvestFlagsSeen |= f.harvestFlags();
      harvestBits += Integer.bitCount(f.harvestFlags());
      if ((f.harvestFlags() & ExchangeFeatures.HARVEST_LOGPROBS) != 0) {
        logprobs++;
      }
      if ((f.harvestFlags() & (ExchangeFeatures.HARVEST_LOGPROBS | ExchangeFeatures.HARVEST_MULTI_N)) != 0
          && f.promptHash() != 0) {
        count(C_HARVEST_PROMPTS, f.promptHash());
      }
    }
    boolean elicits = f.cotElicitation() >= STRONG || f.metaReasoning() >= STRONG || f.graderPrompt()
        || f.taskGeneration() || f.harvestFlags() != 0;
    if (elicits) {
      elicit++;
    }
    if (f.systemHash() != 0) {
      addStream(f.systemHash(), 1, isLong ? 1 : 0, elicits ? 1 : 0);
    }
    if (f.toolResults() > 0) {
      toolResultExchanges++;
      if (f.orphanToolResult()) {
        orphanToolResults++;
      }
      count(C_TOOL_RESULTS, f.toolResultHash());
      if (f.taskHash() != 0) {
        count(C_TOOL_TASKS, f.taskHash());
      }
    }
    // Agent loops carry tool-call turns; only a follow-up of the account's own request counts as
    // conversation with a person (OwnTurns).
    if (turns.follows(f) && !f.toolUse()) {
      multiTurn++;
    }
    if (f.toolUse()) {
      toolUse++;
      count(C_TOOLSETS, toolsetHash(e.request().toolNames()));
    }
    topics |= 1L << (f.topicBucket() & 63);

    if (f.templateHash() != 0) {
      count(C_TEMPLATES, f.templateHash());
      if (topTemplates == null) {
        topTemplates = new TopItems(TOP_MAP_SIZE);
      }
      topTemplateCount = Math.max(topTemplateCount, topTemplates.update(f.templateHash()));
    }
    if (f.promptHash() != 0) {
      count(C_PROMPTS, f.promptHash());
    }
    if (f.systemHash() != 0) {
      count(C_SYSTEMS, f.systemHash());
    }
    Exchange.ClientInfo c = e.client();
    if (c.ip() != null) {
      count(C_IPS, hash(c.ip()));
    }
    if (c.userAgent() != null) {
      count(C_USER_AGENTS, hash(c.userAgent()));
    }
    if (c.asn() >= 0) {
      count(C_ASNS, c.asn() * 0x9E3779B97F4A7C15L + 1);
    }
    addModel(hash(e.model()), ts, 1);
  }

  /** Adds {@code n >= 0} completions to histogram bucket {@code b}, widening to longs on overflow. */
  void addCompletions(int b, long n) {
    if (completionHistWide == null) {
      long v = completionHist[b] + n;
      if (v >= 0 && v <= Integer.MAX_VALUE) {
        completionHist[b] = (int) v;
        return;
      }
      completionHistWide = new long[COMPLETION_BUCKETS];
      for (int i = 0; i < COMPLETION_BUCKETS; i++) {
        completionHistWide[i] = completionHist[i];
      }
      completionHist = null;
    }
    completionHistWide[b] += n;
  }

  /** Completions counted in histogram bucket {@code b}. */
  long completions(int b) {
    return completionHistWide != null ? completionHistWide[b] : completionHist[b];
  }

  private void count(int counter, long hash) {
    DistinctCounter c = counters[counter];
    if (c == null) {
      c = new DistinctCounter(COUNTER_LGK[counter]);
      counters[counter] = c;
    }
    c.update(hash);
  }

  private double distinct(int counter) {
    DistinctCounter c = counters[counter];
    return c == null ? 0 : c.estimate();
  }

  /**
   * Space-saving update: a new system prompt takes over the smallest slot when the table is full,
   * inheriting its count (an upper bound) but not its long/elicit counts, so a sub-stream carrying at
   * least 1/{@value #MAX_STREAMS} of the traffic is always tracked and its contrast never overstated.
   */
  private void addStream(long h, long count, long lng, long eli) {
    long[] t = streams;
    for (int i = 0; i < t.length; i += STREAM_STRIDE) {
      if (t[i] == h) {
        t[i + 1] += count;
        t[i + 2] += lng;
        t[i + 3] += eli;
        return;
      }
    }
    if (t.length < MAX_STREAMS * STREAM_STRIDE) {
      int i = t.length;
      t = java.util.Arrays.copyOf(t, i + STREAM_STRIDE);
      t[i] = h;
      t[i + 1] = count;
      t[i + 2] = lng;
      t[i + 3] = eli;
      streams = t;
      return;
    }
    int min = 0;
    for (int i = STREAM_STRIDE; i < t.length; i += STREAM_STRIDE) {
      if (t[i + 1] < t[min + 1]) {
        min = i;
      }
    }
    t[min] = h;
    t[min + 1] += count;
    t[min + 2] = lng;
    t[min + 3] = eli;
  }

  private void addGap(double seconds) {
    gapN++;
    double d = seconds - gapMean;
    gapMean += d / gapN;
    gapM2 += d * (seconds - gapMean);
    if (gapsKll == null) {
      gapsKll = new GapSketch(KLL_K);
    }
    gapsKll.update((float) seconds);
  }

  private void addModel(long h, long firstTs, long count) {
    long[] t = models;
    for (int i = 0; i < t.length; i += MODEL_STRIDE) {
      if (t[i] == h) {
        t[i + 2] += count;
        t[i + 1] = Math.min(t[i + 1], firstTs);
        return;
      }
    }
    if (t.length == MAX_MODELS * MODEL_STRIDE) {
      return; // bounded: an account cycling through more models than this gains nothing
    }
    int i = t.length;
    t = java.util.Arrays.copyOf(t, i + MODEL_STRIDE);
    t[i] = h;
    t[i + 1] = firstTs;
    t[i + 2] = count;
    models = t;
  }

  private static long hash(String s) {
    // Same value as HASH.hashChars(s, 0, n), read from a char[] copy: the library's char view of a
    // compact Latin-1 string is several times slower than hashing an array.
    int n = Math.min(s.length(), MAX_HASHED_CHARS);
    char[] buf = new char[n];
    s.getChars(0, n, buf, 0);
    return HASH.hashChars(buf);
  }

  /** Order-independent hash of the offered tool set (the schema identity, roughly). */
  private static long toolsetHash(List<String> names) {
    long h = 0x51ED270B27A8E5C3L;
    int n = Math.min(names.size(), 64);
    for (int i = 0; i < n; i++) {
      h += hash(names.get(i)) * 0x9E3779B97F4A7C15L;
    }
    return h;
  }

  // ---------------------------------------------------------------- merge and serialisation

  /**
   * Folds another profile of the same account into this one (e.g. two partitions' state). Counts add;
   * distinct counts and distributions union within their sketches' error; the gap boundary between
   * the two streams is not counted.
   */
  public void merge(AccountProfile o) {
    if (o.events == 0) {
      return;
    }
    events += o.events;
    firstSeen = minTime(firstSeen, o.firstSeen);
    lastSeen = lastSeen == ABSENT ? o.lastSeen : Math.max(lastSeen, o.lastSeen);
    createdAt = minTime(createdAt, o.createdAt);
    if (o.verifiedAt != ABSENT && (verifiedAt == ABSENT || o.verifiedAt > verifiedAt
        || (o.verifiedAt == verifiedAt && o.verified > verified))) {
      verified = o.verified;
      verifiedAt = o.verifiedAt;
    }
    cot += o.cot;
    meta += o.meta;
    grader += o.grader;
    taskGen += o.taskGen;
    harvest += o.harvest;
    harvestFlagsSeen |= o.harvestFlagsSeen;
    harvestBits += o.harvestBits;
    logprobs += o.logprobs;
    multiTurn += o.multiTurn;
    toolUse += o.toolUse;
    rateLimited += o.rateLimited;
    errors += o.errors;
    completionKnown += o.completionKnown;
    completionTokens += o.completionTokens;
    longOutputs += o.longOutputs;
    shortOutputs += o.shortOutputs;
    promptChars += o.promptChars;
    cotFromSystem += o.cotFromSystem;
    elicit += o.elicit;
    toolResultExchanges += o.toolResultExchanges;
    orphanToolResults += o.orphanToolResults;
    topics |= o.topics;
    for (int i = 0; i < 24; i++) {
      hours[i] += o.hours[i];
    }
    if (o.gapN > 0) {
      long n = gapN + o.gapN;
      double d = o.gapMean - gapMean;
      gapM2 = gapM2 + o.gapM2 + d * d * ((double) gapN * o.gapN / n);
      gapMean = gapMean + d * o.gapN / n;
      gapN = n;
    }
    for (int i = 0; i < counters.length; i++) {
      DistinctCounter theirs = o.counters[i];
      if (theirs != null) {
        if (counters[i] == null) {
          counters[i] = new DistinctCounter(COUNTER_LGK[i]);
        }
        counters[i].merge(theirs);
      }
    }
    long[] t = o.streams;
    for (int i = 0; i < t.length; i += STREAM_STRIDE) {
      addStream(t[i], t[i + 1], t[i + 2], t[i + 3]);
    }
    if (o.topTemplates != null) {
      if (topTemplates == null) {
        topTemplates = new TopItems(TOP_MAP_SIZE);
      }
      topTemplates.merge(o.topTemplates);
      topTemplateCount = topTemplates.maxEstimate();
    }
    if (o.gapsKll != null) {
      if (gapsKll == null) {
        gapsKll = new GapSketch(KLL_K);
      }
      gapsKll.merge(o.gapsKll);
    }
    for (int i = 0; i < COMPLETION_BUCKETS; i++) {
      addCompletions(i, o.completions(i));
    }
    long[] m = o.models;
    for (int i = 0; i < m.length; i += MODEL_STRIDE) {
      addModel(m[i], m[i + 1], m[i + 2]);
    }
    turns.merge(o.turns);
  }

  private static long minTime(long a, long b) {
    if (a == ABSENT) {
      return b;
    }
    return b == ABSENT ? a : Math.min(a, b);
  }

  /** Versioned compact binary form (see {@link #FORMAT_VERSION}); {@link #fromBytes} reads it back. */
  public byte[] toBytes() {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeByte(FORMAT_VERSION);
      Varints.writeUnsigned(out, events);
      Varints.writeSigned(out, firstSeen);
      Varints.writeSigned(out, lastSeen == ABSENT ? ABSENT : lastSeen - firstSeen);
      Varints.writeSigned(out, createdAt);
      out.writeByte(verified);
      Varints.writeSigned(out, verifiedAt);
      for (long v : new long[] {cot, meta, grader, taskGen, harvest, multiTurn, toolUse,
          rateLimited, errors, completionKnown, completionTokens, longOutputs, shortOutputs,
          promptChars, cotFromSystem, elicit, toolResultExchanges, orphanToolResults}) {
        Varints.writeUnsigned(out, v);
      }
      Varints.writeUnsigned(out, harvestFlagsSeen);
      Varints.writeUnsigned(out, harvestBits);
      Varints.writeUnsigned(out, logprobs);
      out.writeLong(topics);
      for (int h : hours) {
        Varints.writeUnsigned(out, h);
      }
      Varints.writeUnsigned(out, gapN);
      if (gapN > 0) {
        out.writeFloat((float) gapMean);
        out.writeDouble(gapM2);
      }
      for (int i = 0; i < counters.length; i++) {
        // an absent counter writes as the empty exact set it stands for
        (counters[i] == null ? new DistinctCounter(COUNTER_LGK[i]) : counters[i]).write(out);
      }
      writeBytes(out, topTemplates == null ? null : topTemplates.toByteArray());
      writeBytes(out, gapsKll == null ? null : gapsKll.toByteArray());
      for (int i = 0; i < COMPLETION_BUCKETS; i++) {
        Varints.writeUnsigned(out, completions(i));
      }
      out.writeByte(models.length / MODEL_STRIDE);
      for (int i = 0; i < models.length; i += MODEL_STRIDE) {
        out.writeLong(models[i]);
        Varints.writeSigned(out, models[i + 1] - firstSeen);
        Varints.writeUnsigned(out, models[i + 2]);
      }
      out.writeByte(streams.length / STREAM_STRIDE);
      for (int i = 0; i < streams.length; i += STREAM_STRIDE) {
        out.writeLong(streams[i]);
        Varints.writeUnsigned(out, streams[i + 1]);
        Varints.writeUnsigned(out, streams[i + 2]);
        Varints.writeUnsigned(out, streams[i + 3]);
      }
      turns.write(out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bos.toByteArray();
  }

  /**
   * Reads {@link #toBytes()} output.
   *
   * @throws IllegalArgumentException if the bytes are not a profile of a known version
   */
  public static AccountProfile fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("unsupported profile format version " + version);
      }
      AccountProfile p = new AccountProfile();
      p.events = Varints.readUnsigned(in);
      p.firstSeen = Varints.readSigned(in);
      long span = Varints.readSigned(in);
      p.lastSeen = span == ABSENT ? ABSENT : p.firstSeen + span;
      p.createdAt = Varints.readSigned(in);
      p.verified = in.readByte();
      p.verifiedAt = Varints.readSigned(in);
      p.cot = Varints.readUnsigned(in);
      p.meta = Varints.readUnsigned(in);
      p.grader = Varints.readUnsigned(in);
      p.taskGen = Varints.readUnsigned(in);
      p.harvest = Varints.readUnsigned(in);
      p.multiTurn = Varints.readUnsigned(in);
      p.toolUse = Varints.readUnsigned(in);
      p.rateLimited = Varints.readUnsigned(in);
      p.errors = Varints.readUnsigned(in);
      p.completionKnown = Varints.readUnsigned(in);
      p.completionTokens = Varints.readUnsigned(in);
      p.longOutputs = Varints.readUnsigned(in);
      p.shortOutputs = Varints.readUnsigned(in);
      p.promptChars = Varints.readUnsigned(in);
      p.cotFromSystem = Varints.readUnsigned(in);
      p.elicit = Varints.readUnsigned(in);
      p.toolResultExchanges = Varints.readUnsigned(in);
      p.orphanToolResults = Varints.readUnsigned(in);
      p.harvestFlagsSeen = (int) Varints.readUnsigned(in);
      p.harvestBits = Varints.readUnsigned(in);
      p.logprobs = Varints.readUnsigned(in);
      p.topics = in.readLong();
      for (int i = 0; i < 24; i++) {
        p.hours[i] = (int) Varints.readUnsigned(in);
      }
      p.gapN = Varints.readUnsigned(in);
      if (p.gapN > 0) {
        p.gapMean = in.readFloat();
        p.gapM2 = in.readDouble();
      }
      for (int i = 0; i < p.counters.length; i++) {
        DistinctCounter read = DistinctCounter.read(in, COUNTER_LGK[i]);
        if (read.estimate() > 0) {
          p.counters[i] = new DistinctCounter(COUNTER_LGK[i]);
          p.counters[i].merge(read);
        }
      }
      byte[] top = readBytes(in);
      if (top != null) {
        p.topTemplates = TopItems.of(TOP_MAP_SIZE, LongsSketch.getInstance(Memory.wrap(top)));
        p.topTemplateCount = p.topTemplates.maxEstimate();
      }
      byte[] g = readBytes(in);
      p.gapsKll = g == null ? null : GapSketch.of(KLL_K, KllFloatsSketch.heapify(Memory.wrap(g)));
      for (int i = 0; i < COMPLETION_BUCKETS; i++) {
        p.addCompletions(i, Varints.readUnsigned(in));
      }
      int models = in.readByte();
      if (models < 0 || models > MAX_MODELS) {
        throw new IOException("bad model count " + models);
      }
      for (int i = 0; i < models; i++) {
        long h = in.readLong();
        long first = p.firstSeen + Varints.readSigned(in);
        p.addModel(h, first, Varints.readUnsigned(in));
      }
      int streams = in.readByte();
      if (streams < 0 || streams > MAX_STREAMS) {
        throw new IOException("bad stream count " + streams);
      }
      for (int i = 0; i < streams; i++) {
        long h = in.readLong();
        long c = Varints.readUnsigned(in);
        long l = Varints.readUnsigned(in);
        long el = Varints.readUnsigned(in);
        if (l > c || el > c) {
          throw new IOException("bad stream counts");
        }
        p.addStream(h, c, l, el);
      }
      p.turns.read(in);
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return p;
    } catch (IOException | RuntimeException ex) {
      throw new IllegalArgumentException("not a valid account profile: " + ex.getMessage(), ex);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    Varints.writeUnsigned(out, b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int flag = in.readByte();
    if (flag == 0) {
      return null;
    }
    byte[] b = new byte[Varints.readLength(in, 1 << 20)];
    in.readFully(b);
    return b;
  }

  // ---------------------------------------------------------------- read side

  public long events() {
    return events;
  }

  /** Event time of the earliest exchange, or {@link Exchange#ABSENT}. */
  public long firstSeenMillis() {
    return firstSeen;
  }

  /** Event time of the latest exchange, or {@link Exchange#ABSENT}. */
  public long lastSeenMillis() {
    return lastSeen;
  }

  /** Account age when first seen (ms), or {@link Exchange#ABSENT} when no creation time was logged. */
  public long accountAgeAtFirstSightMillis() {
    return createdAt == ABSENT || firstSeen == ABSENT ? ABSENT : Math.max(0, firstSeen - createdAt);
  }

  /** Latest identity verification: 1 passed, 0 not passed, -1 unknown. */
  public int verified() {
    return verified;
  }

  public long cotCount() {
    return cot;
  }

  public long metaReasoningCount() {
    return meta;
  }

  public long graderCount() {
    return grader;
  }

  public long taskGenerationCount() {
    return taskGen;
  }

  public long harvestCount() {
    return harvest;
  }

  /** Sum over exchanges of the number of {@code HARVEST_*} flags each set (0..4 per exchange). */
  public long harvestFlagCount() {
    return harvestBits;
  }

  /** Exchanges that asked for log-probabilities. */
  public long logprobsCount() {
    return logprobs;
  }

  /** Union of {@code ExchangeFeatures.HARVEST_*} flags seen. */
  public int harvestFlagsSeen() {
    return harvestFlagsSeen;
  }

  /**
   * CoT exchanges whose cue sits only in the system prompt and whose completion was not long (counted
   * in {@link #cotCount()} too): a product's fixed instruction rather than bought reasoning.
   */
  public long cotFromSystemCount() {
    return cotFromSystem;
  }

  /** Exchanges carrying any elicitation cue: CoT, meta-reasoning, grader, task generation, harvest params. */
  public long elicitationCount() {
    return elicit;
  }

  /** Distinct prompts sent with log-probabilities or n > 1. */
  public double distinctHarvestPrompts() {
    return distinct(C_HARVEST_PROMPTS);
  }

  /** Exchanges that carried tool results. */
  public long toolResultExchangeCount() {
    return toolResultExchanges;
  }

  /** Exchanges with a tool result that no earlier assistant tool call in the history asked for. */
  public long orphanToolResultCount() {
    return orphanToolResults;
  }

  /** Distinct newest tool results over the exchanges that carried tool results. */
  public double distinctToolResults() {
    return distinct(C_TOOL_RESULTS);
  }

  /** Distinct agent tasks (first non-tool user turn) of exchanges carrying tool results. */
  public double distinctToolTasks() {
    return distinct(C_TOOL_TASKS);
  }

  /** Number of system-prompt sub-streams tracked (at most {@value #MAX_STREAMS}). */
  public int systemStreams() {
    return streams.length / STREAM_STRIDE;
  }

  /** Exchanges of tracked sub-stream {@code i} (an upper bound once the table has been full). */
  public long systemStreamEvents(int i) {
    return streams[i * STREAM_STRIDE + 1];
  }

  /** Long completions in tracked sub-stream {@code i}. */
  public long systemStreamLongOutputs(int i) {
    return streams[i * STREAM_STRIDE + 2];
  }

  /** Exchanges with an elicitation cue in tracked sub-stream {@code i}. */
  public long systemStreamElicitations(int i) {
    return streams[i * STREAM_STRIDE + 3];
  }

  /**
   * Exchanges following up one of the account's own earlier requests ({@link OwnTurns}), tool
   * loops excluded.
   */
  public long multiTurnCount() {
    return multiTurn;
  }

  public long toolUseCount() {
    return toolUse;
  }

  public long rateLimitedCount() {
    return rateLimited;
  }

  /** Error responses other than 429. */
  public long errorCount() {
    return errors;
  }

  public long completionTokensTotal() {
    return completionTokens;
  }

  /** Mean completion tokens over exchanges that reported them, or 0. */
  public double meanCompletionTokens() {
    return completionKnown == 0 ? 0 : (double) completionTokens / completionKnown;
  }

  public long completionKnownCount() {
    return completionKnown;
  }

  public long longOutputCount() {
    return longOutputs;
  }

  public long shortOutputCount() {
    return shortOutputs;
  }

  public double meanPromptChars() {
    return events == 0 ? 0 : (double) promptChars / events;
  }

  /** Bitmap of topic buckets seen. */
  public long topicBitmap() {
    return topics;
  }

  /** Number of distinct topic buckets seen, 0..64. */
  public int topicCount() {
    return Long.bitCount(topics);
  }

  public double distinctTemplates() {
    return distinct(C_TEMPLATES);
  }

  public double distinctPrompts() {
    return distinct(C_PROMPTS);
  }

  public double distinctSystemPrompts() {
    return distinct(C_SYSTEMS);
  }

  public double distinctIps() {
    return distinct(C_IPS);
  }

  public double distinctUserAgents() {
    return distinct(C_USER_AGENTS);
  }

  public double distinctAsns() {
    return distinct(C_ASNS);
  }

  /** Distinct tool sets offered (by order-independent hash of tool names). */
  public double distinctToolsets() {
    return distinct(C_TOOLSETS);
  }

  /** Estimated exchanges using the most frequent template (frequent-items estimate). */
  public long topTemplateCount() {
    return topTemplateCount;
  }

  /** Share of exchanges using the most frequent template, 0..1. */
  public double topTemplateShare() {
    return events == 0 ? 0 : Math.min(1.0, (double) topTemplateCount / events);
  }

  /** Number of inter-arrival gaps recorded (events - 1 for a single stream). */
  public long gapCount() {
    return gapN;
  }

  /** Mean inter-arrival gap in seconds (gaps capped at one hour). */
  public double gapMeanSeconds() {
    return gapMean;
  }

  /** Coefficient of variation of inter-arrival gaps (0 = metronome, ~1 = Poisson), or NaN. */
  public double gapCv() {
    if (gapN < 2 || gapMean <= 0) {
      return Double.NaN;
    }
    return Math.sqrt(Math.max(0, gapM2 / (gapN - 1))) / gapMean;
  }

  /** Quantile of inter-arrival gaps in seconds (KLL k = 8: normalised rank error ~30%), or NaN. */
  public double gapQuantile(double q) {
    return gapsKll == null || gapsKll.isEmpty() ? Double.NaN : gapsKll.quantile(q);
  }

  /**
   * Quantile of completion tokens from the log2 histogram (upper edge of the bucket holding the
   * quantile: within a factor of 2), or NaN.
   */
  public double completionTokensQuantile(double q) {
    if (completionKnown == 0) {
      return Double.NaN;
    }
    long target = (long) Math.ceil(Math.max(0, Math.min(1, q)) * completionKnown);
    long seen = 0;
    for (int b = 0; b < COMPLETION_BUCKETS; b++) {
      seen += completions(b);
      if (seen >= Math.max(1, target)) {
        return b == 0 ? 0 : (1L << b) - 1;
      }
    }
    return Double.MAX_VALUE;
  }

  /** Exchanges per hour-of-day (UTC), a copy. */
  public int[] hourCounts() {
    return hours.clone();
  }

  /** Entropy of the hour-of-day histogram divided by log(24): 0 = one hour, 1 = round the clock. */
  public double hourEntropy() {
    if (events == 0) {
      return 0;
    }
    double total = 0;
    for (int h : hours) {
      total += h;
    }
    double ent = 0;
    for (int h : hours) {
      if (h > 0) {
        double p = h / total;
        ent -= p * Math.log(p);
      }
    }
    return ent / Math.log(24);
  }

  public int distinctModels() {
    return models.length / MODEL_STRIDE;
  }

  /**
   * Share of exchanges on the model this account started using most recently, when it has used
   * more than one (a pivot to a newly released model shows as a high share); 0 otherwise.
   */
  public double newestModelShare() {
    if (models.length < 2 * MODEL_STRIDE || events == 0) {
      return 0;
    }
    int newest = 0;
    for (int i = MODEL_STRIDE; i < models.length; i += MODEL_STRIDE) {
      if (models[i + 1] > models[newest + 1]) {
        newest = i;
      }
    }
    return (double) models[newest + 2] / events;
  }

  /** Share of exchanges on the account's most used model (1 for a single-model account). */
  public double dominantModelShare() {
    if (events == 0 || models.length == 0) {
      return 1;
    }
    long max = 0;
    for (int i = 2; i < models.length; i += MODEL_STRIDE) {
      max = Math.max(max, models[i]);
    }
    return Math.min(1, (double) max / events);
  }

  /** {@code count / events}, 0 for an empty profile. */
  public double share(long count) {
    return events == 0 ? 0 : (double) count / events;
  }
}
