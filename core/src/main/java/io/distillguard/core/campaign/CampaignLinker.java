package io.distillguard.core.campaign;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.ingest.Exchange;
import java.util.List;

/**
 * Links accounts into campaigns from cross-account evidence (shared rare templates, payment
 * fingerprints, infrastructure, synchronised timing, joint model pivots) as exchanges stream past.
 *
 * <p>Driven by the engine on its thread, in event-time order; not thread-safe.
 */
public interface CampaignLinker {

  /**
   * Records one exchange of an account, with its features, the account's own risk after it, and
   * whether its profile counted it as conversation: a follow-up of one of the account's own
   * earlier requests, not an agent's tool loop ({@code AccountProfile.multiTurnCount}, {@code
   * OwnTurns}). The engine decides that once for both.
   */
  void observe(Exchange exchange, ExchangeFeatures features, double accountRisk, boolean followsUp);

  /** The campaign the account currently belongs to, or null. */
  CampaignAssessment campaignOf(String accountId);

  /**
   * Event time at which the account first became a member of a campaign whose verdict was {@code
   * DISTILLATION} (the later of the campaign's flag and the account's joining), or {@link
   * Long#MIN_VALUE} when never. The engine uses it for the account's {@code first_flagged_at}.
   */
  long linkedFlagTime(String accountId);

  /** All current campaigns, highest risk first. */
  List<CampaignAssessment> campaigns();
}
