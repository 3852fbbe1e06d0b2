package io.distillguard.core.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code distillguard.report/v1} document (see {@code shared/spec/report.md}). Field names are
 * the contract; more fields may be added, none renamed. Times are RFC 3339 strings, absent ones null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Report(
    @JsonProperty("schema") String schema,
    @JsonProperty("generated_at") String generatedAt,
    @JsonProperty("input") Input input,
    @JsonProperty("accounts") List<AccountEntry> accounts,
    @JsonProperty("campaigns") List<CampaignEntry> campaigns) {

  public static final String SCHEMA = "distillguard.report/v1";

  public Report {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
  }

  /**
   * What was read. {@code ignored_fields} (added to the spec's fields): optional envelope values
   * dropped because of a wrong type or an out-of-range value, by field name; each such exchange was
   * still analysed without that value. Empty when none were, and in reports from before it existed.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(
      @JsonProperty("events") long events,
      @JsonProperty("accounts") long accounts,
      @JsonProperty("malformed_lines") long malformedLines,
      @JsonProperty("duplicates") long duplicates,
      @JsonProperty("from") String from,
      @JsonProperty("to") String to,
      @JsonProperty("ignored_fields") Map<String, Long> ignoredFields) {
    public Input {
      ignoredFields =
          ignoredFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ignoredFields));
    }

    public Input(long events, long accounts, long malformedLines, long duplicates, String from, String to) {
      this(events, accounts, malformedLines, duplicates, from, to, Map.of());
    }
  }

  /**
   * One account. {@code first_flagged_by} (added to the spec's fields) says what raised the first
   * flag: {@code "account"} (its own evidence) or {@code "campaign"} (its campaign was flagged
   * first: flagged through linkage); null when never flagged, and in reports from before it existed.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AccountEntry(
      @JsonProperty("account_id") String accountId,
      @JsonProperty("risk") double risk,
      @JsonProperty("verdict") String verdict,
      @JsonProperty("campaign_id") String campaignId,
      @JsonProperty("first_flagged_at") String firstFlaggedAt,
      @JsonProperty("events_before_flag") Long eventsBeforeFlag,
      @JsonProperty("first_flagged_by") String firstFlaggedBy,
      @JsonProperty("events") long events,
      @JsonProperty("reasons") List<ReasonEntry> reasons) {
    public static final String BY_ACCOUNT = "account";
    public static final String BY_CAMPAIGN = "campaign";

    public AccountEntry {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
  }

  /**
   * One campaign. {@code example_prompts} (added to the spec's fields): up to three of the prompt
   * templates or system prompts its members share, most shared first, as sent (attacker text, at
   * most 160 characters each) with credentials masked ({@link Secrets}); empty in reports from
   * before it existed.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CampaignEntry(
      @JsonProperty("campaign_id") String campaignId,
      @JsonProperty("accounts") List<String> accounts,
      @JsonProperty("risk") double risk,
      @JsonProperty("first_flagged_at") String firstFlaggedAt,
      @JsonProperty("reasons") List<ReasonEntry> reasons,
      @JsonProperty("example_prompts") List<String> examplePrompts) {
    public CampaignEntry {
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      examplePrompts = examplePrompts == null ? List.of() : List.copyOf(examplePrompts);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReasonEntry(
      @JsonProperty("signal") String signal,
      @JsonProperty("value") double value,
      @JsonProperty("contribution") Double contribution,
      @JsonProperty("detail") String detail) {}
}
