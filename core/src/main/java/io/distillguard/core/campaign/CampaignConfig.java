package io.distillguard.core.campaign;

import io.distillguard.core.detect.DetectorConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Settings of the campaign linker. The values live in the versioned {@code detector-config.json}
 * ({@link #defaults()}, {@link #from}); the defaults below are that file's, and the design doc {@code
 * docs/design-campaigns.md} explains each one. Times are event-time milliseconds.
 *
 * @param reclusterIntervalMillis event time between two reclusterings (default 15 min)
 * @param minCampaignSize smallest linked group published as a campaign (default 3)
 * @param postingCapacity accounts remembered per evidence key (the most recent ones, default 48)
 * @param maxEdgesPerAccount link edges kept per account (default 48)
 * @param maxContentKeysPerAccount distinct template / system-prompt / SimHash-band keys tracked per
 *     account (default 72; with the other keys at most 96, which fit a 128-slot key set)
 * @param maxOtherKeysPerAccount distinct payment, network, creation and pivot keys per account
 *     (default 24)
 * @param contentSoftDf number of accounts at which a template key's weight halves (default 60)
 * @param contentMaxDf accounts beyond which a template key is popular and links nobody (default 400)
 * @param infraSoftDf accounts at which an IP / network key's weight halves (default 8)
 * @param infraMaxDf accounts beyond which an IP / network key links nobody (default 200)
 * @param paymentMaxDf accounts beyond which a payment fingerprint links nobody (default 500)
 * @param creationBucketMillis width of the account-creation burst bucket (default 10 min)
 * @param creationSoftDf accounts per creation bucket at which its weight halves (default 50)
 * @param creationMaxDf accounts per creation bucket beyond which it links nobody (default 2000)
 * @param pivotNewModelMillis how long after its first sighting a model counts as new (default 2 d)
 * @param pivotBucketMillis width of the joint-pivot bucket (default 1 h)
 * @param activityWindowHours hourly activity bins kept per account for correlation (default 72)
 * @param minActiveHours active hours both accounts need before their correlation counts (default 4)
 * @param syncMinCorrelation Pearson r above which activity counts as synchronised (default 0.8)
 * @param groupThreshold score one evidence group needs on an edge to count as present (default 0.5)
 * @param strongContent campaign-signature score (content shared by distilling accounts and almost
 *     no benign ones) that, with distillation behaviour on both ends, links alone (default 0.6)
 * @param behaviourMin per-account behaviour needed for the content-plus-behaviour path (default 0.5)
 * @param edgeHalfLifeMillis half-life of accumulated edge evidence (default 14 d)
 * @param suspiciousThreshold campaign risk from which a campaign is published (default 0.5); its
 *     own setting, because campaign risk is a noisy-OR of campaign factors, not the account model's
 *     logistic risk
 * @param distillationThreshold campaign risk from which it is flagged (default 0.8)
 * @param bridgeShare two linked groups of at least {@code minCampaignSize} accounts whose links to
 *     each other close no triangle merge only with at least max(2, this share of the smaller group)
 *     such links (default 0.1; see {@code LinkClusters})
 * @param behaviourWeight campaign-risk weight of the members' joint distillation behaviour (0.8)
 * @param memberRiskWeight campaign-risk weight of the members' mean risk (0.6)
 * @param linkWeight campaign-risk weight of link strength: kinds of evidence and size (0.35)
 * @param coverageWeight campaign-risk weight of complementary task coverage (0.25)
 * @param coordinationWeight campaign-risk weight of many accounts acting as one above the median
 *     account's risk (0.85)
 * @param pivotWeight campaign-risk weight of the share of members that moved to a new release
 *     together (0.45)
 * @param coordinationFullSize campaign size from which coordination counts fully (50)
 * @param uncorroboratedFullSize size from which a group linked only by templates or a release pivot
 *     gets its joint behaviour counted fully (10)
 * @param coordinationLiftFloor members' mean risk over the median account's from which coordination
 *     counts at all (1.5)
 * @param coordinationLiftSpan how far above the floor that ratio must be for coordination to count
 *     fully, for a tied group of {@code coordinationFullSize}; larger tied groups need less, by the
 *     square root of their size (2.5)
 * @param separateOperationMinSize accounts tied to one another by shared cards or exits (or by a
 *     creation burst with a joint pivot or correlated activity) from which they are an operation of
 *     their own, which a prompt shared with accounts outside it does not join to them (20)
 * @param independentConversationShare share of the members' requests following up their own
 *     earlier ones (conversation with a person) at which they count fully as people talking, for
 *     the independence discount; from half of it in part (0.15)
 * @param independentCreationSpread spread of the members' account-creation dates (interquartile
 *     range) over all accounts' at which they count fully as accounts opened independently; from
 *     half of it in part (0.5)
 */
