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
   * Records one exchange of an account, with its features and the account's own risk after it.
   */
  void observe(Exchange exchange, ExchangeFeatures features, double accountRisk);

  /** The campaign the account currently belongs to, or null. */
  CampaignAssessment campaignOf(String accountId);

  /** All current campaigns, highest risk first. */
  List<CampaignAssessment> campaigns();
}
