/**
 * Campaign linking: finds sets of accounts that one operation runs (hydra clusters, proxy
 * networks) from cross-account evidence (rare shared templates and system prompts, payment
 * fingerprints, networks, creation bursts, joint model pivots, correlated activity) as exchanges
 * stream past, in bounded memory, and scores each campaign from its members' joint behaviour.
 * {@link io.distillguard.core.campaign.CampaignLinkers} builds the default linker; the design and
 * every setting are in {@code docs/design-campaigns.md}.
 */
package io.distillguard.core.campaign;