public record CampaignConfig(
    long reclusterIntervalMillis,
    int minCampaignSize,
    int postingCapacity,
    int maxEdgesPerAccount,
    int maxContentKeysPerAccount,
    int maxOtherKeysPerAccount,
    double contentSoftDf,
    int contentMaxDf,
    double infraSoftDf,
    int infraMaxDf,
    int paymentMaxDf,
    long creationBucketMillis,
    double creationSoftDf,
    int creationMaxDf,
    long pivotNewModelMillis,
    long pivotBucketMillis,
    int activityWindowHours,
    int minActiveHours,
    double syncMinCorrelation,
    double groupThreshold,
    double strongContent,
    double behaviourMin,
    long edgeHalfLifeMillis,
    double suspiciousThreshold,
    double distillationThreshold,
    double bridgeShare,
    double behaviourWeight,
    double memberRiskWeight,
    double linkWeight,
    double coverageWeight,
    double coordinationWeight,
    double pivotWeight,
    double coordinationFullSize,
    double uncorroboratedFullSize,
    double coordinationLiftFloor,
    double coordinationLiftSpan,
    int separateOperationMinSize,
    double independentConversationShare,
    double independentCreationSpread) {

  public CampaignConfig {
    positive("reclusterIntervalMillis", reclusterIntervalMillis);
    if (minCampaignSize < 2) {
      throw new IllegalArgumentException("minCampaignSize must be >= 2: " + minCampaignSize);
    }
    // Per-key and per-account budgets are what bound the linker's memory: a config file must not be
    // able to lift them past what a 100k-account deployment can hold.
    range("postingCapacity", postingCapacity, MAX_BUDGET);
    range("maxEdgesPerAccount", maxEdgesPerAccount, MAX_BUDGET);
    range("maxContentKeysPerAccount", maxContentKeysPerAccount, MAX_BUDGET);
    range("maxOtherKeysPerAccount", maxOtherKeysPerAccount, MAX_BUDGET);
    positive("contentSoftDf", contentSoftDf);
    positive("contentMaxDf", contentMaxDf);
    positive("infraSoftDf", infraSoftDf);
    positive("infraMaxDf", infraMaxDf);
    positive("paymentMaxDf", paymentMaxDf);
    positive("creationBucketMillis", creationBucketMillis);
    positive("creationSoftDf", creationSoftDf);
    positive("creationMaxDf", creationMaxDf);
    positive("pivotNewModelMillis", pivotNewModelMillis);
    positive("pivotBucketMillis", pivotBucketMillis);
    if (activityWindowHours < 4 || activityWindowHours > 24 * 30) {
      throw new IllegalArgumentException(
          "activityWindowHours must be in [4, 720]: " + activityWindowHours);
    }
    positive("minActiveHours", minActiveHours);
    unit("syncMinCorrelation", syncMinCorrelation);
    positive("groupThreshold", groupThreshold);
    positive("strongContent", strongContent);
    unit("behaviourMin", behaviourMin);
    positive("edgeHalfLifeMillis", edgeHalfLifeMillis);
    unit("suspiciousThreshold", suspiciousThreshold);
    unit("distillationThreshold", distillationThreshold);
    unit("bridgeShare", bridgeShare);
    unit("behaviourWeight", behaviourWeight);
    unit("memberRiskWeight", memberRiskWeight);
    unit("linkWeight", linkWeight);
    unit("coverageWeight", coverageWeight);
    unit("coordinationWeight", coordinationWeight);
    unit("pivotWeight", pivotWeight);
    positive("coordinationFullSize", coordinationFullSize);
    positive("uncorroboratedFullSize", uncorroboratedFullSize);
    positive("coordinationLiftFloor", coordinationLiftFloor);
    positive("coordinationLiftSpan", coordinationLiftSpan);
    if (separateOperationMinSize < 2) {
      throw new IllegalArgumentException(
          "separateOperationMinSize must be >= 2: " + separateOperationMinSize);
    }
    unit("independentConversationShare", independentConversationShare);
    positive("independentConversationShare", independentConversationShare);
    positive("independentCreationSpread", independentCreationSpread);
    if (suspiciousThreshold > distillationThreshold) {
      throw new IllegalArgumentException(
          "suspiciousThreshold must be <= distillationThreshold: "
              + suspiciousThreshold
              + " > "
              + distillationThreshold);
    }
  }

  /** The shipped detector configuration, loaded once, on first use. */
  private static final class Shipped {
    static final DetectorConfig DETECTOR = DetectorConfig.defaults();
    static final CampaignConfig CAMPAIGN = build(DETECTOR);
  }

  /** The settings of the shipped {@code detector-config.json}: its {@code campaign} section sets all. */
  public static CampaignConfig defaults() {
    return Shipped.CAMPAIGN;
  }

  /**
   * The settings of a detector configuration: each entry of its {@code campaign} section named
   * after one of this record's components (for example {@code "contentMaxDf": 300}); a component
   * the section leaves out keeps the shipped value. A name that is not a component, a fraction
   * where a whole number belongs or an out-of-range value fails with the setting's name: a typo
   * must not silently leave the linker on another setting than the operator chose.
   */
  public static CampaignConfig from(DetectorConfig detector) {
    return build(detector);
  }

  private static CampaignConfig build(DetectorConfig detector) {
    RecordComponent[] comps = CampaignConfig.class.getRecordComponents();
    java.util.Set<String> known = new java.util.HashSet<>();
    for (RecordComponent c : comps) {
      known.add(c.getName());
    }
    for (String name : detector.campaign().keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("campaign: unknown setting '" + shorten(name) + "'");
      }
    }
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      types[i] = c.getType();
      String name = c.getName();
      Double v = detector.campaign().get(name);
      if (v == null) {
        // While Shipped itself is initialised, its DETECTOR is already set (same thread).
        v = Shipped.DETECTOR.campaign().get(name);
        if (v == null) {
          throw new IllegalStateException("the shipped detector-config.json lacks campaign." + name);
        }
      }
      if (types[i] == double.class) {
        args[i] = v;
      } else if (v != Math.rint(v) || Math.abs(v) > (types[i] == int.class ? Integer.MAX_VALUE : 1e15)) {
        throw new IllegalArgumentException("campaign." + name + " must be a whole number: " + v);
      } else {
        args[i] = types[i] == int.class ? (Object) (int) v.doubleValue() : (Object) (long) v.doubleValue();
      }
    }
    try {
      return CampaignConfig.class.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException("cannot build the campaign config", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the campaign config", e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  /** A copy with other verdict thresholds. */
  public CampaignConfig withThresholds(double suspicious, double distillation) {
    return new CampaignConfig(
        reclusterIntervalMillis, minCampaignSize, postingCapacity, maxEdgesPerAccount,
        maxContentKeysPerAccount, maxOtherKeysPerAccount, contentSoftDf, contentMaxDf, infraSoftDf,
        infraMaxDf, paymentMaxDf, creationBucketMillis, creationSoftDf, creationMaxDf,
        pivotNewModelMillis, pivotBucketMillis, activityWindowHours, minActiveHours,
        syncMinCorrelation, groupThreshold, strongContent, behaviourMin, edgeHalfLifeMillis,
        suspicious, distillation, bridgeShare, behaviourWeight, memberRiskWeight, linkWeight,
        coverageWeight, coordinationWeight, pivotWeight, coordinationFullSize,
        uncorroboratedFullSize, coordinationLiftFloor, coordinationLiftSpan,
        separateOperationMinSize, independentConversationShare, independentCreationSpread);
  }

  /** A copy with another recluster interval (tests recluster often). */
  public CampaignConfig withReclusterInterval(long millis) {
    return new CampaignConfig(
        millis, minCampaignSize, postingCapacity, maxEdgesPerAccount, maxContentKeysPerAccount,
        maxOtherKeysPerAccount, contentSoftDf, contentMaxDf, infraSoftDf, infraMaxDf, paymentMaxDf,
        creationBucketMillis, creationSoftDf, creationMaxDf, pivotNewModelMillis, pivotBucketMillis,
        activityWindowHours, minActiveHours, syncMinCorrelation, groupThreshold, strongContent,
        behaviourMin, edgeHalfLifeMillis, suspiciousThreshold, distillationThreshold, bridgeShare,
        behaviourWeight, memberRiskWeight, linkWeight, coverageWeight, coordinationWeight,
        pivotWeight, coordinationFullSize, uncorroboratedFullSize, coordinationLiftFloor,
        coordinationLiftSpan, separateOperationMinSize, independentConversationShare,
        independentCreationSpread);
  }

  /** Largest posting ring, edge budget or key budget per account a config may set. */
  static final int MAX_BUDGET = 1024;

  private static void range(String name, int v, int max) {
    if (v < 1 || v > max) {
      throw new IllegalArgumentException(name + " must be in [1, " + max + "]: " + v);
    }
  }

  private static void positive(String name, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(name + " must be > 0: " + v);
    }
  }

  private static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + v);
    }
  }
}
