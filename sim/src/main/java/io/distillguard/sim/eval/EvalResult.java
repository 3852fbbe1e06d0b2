package io.distillguard.sim.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@link Evaluator} measured: account-level detection quality, per-persona rates and
 * campaign-level results. Serialised as-is by {@code eval --json}. Durations are seconds; times
 * are RFC 3339; values that cannot be computed (no events file, never flagged) are null. Counts
 * cover active accounts only; {@code inactiveLabelled} labelled accounts sent nothing. {@code
 * benignInCampaigns} counts benign-labelled accounts that are members of a reported campaign,
 * whatever their verdict: an ordinary customer merged into a campaign is a false link even while
 * its own verdict stays below the threshold. {@code benignEverFlagged} counts benign-labelled
 * accounts with a {@code first_flagged_at}, whatever their verdict at the end, and {@code
 * benignFlaggedThenCleared} those of them no longer at {@code distillation} at the end: the
 * confusion counts, taken at the end of the stream, miss a customer blocked for a while.
 */
public record EvalResult(
    @JsonProperty("accounts") int accounts,
    @JsonProperty("attack_accounts") int attackAccounts,
    @JsonProperty("benign_accounts") int benignAccounts,
    @JsonProperty("inactive_labelled") int inactiveLabelled,
    @JsonProperty("missing_from_report") int missingFromReport,
    @JsonProperty("unlabelled_in_report") int unlabelledInReport,
    @JsonProperty("at_distillation") Confusion atDistillation,
    @JsonProperty("at_suspicious") Confusion atSuspicious,
    @JsonProperty("roc_auc") double rocAuc,
    @JsonProperty("personas") List<PersonaRow> personas,
    @JsonProperty("campaigns") List<CampaignRow> campaigns,
    @JsonProperty("campaigns_found") int campaignsFound,
    @JsonProperty("benign_in_campaigns") int benignInCampaigns,
    @JsonProperty("benign_ever_flagged") int benignEverFlagged,
    @JsonProperty("benign_flagged_then_cleared") int benignFlaggedThenCleared,
    @JsonProperty("events_read") Long eventsRead) {

  public EvalResult {
    personas = List.copyOf(personas);
    campaigns = List.copyOf(campaigns);
  }

  /**
   * Account-level confusion counts at one operating point (attack = positive).
   *
   * @param threshold {@code distillation} or {@code suspicious} (meaning suspicious or worse)
   */
  public record Confusion(
      @JsonProperty("threshold") String threshold,
      @JsonProperty("tp") int tp,
      @JsonProperty("fp") int fp,
      @JsonProperty("fn") int fn,
      @JsonProperty("tn") int tn) {

    @JsonProperty("precision")
    public double precision() {
      return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
    }

    @JsonProperty("recall")
    public double recall() {
      return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
    }

    @JsonProperty("f1")
    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @JsonProperty("fpr")
    public double fpr() {
      return fp + tn == 0 ? 0 : fp / (double) (fp + tn);
    }
  }

  /**
   * One persona. For benign personas {@code flaggedShare} is the false-positive rate; for attack
   * personas it is the recall.
   *
   * @param tokensServed completion tokens served to the persona's accounts (needs events)
   * @param tokensBeforeFlag of those, tokens served before each account's own first flag (all of
   *     them for accounts never flagged)
   * @param medianSecondsToFlag median, over flagged accounts, of first event to first flag
   * @param firstFlaggedByLink flagged accounts whose first flag came from their campaign, before
   *     their own risk reached the threshold ({@code first_flagged_by = "campaign"}); null when the
   *     report does not say (reports from before that field)
   * @param flaggedViaLink flagged accounts whose own risk at the end, without what their campaign
   *     added, is still below the distillation threshold: flagged only through linkage
   */
  public record PersonaRow(
      @JsonProperty("persona") String persona,
      @JsonProperty("label") String label,
      @JsonProperty("accounts") int accounts,
      @JsonProperty("flagged") int flagged,
      @JsonProperty("first_flagged_by_link") Integer firstFlaggedByLink,
      @JsonProperty("flagged_via_link") int flaggedViaLink,
      @JsonProperty("suspicious_or_flagged") int suspiciousOrFlagged,
      @JsonProperty("flagged_share") double flaggedShare,
      @JsonProperty("tokens_served") Long tokensServed,
      @JsonProperty("tokens_before_flag") Long tokensBeforeFlag,
      @JsonProperty("median_seconds_to_flag") Double medianSecondsToFlag) {}

  /**
   * One true campaign (accounts sharing a non-null campaign label).
   *
   * @param flaggedShare share of its accounts with verdict {@code distillation}
   * @param bestReported the reported campaign holding most of its accounts, or null
   * @param coverage share of its accounts inside {@code bestReported}
   * @param purity share of {@code bestReported}'s accounts that belong to it
   * @param found coverage >= 0.5 and purity >= 0.5
   * @param firstEvent its first exchange (needs events)
   * @param firstFlag the first {@code first_flagged_at} of any member
   * @param secondsToFlag from first event to first flag
   * @param tokensBeforeFlag completion tokens served to members before the first flag
   */
  public record CampaignRow(
      @JsonProperty("campaign") String campaign,
      @JsonProperty("persona") String persona,
      @JsonProperty("accounts") int accounts,
      @JsonProperty("flagged_share") double flaggedShare,
      @JsonProperty("best_reported") String bestReported,
      @JsonProperty("coverage") double coverage,
      @JsonProperty("purity") double purity,
      @JsonProperty("found") boolean found,
      @JsonProperty("first_event") String firstEvent,
      @JsonProperty("first_flag") String firstFlag,
      @JsonProperty("seconds_to_flag") Double secondsToFlag,
      @JsonProperty("tokens_served") Long tokensServed,
      @JsonProperty("tokens_before_flag") Long tokensBeforeFlag) {}
}
