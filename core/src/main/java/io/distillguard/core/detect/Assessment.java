package io.distillguard.core.detect;

import java.util.List;
import java.util.Objects;

/**
 * The engine's current view of one account, as of the last exchange it processed.
 *
 * @param accountId the account
 * @param risk 0..1, higher = more likely distillation
 * @param verdict risk mapped through the configured thresholds
 * @param reasons the explanation, largest contribution first
 * @param campaignId campaign the account belongs to, or null
 * @param events exchanges counted for the account (duplicates excluded)
 * @param firstFlaggedAtMillis event time at which the account first reached {@link
 *     Verdict#DISTILLATION}, or {@link Long#MIN_VALUE} when never
 * @param eventsBeforeFlag exchanges of the account processed before the flag, or -1 when never
 * @param flaggedByCampaign true when the first flag came from the account's campaign, before its
 *     own risk reached the threshold (flagged through linkage); false when never flagged or when its
 *     own evidence flagged it first
 */
public record Assessment(
    String accountId,
    double risk,
    Verdict verdict,
    List<Reason> reasons,
    String campaignId,
    long events,
    long firstFlaggedAtMillis,
    long eventsBeforeFlag,
    boolean flaggedByCampaign) {

  public static final long NEVER = Long.MIN_VALUE;

  public Assessment {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(verdict, "verdict");
    if (!(risk >= 0 && risk <= 1)) {
      throw new IllegalArgumentException("risk must be in [0, 1]: " + risk);
    }
    reasons = List.copyOf(reasons);
    if (flaggedByCampaign && firstFlaggedAtMillis == NEVER) {
      throw new IllegalArgumentException("flaggedByCampaign without a flag time");
    }
  }

  public boolean flagged() {
    return firstFlaggedAtMillis != NEVER;
  }
}
