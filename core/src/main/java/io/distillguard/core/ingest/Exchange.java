package io.distillguard.core.ingest;

import java.util.Objects;

/**
 * One parsed line of an {@code api-exchange/v1} traffic log: a request to an LLM API and what the
 * API answered. Immutable; every string field is attacker-controlled text.
 *
 * <p>Optional fields use sentinels instead of null where they are primitives ({@link #ABSENT} for
 * integers and times) and {@code null} for absent strings, so the hot path never boxes.
 *
 * @param tsMillis arrival time, epoch milliseconds (UTC)
 * @param requestId unique per exchange; repeats are duplicate deliveries
 * @param accountId billing account of the API key
 * @param apiKeyId key used, or null
 * @param orgId organisation, or null
 * @param client what the edge saw of the client
 * @param account account metadata as logged with the exchange
 * @param endpoint request path, e.g. {@code /v1/chat/completions} or {@code /v1/messages}
 * @param model model requested
 * @param request normalised view of the request body (both OpenAI and Anthropic shapes)
 * @param response what the API answered
 */
public record Exchange(
    long tsMillis,
    String requestId,
    String accountId,
    String apiKeyId,
    String orgId,
    ClientInfo client,
    AccountInfo account,
    String endpoint,
    String model,
    Request request,
    ResponseInfo response) {

  /** Sentinel for an absent integer or time field. */
  public static final long ABSENT = Long.MIN_VALUE;

  public Exchange {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
  }

  /**
   * Client as seen by the edge.
   *
   * @param ip IPv4 or IPv6 text, or null
   * @param userAgent HTTP User-Agent, or null
   * @param asn autonomous system number, or -1 when unknown
   */
  public record ClientInfo(String ip, String userAgent, long asn) {
    public static final ClientInfo NONE = new ClientInfo(null, null, -1);
  }

  /**
   * Account metadata logged with the exchange.
   *
   * @param createdAtMillis account creation time, or {@link Exchange#ABSENT}
   * @param paymentFingerprint opaque hash of the payment method, or null
   * @param emailDomain domain of the account e-mail, or null
   * @param verified identity verification: {@code 1} passed, {@code 0} not passed, {@code -1} unknown
   * @param tier plan / usage tier, or null
   */
  public record AccountInfo(
      long createdAtMillis, String paymentFingerprint, String emailDomain, int verified, String tier) {
    public static final AccountInfo NONE = new AccountInfo(ABSENT, null, null, -1, null);
  }

  /**
   * What the API answered.
   *
   * @param status HTTP status returned to the client
   * @param promptTokens input tokens billed, or -1
   * @param completionTokens output tokens billed, or -1
   * @param reasoningTokens hidden reasoning tokens, or -1
   * @param latencyMs time to last byte, or -1
   * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, ..., or null
   */
  public record ResponseInfo(
      int status,
      int promptTokens,
      int completionTokens,
      int reasoningTokens,
      int latencyMs,
      String finishReason) {}
}
