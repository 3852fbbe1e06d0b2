package io.distillguard.core.campaign;

import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * A set of accounts that the linker believes one operation runs, with the evidence.
 *
 * @param campaignId stable id, e.g. {@code C-0003}
 * @param accounts member account ids
 * @param risk 0..1, aggregated from the members' evidence
 * @param verdict risk mapped through the thresholds
 * @param firstFlaggedAtMillis event time the campaign first reached {@link Verdict#DISTILLATION},
 *     or {@link Long#MIN_VALUE}
 * @param reasons the link evidence, strongest first
 * @param exampleTemplates up to three shared prompt templates or system prompts, most shared first
 *     (raw attacker text, at most 160 characters each: escape when shown)
 */
public record CampaignAssessment(
    String campaignId,
    List<String> accounts,
    double risk,
    Verdict verdict,
    long firstFlaggedAtMillis,
    List<Reason> reasons,
    List<String> exampleTemplates) {

  public CampaignAssessment {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(verdict, "verdict");
    accounts = List.copyOf(accounts);
    reasons = List.copyOf(reasons);
    exampleTemplates = List.copyOf(exampleTemplates);
  }
}
