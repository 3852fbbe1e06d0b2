package io.distillguard.core.engine;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.campaign.CampaignLinker;
import io.distillguard.core.campaign.CampaignLinkers;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.RiskScorer;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.profile.AccountProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The streaming detection engine: features per exchange, a profile per account, a logistic risk
 * re-scored on every exchange, and campaign linking across accounts.
 *
 * <h2>Streaming semantics</h2>
 *
 * Every exchange updates its account's {@link AccountProfile}; the account is re-scored on
 * every exchange up to 256 exchanges and on every 4th after that (the risk is allocation-free and
 * O(number of signals)), so a flag time is the event at which the crossing was seen, at most 3 of
 * the account's exchanges late for large accounts and exact for the rest. An account's {@code firstFlaggedAtMillis} is the event time at
 * which its own risk first reached the distillation threshold, or the campaign linker's {@link
 * CampaignLinker#linkedFlagTime} if that is earlier; nothing looks ahead. {@code eventsBeforeFlag}
 * counts the account's exchanges processed up to and including the flagging one. When a linker flag
 * is only discovered after the account's last exchange, its event count is interpolated over the
 * account's active span (documented approximation).
 *
 * <p>Reasons (sentences) are rebuilt only when the verdict changes, on the first exchange, and
 * every 64 exchanges after that; the risk itself is always current. {@link #assessment} and {@link
 * #assessments} rebuild them fresh.
 *
 * <p><b>Threading:</b> not thread-safe; confine to one thread. <b>Time:</b> from events only.
 */
public final class DetectionEngine implements ExchangeDetector {

  private static final int EAGER_REASONS_EVENTS = 1;
  private static final int REASONS_EVERY = 64;
  /** Accounts up to this many events are re-scored on every event, larger ones every 4th. */
  private static final int SCORE_EVERY_EVENT_UP_TO = 256;
  private static final int LARGE_ACCOUNT_SCORE_MASK = 3;

  private final DetectorConfig config;
  private final RiskScorer scorer;
  private final CampaignLinker linker; // null = no campaigns
  private final Function<Exchange, ExchangeFeatures> extractor;
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final ReasonCache reasonCache = new ReasonCache();
  private long events;

  private DetectionEngine(
      DetectorConfig config, CampaignLinker linker, Function<Exchange, ExchangeFeatures> extractor) {
    this.config = Objects.requireNonNull(config, "config");
    this.scorer = new RiskScorer(config);
    this.linker = linker;
    this.extractor = Objects.requireNonNull(extractor, "extractor");
  }

  /**
   * An engine with the given config and campaign linker.
   *
   * @param linkerOrNull the campaign linker, or null to run without campaigns
   */
  public static DetectionEngine create(DetectorConfig config, CampaignLinker linkerOrNull) {
    FeatureExtractor fx = new FeatureExtractor();
    return new DetectionEngine(config, linkerOrNull, fx::extract);
  }

  /** An engine with a given feature function (tests build features by hand). */
  static DetectionEngine create(
      DetectorConfig config, CampaignLinker linkerOrNull, Function<Exchange, ExchangeFeatures> fx) {
    return new DetectionEngine(config, linkerOrNull, fx);
  }

  /** An engine with {@link DetectorConfig#defaults()} and the default campaign linker. */
  public static DetectionEngine create() {
    DetectorConfig c = DetectorConfig.defaults();
    return create(c, CampaignLinkers.createDefault(c));
  }

  /** Per-account mutable state; package-private so tests in this package can inspect it. */
  static final class AccountState {
    final String accountId;
    final AccountProfile profile = new AccountProfile();
    double ownRisk;
    Verdict ownVerdict = Verdict.BENIGN;
    List<Reason> reasons = List.of();
    long reasonsAtEvents;
    long ownFlagAt = Assessment.NEVER;
    long ownEventsBefore = -1;
    Linked linked; // null until the linker flags the account or puts it in a campaign

    AccountState(String accountId) {
      this.accountId = accountId;
    }

    Linked linked() {
      if (linked == null) {
        linked = new Linked();
      }
      return linked;
    }

    long linkedFlagAt() {
      return linked == null ? Assessment.NEVER : linked.flagAt;
    }
  }

  /**
   * Campaign state of an account, allocated only for the accounts the linker touches (most accounts
   * never are, and these fields would cost every one of them ~30 bytes).
   */
  static final class Linked {
    long flagAt = Assessment.NEVER;
    long eventsBefore = -1;
    // Campaign members: the combined reason list, rebuilt only when the campaign value or the own
    // reasons change (String.format per event would dominate the cost of a member's exchange).
    CampaignAssessment cachedCampaign;
    List<Reason> cachedOwnReasons;
    List<Reason> cachedCombined;
  }

  @Override
  public Assessment observe(Exchange exchange) {
    return observe(exchange, extractor.apply(exchange));
  }

  /** As {@link #observe(Exchange)}, for callers that already extracted the exchange's features. */
  public Assessment observe(Exchange exchange, ExchangeFeatures features) {
    events++;
    AccountState s = accounts.computeIfAbsent(exchange.accountId(), AccountState::new);
    AccountProfile p = s.profile;
    long conversing = p.multiTurnCount();
    p.update(exchange, features);
    long n = p.events();
    // A large account's shares move by < 0.4% per event, so scoring every 4th event delays a flag
    // by at most 3 of its exchanges; the flag time is still that of a real event, never earlier.
    double risk =
        n <= SCORE_EVERY_EVENT_UP_TO || (n & LARGE_ACCOUNT_SCORE_MASK) == 0 ? scorer.risk(p) : s.ownRisk;
    Verdict v = config.verdictOf(risk);
    if (v == Verdict.DISTILLATION && s.ownFlagAt == Assessment.NEVER) {
      s.ownFlagAt = exchange.tsMillis();
      s.ownEventsBefore = n;
    }
    boolean refresh =
        n <= EAGER_REASONS_EVENTS || v != s.ownVerdict || n - s.reasonsAtEvents >= REASONS_EVERY;
    s.ownRisk = risk;
    s.ownVerdict = v;
    if (refresh) {
      refreshReasons(s);
    }
    CampaignAssessment campaign = null;
    if (linker != null) {
      linker.observe(exchange, features, risk, p.multiTurnCount() > conversing);
      if (s.linkedFlagAt() == Assessment.NEVER) {
        long t = linker.linkedFlagTime(s.accountId);
        if (t != Assessment.NEVER) {
          Linked l = s.linked();
          l.flagAt = t;
          // linked on another account's exchange before this one: estimate how many of ours preceded
          l.eventsBefore = t >= exchange.tsMillis() ? n : interpolatedEvents(p, t);
        }
      }
      campaign = linker.campaignOf(s.accountId);
    }
    return view(s, campaign);
  }

  private void refreshReasons(AccountState s) {
    RiskScorer.Score score = scorer.score(s.profile);
    s.reasons = reasonCache.intern(score.reasons());
    s.reasonsAtEvents = s.profile.events();
  }

  private Assessment view(AccountState s, CampaignAssessment campaign) {
    double risk = s.ownRisk;
    List<Reason> reasons = s.reasons;
    String campaignId = null;
    if (campaign != null) {
      campaignId = campaign.campaignId();
      risk = Math.max(risk, campaign.risk());
      Linked l = s.linked();
      if (l.cachedCampaign != campaign || l.cachedOwnReasons != reasons) {
        List<Reason> r = new ArrayList<>(reasons.size() + 1);
        r.add(membershipReason(campaign, s.ownRisk));
        r.addAll(reasons);
        r.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
        l.cachedCampaign = campaign;
        l.cachedOwnReasons = reasons;
        l.cachedCombined = List.copyOf(r);
      }
      reasons = l.cachedCombined;
    }
    long flagAt = s.ownFlagAt;
    long before = s.ownEventsBefore;
    long linkedAt = s.linkedFlagAt();
    boolean byCampaign = linkedAt != Assessment.NEVER && (flagAt == Assessment.NEVER || linkedAt < flagAt);
    if (byCampaign) {
      flagAt = linkedAt;
      before = s.linked.eventsBefore;
    }
    // A member gets its campaign's verdict when that is the graver: campaign risk is a noisy-OR
    // with its own thresholds, so a campaign flagged at 0.82 must not leave its members
    // "suspicious" under the account model's 0.85 while their first_flagged_at is set.
    Verdict verdict = config.verdictOf(risk);
    if (campaign != null && campaign.verdict().ordinal() < verdict.ordinal()) {
      verdict = campaign.verdict();
    }
    return new Assessment(
        s.accountId, risk, verdict, reasons, campaignId, s.profile.events(), flagAt, before, byCampaign);
  }

  private static Reason membershipReason(CampaignAssessment c, double ownRisk) {
    String evidence = c.reasons().isEmpty() ? "linked by shared evidence" : c.reasons().get(0).detail();
    if (evidence.length() > 160) {
      evidence = evidence.substring(0, 160) + "...";
    }
    String detail =
        String.format(
            Locale.ROOT,
            "Member of %s (%d accounts, campaign risk %.2f): %s",
            c.campaignId(),
            c.accounts().size(),
            c.risk(),
            evidence);
    double contribution = Math.max(0, c.risk() - ownRisk);
    return new Reason("campaign_membership", Math.round(c.risk() * 1000) / 1000.0,
        Math.round(contribution * 1000) / 1000.0, detail);
  }

  /** The final view of an account (fresh reasons, campaign inheritance), or null if never seen. */
  @Override
  public Assessment assessment(String accountId) {
    AccountState s = accounts.get(accountId);
    if (s == null) {
      return null;
    }
    return finalView(s);
  }

  private Assessment finalView(AccountState s) {
    refreshReasons(s);
    CampaignAssessment campaign = null;
    if (linker != null) {
      if (s.linkedFlagAt() == Assessment.NEVER) {
        long t = linker.linkedFlagTime(s.accountId);
        if (t != Assessment.NEVER) {
          Linked l = s.linked();
          l.flagAt = t;
          l.eventsBefore = interpolatedEvents(s.profile, t);
        }
      }
      campaign = linker.campaignOf(s.accountId);
    }
    return view(s, campaign);
  }

  /** Exchanges of the account up to time t, interpolated over its active span. */
  private static long interpolatedEvents(AccountProfile p, long t) {
    long first = p.firstSeenMillis();
    long last = p.lastSeenMillis();
    long n = p.events();
    if (t >= last || last <= first) {
      return n;
    }
    if (t <= first) {
      return 1;
    }
    return Math.max(1, Math.min(n, Math.round((double) n * (t - first) / (last - first))));
  }

  /**
   * Every account seen, with its final view: fresh reasons, and risk {@code max(own, campaign)} for
   * campaign members. Triggers the linker's final reclustering first.
   */
  public Collection<Assessment> assessments() {
    if (linker != null) {
      linker.campaigns();
    }
    List<Assessment> out = new ArrayList<>(accounts.size());
    for (AccountState s : accounts.values()) {
      out.add(finalView(s));
    }
    return out;
  }

  /** All campaigns, highest risk first; empty without a linker. */
  public List<CampaignAssessment> campaigns() {
    return linker == null ? List.of() : linker.campaigns();
  }

  /** Exchanges observed. */
  public long events() {
    return events;
  }

  /** Accounts seen. */
  public int accountCount() {
    return accounts.size();
  }

  /** The account's profile (live object: do not mutate), or null. */
  public AccountProfile profile(String accountId) {
    AccountState s = accounts.get(accountId);
    return s == null ? null : s.profile;
  }

  public DetectorConfig config() {
    return config;
  }
}
