package io.distillguard.core.detect;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.profile.AccountProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an {@link AccountProfile} into a risk in [0, 1], a verdict and reasons.
 *
 * <h2>Model</h2>
 *
 * A logistic model over interpretable signals ({@link Signal}), each scaled to [0, 1]:
 *
 * <pre>
 *   log-odds = bias + g(n) * sum_i w_i * x_i        g(n) = n / (n + evidenceHalfEvents)
 *   risk     = 1 / (1 + exp(-log-odds))
 * </pre>
 *
 * The evidence gate {@code g(n)} shrinks every behavioural term towards the prior for accounts with
 * few exchanges: three exchanges that all ask for meta-reasoning are a curiosity, three hundred are
 * a harvest. Below {@code minEventsForDistillation} own events the risk is additionally capped just
 * under the distillation threshold. Shares capture concentrated attackers; log-scaled <em>excess
 * counts</em> (count above an ordinary-traffic base rate) let evidence accumulate for attackers
 * hidden inside a reseller's legitimate volume. Hard negatives get negative weights (multi-turn,
 * repeated prompts, short labelling-style outputs, one dominant template) and interaction signals
 * keep eval harnesses (CoT on repeated benchmark prompts) apart from CoT harvesters (CoT on diverse,
 * never-repeated tasks).
 *
 * <h2>Reasons</h2>
 *
 * Each term {@code g * w_i * x_i} is mapped to the risk scale with the secant slope of the sigmoid
 * between the prior and the final log-odds, so contributions add up exactly to {@code risk -
 * sigmoid(bias)} and keep their sign.
 *
 * <p><b>Threading:</b> holds scratch arrays; one instance per thread. {@link #risk} allocates nothing.
 */
public final class RiskScorer {

  /** Base rates of ordinary traffic above which counts become evidence (see the design note). */
  static final double META_BASE_RATE = 0.003;
  static final double COT_BASE_RATE = 0.03;
  static final double GENERATOR_BASE_RATE = 0.01;

  /**
   * Distinct logprobs/n>1 prompts an evaluation suite reaches (benchmarks x suffixes x turns: ~1,300
   * seen), and where the evidence saturates.
   */
  static final double HARVEST_PROMPTS_BASE = 2000;
  static final double HARVEST_PROMPTS_CAP = 6000;
  static final long MIN_TOOL_RESULTS = 20;
  static final double MIN_TOOL_TASKS = 10;
  static final double TOOL_TASKS_CAP = 200;
  static final long MIN_SUBSTREAM = 30;
  /** A sub-stream above ~80% of the traffic is the account's main product, not a hidden minority. */
  static final double MAX_SUBSTREAM_SHARE = 0.8;
  static final double SUBSTREAM_BASE = 25;
  static final double SUBSTREAM_CAP = 1000;
  /**
   * Shares of repeated prompts from which, and at which fully, even model rotation counts. An eval
   * run asking k models the same one-turn questions repeats 1 - 1/k of its prompts; with two-turn
   * benchmarks, whose second turns carry each model's own answer, half that (a third at three
   * models; the simulator's harnesses repeat 0.3). Below 0.1 are retries and the distinct-prompt
   * sketch's error (fresh prompts read as a few percent repeated).
   */
  static final double ROTATION_REPEAT_FROM = 0.1;
  static final double ROTATION_REPEAT_FULL = 0.3;

  private static final int N = Signal.count();
  private static final int MAX_REASONS = 8;
  private static final double MIN_REASON = 0.005;

  private final DetectorConfig config;
  private final double[] w = new double[N];
  private final double[] x = new double[N];
  private final double[] shown = new double[N];

  public RiskScorer(DetectorConfig config) {
    this.config = config;
    for (int i = 0; i < N; i++) {
      w[i] = config.weight(Signal.at(i));
    }
  }

  public DetectorConfig config() {
    return config;
  }

  /** Risk of the profile, without building reasons (allocation-free). */
  public double risk(AccountProfile p) {
    signals(p, x, shown);
    return riskOf(x, p.events());
  }

  /** Risk, verdict and reasons of the profile. */
  public Score score(AccountProfile p) {
    signals(p, x, shown);
    long n = p.events();
    double g = gate(n);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += w[i] * x[i];
    }
    double logit = config.bias() + g * sum;
    double risk = capped(sigmoid(logit), n);
    double base = sigmoid(config.bias());
    double slope =
        Math.abs(logit - config.bias()) > 1e-9 ? (risk - base) / (logit - config.bias()) : base * (1 - base);
    List<Reason> reasons = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double c = slope * g * w[i] * x[i];
      if (Math.abs(c) >= MIN_REASON) {
        Signal s = Signal.at(i);
        reasons.add(new Reason(s.json(), round(shown[i]), round(c), s.describe(shown[i])));
      }
    }
    if (reasons.size() > MAX_REASONS) {
      reasons.sort((a, b) -> Double.compare(Math.abs(b.contribution()), Math.abs(a.contribution())));
      reasons = new ArrayList<>(reasons.subList(0, MAX_REASONS));
    }
    reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
    if (g < 0.8) {
      reasons.add(
          new Reason(
              "evidence_strength",
              round(g),
              0,
              String.format(
                  Locale.ROOT, "Only %d exchanges so far, so behaviour counts %d%%", n, Math.round(g * 100))));
    }
    return new Score(risk, config.verdictOf(risk), List.copyOf(reasons));
  }

  /** Every signal's contribution on the risk scale (indexed by ordinal); they sum to risk - prior. */
  double[] contributions(AccountProfile p) {
    signals(p, x, shown);
    long n = p.events();
    double g = gate(n);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += w[i] * x[i];
    }
    double logit = config.bias() + g * sum;
    double risk = capped(sigmoid(logit), n);
    double base = sigmoid(config.bias());
    double slope =
        Math.abs(logit - config.bias()) > 1e-9 ? (risk - base) / (logit - config.bias()) : base * (1 - base);
    double[] c = new double[N];
    for (int i = 0; i < N; i++) {
      c[i] = slope * g * w[i] * x[i];
    }
    return c;
  }

  /**
   * Risk from signal values {@code x} (each in [0, 1], indexed by {@link Signal#ordinal()}) for an
   * account with {@code events} exchanges.
   */
  public double riskOf(double[] xs, long events) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += w[i] * xs[i];
    }
    return capped(sigmoid(config.bias() + gate(events) * sum), events);
  }

  private double capped(double risk, long events) {
    if (events < config.minEventsForDistillation() && risk >= config.distillationThreshold()) {
      return Math.nextDown(config.distillationThreshold());
    }
    return risk;
  }

  private double gate(long n) {
    return n <= 0 ? 0 : n / (n + config.evidenceHalfEvents());
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /**
   * Computes every signal of a profile: {@code x[i]} in [0, 1] is what the model weighs, {@code
   * display[i]} the raw value shown to people.
   */
  public static void signals(AccountProfile p, double[] x, double[] display) {
    long n = p.events();
    java.util.Arrays.fill(x, 0);
    java.util.Arrays.fill(display, 0);
    if (n == 0) {
      return;
    }
    double distinctPrompts = p.distinctPrompts();
    double diversity = distinctPrompts <= 0 ? 1 : clamp(distinctPrompts / n);
    // 48 of 64 buckets: a harvester sweeps nearly every area, a benchmark or product a few dozen.
    double breadth = clamp(p.topicCount() / 48.0);

    double meta = p.share(p.metaReasoningCount());
    set(x, display, Signal.META_REASONING_SHARE, meta, meta);
    double metaExcess = excess(p.metaReasoningCount(), META_BASE_RATE, n);
    set(x, display, Signal.META_REASONING_EXCESS, logScaled(metaExcess, 300), metaExcess);

    // A step-by-step cue fixed in the system prompt that does not buy long answers is a product's
    // instruction, not a per-request ask: it counts half in the share, not at all in volume/breadth.
    long ownCot = Math.max(0, p.cotCount() - p.cotFromSystemCount());
    double cot = p.share(ownCot) + 0.5 * p.share(p.cotCount() - ownCot);
    double ownCotShare = p.share(ownCot);
    // CoT on repeated prompts is what eval harnesses do; harvesters want new tasks every time.
    set(x, display, Signal.COT_ELICITATION_SHARE, cot * diversity, cot);
    double cotBreadth = ownCotShare * breadth * diversity;
    set(x, display, Signal.COT_WITH_BREADTH, cotBreadth, cotBreadth);
    double cotExcess = excess(ownCot, COT_BASE_RATE, n) * diversity;
    set(x, display, Signal.COT_EXCESS, logScaled(cotExcess, 1000), cotExcess);

    double grader = p.share(p.graderCount());
    set(x, display, Signal.GRADER_SHARE, grader, grader);
    double taskGen = p.share(p.taskGenerationCount());
    set(x, display, Signal.TASK_GENERATION_SHARE, taskGen, taskGen);
    double genExcess = excess(p.graderCount() + p.taskGenerationCount(), GENERATOR_BASE_RATE, n);
    set(x, display, Signal.GENERATOR_EXCESS, logScaled(genExcess, 300), genExcess);

    double harvest = p.share(p.harvestCount());
    // Intensity: logprobs + many samples + maximum length together count double one of them alone.
    // n > 1 on the same prompt again and again is self-consistency evaluation, not harvesting.
    double intensity = clamp(p.harvestFlagCount() / (2.0 * n));
    set(x, display, Signal.HARVEST_PARAMS_SHARE, intensity * diversity, harvest);
    // Log-probabilities on ever-new prompts are what logit distillation needs.
    double lp = p.share(p.logprobsCount());
    set(x, display, Signal.LOGPROBS_SHARE, lp * diversity, lp);
    set(x, display, Signal.TOPIC_BREADTH, breadth, p.topicCount() / 64.0);
    // How much of the input space was harvested with logprobs / n > 1, in absolute distinct prompts:
    // a benchmark's self-consistency runs re-ask a few hundred items, a harvester sweeps thousands.
    double hp = p.distinctHarvestPrompts();
    set(x, display, Signal.HARVEST_BREADTH,
        logScaled(hp - HARVEST_PROMPTS_BASE, HARVEST_PROMPTS_CAP) * breadth, hp);

    long tr = p.toolResultExchangeCount();
    if (tr >= MIN_TOOL_RESULTS) {
      // An agent loop's newest tool result is fresh output; fabricated ones come from a canned pool
      // and so repeat across unrelated tasks. Orphan results (no tool call before them) are made up.
      double reuse = clamp(1 - p.distinctToolResults() / tr);
      double orphan = (double) p.orphanToolResultCount() / tr;
      double fabricated = Math.max(reuse, orphan);
      double tasks = logScaled(p.distinctToolTasks() - MIN_TOOL_TASKS, TOOL_TASKS_CAP);
      set(x, display, Signal.TOOL_RESULT_FABRICATION, fabricated * tasks, fabricated);
    }
    double sub = minoritySubstream(p);
    set(x, display, Signal.MINORITY_SUBSTREAM, logScaled(sub - SUBSTREAM_BASE, SUBSTREAM_CAP), sub);

    long known = p.completionKnownCount();
    if (known > 0) {
      double longShare = (double) p.longOutputCount() / known;
      double shortShare = (double) p.shortOutputCount() / known;
      set(x, display, Signal.LONG_OUTPUT_SHARE, longShare, longShare);
      set(x, display, Signal.SHORT_OUTPUT_SHARE, shortShare, shortShare);
    }

    long age = p.accountAgeAtFirstSightMillis();
    if (age != Exchange.ABSENT) {
      double days = age / 86_400_000.0;
      set(x, display, Signal.ACCOUNT_YOUTH, clamp(1 - days / 30), days);
    }
    if (p.verified() == 0) {
      set(x, display, Signal.UNVERIFIED, 1, 1);
    }

    double ips = p.distinctIps();
    // Many addresses overall, or a new address every few requests: either looks like a proxy pool.
    double churn = log2Scaled(ips / 4, 64);
    if (n >= 10) {
      churn = Math.max(churn, clamp((ips - 2) / (0.25 * n)));
    }
    set(x, display, Signal.IP_CHURN, churn, ips);
    double asns = p.distinctAsns();
    set(x, display, Signal.ASN_SPREAD, log2Scaled(asns / 2, 32), asns);

    double cv = p.gapCv();
    if (p.gapCount() >= 20 && !Double.isNaN(cv)) {
      set(x, display, Signal.TIMING_REGULARITY, clamp(1 - cv), cv);
    }
    long span = p.lastSeenMillis() - p.firstSeenMillis();
    if (n >= 48 && span >= 20L * 3_600_000L) {
      double h = p.hourEntropy();
      set(x, display, Signal.ROUND_THE_CLOCK, clamp((h - 0.8) / 0.2), h);
    }
    double toolsets = p.distinctToolsets();
    set(x, display, Signal.TOOL_SCHEMA_DIVERSITY, log2Scaled(toolsets / 2, 64), toolsets);

    double limited = p.share(p.rateLimitedCount());
    set(x, display, Signal.RATE_LIMITED_SHARE, limited, limited);
    double multi = p.share(p.multiTurnCount());
    set(x, display, Signal.MULTI_TURN_SHARE, multi, multi);
    if (n >= 10 && distinctPrompts > 0) {
      set(x, display, Signal.PROMPT_REPEAT_SHARE, 1 - diversity, 1 - diversity);
      double dom = p.topTemplateShare();
      set(x, display, Signal.TEMPLATE_DOMINANCE, dom, dom);
      // Even rotation counts when prompts repeat, as an eval run compares models on the same
      // questions; across fresh prompts it is free to fake (harvest several models through one
      // account) and counts nothing. A pivot from one model to a new one (dominant >= 70%) does
      // not count either, as that is what release-day harvesters do.
      double rotation = 1 - p.dominantModelShare();
      double repeats =
          clamp((1 - diversity - ROTATION_REPEAT_FROM) / (ROTATION_REPEAT_FULL - ROTATION_REPEAT_FROM));
      set(x, display, Signal.MODEL_ROTATION, clamp((rotation - 0.3) / 0.4) * repeats, rotation);
    }
  }

  /**
   * Evidence of a distillation stream hidden in otherwise ordinary traffic: for each system-prompt
   * sub-stream that carries a minority of the account's exchanges, its size times how much more often
   * its completions are long, or its requests elicit reasoning/harvest, than the rest of the
   * account's. A single-purpose app (one system prompt for everything) has no "rest" and scores 0.
   */
  static double minoritySubstream(AccountProfile p) {
    long n = p.events();
    double best = 0;
    for (int i = 0; i < p.systemStreams(); i++) {
      long c = p.systemStreamEvents(i);
      long rest = n - c;
      if (c < MIN_SUBSTREAM || rest < MIN_SUBSTREAM) {
        continue;
      }
      double minority = clamp((MAX_SUBSTREAM_SHARE - (double) c / n) / 0.2);
      double longIn = (double) p.systemStreamLongOutputs(i) / c;
      double longOut = Math.max(0, p.longOutputCount() - p.systemStreamLongOutputs(i)) / (double) rest;
      double eliIn = (double) p.systemStreamElicitations(i) / c;
      double eliOut = Math.max(0, p.elicitationCount() - p.systemStreamElicitations(i)) / (double) rest;
      double contrast = Math.max(longIn - longOut, eliIn - eliOut);
      best = Math.max(best, c * clamp(contrast) * minority);
    }
    return best;
  }

  private static void set(double[] x, double[] display, Signal s, double xv, double shown) {
    x[s.ordinal()] = clamp(xv);
    display[s.ordinal()] = shown;
  }

  /**
   * Count above what ordinary traffic at {@code baseRate} would produce, beyond a 3-sigma Poisson
   * margin: a big honest account's natural rate must not read as accumulating evidence.
   */
  private static double excess(long count, double baseRate, long n) {
    double expected = baseRate * n;
    return Math.max(0, count - expected - 3 * Math.sqrt(expected));
  }

  /** log(1 + v) / log(1 + cap), clamped to [0, 1]. */
  private static double logScaled(double v, double cap) {
    return clamp(Math.log1p(Math.max(0, v)) / Math.log1p(cap));
  }

  /** log2(v) / log2(cap) for v >= 1, else 0, clamped. */
  private static double log2Scaled(double v, double cap) {
    return v <= 1 ? 0 : clamp(Math.log(v) / Math.log(cap));
  }

  private static double clamp(double v) {
    return !(v > 0) ? 0 : v > 1 ? 1 : v; // NaN -> 0: missing evidence, never a poisoned score
  }

  /**
   * One account's score.
   *
   * @param risk 0..1
   * @param verdict risk through the thresholds
   * @param reasons largest contribution first
   */
  public record Score(double risk, Verdict verdict, List<Reason> reasons) {
    public Score {
      if (!(risk >= 0 && risk <= 1)) {
        throw new IllegalArgumentException("risk must be in [0, 1]: " + risk);
      }
      reasons = List.copyOf(reasons);
    }
  }
}
