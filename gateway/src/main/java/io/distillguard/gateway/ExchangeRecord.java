package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Objects;

/**
 * One finished exchange as the request path hands it to the engine thread. Building the log line
 * and parsing a non-streamed response body for its {@code usage} happen on the engine thread, so
 * the event loop does neither.
 *
 * @param tsMillis arrival time, epoch ms
 * @param requestId gateway-assigned id
 * @param accountId account of the key
 * @param keyId hashed key id (never the key)
 * @param orgId organisation or null
 * @param clientIp client address (after trusted X-Forwarded-For) or null
 * @param userAgent bounded User-Agent or null
 * @param endpoint route path
 * @param model model named in the request, or {@code "unknown"}
 * @param request the request body as the client sent it (raw UTF-8; a JSON object, checked by
 *     {@link RequestScan} on the request path)
 * @param status HTTP status sent to the client
 * @param usage tokens and finish reason seen in the response (streams), or {@link Usage#NONE}
 * @param responseBody bounded copy of a non-streamed JSON body to read usage from, or null
 * @param latencyMs arrival to last byte
 */
record ExchangeRecord(
    long tsMillis,
    String requestId,
    String accountId,
    String keyId,
    String orgId,
    String clientIp,
    String userAgent,
    String endpoint,
    String model,
    byte[] request,
    int status,
    Usage usage,
    Buffer responseBody,
    long latencyMs) {

  ExchangeRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(usage, "usage");
  }

  /**
   * Writes the {@code api-exchange/v1} line (without newline); {@code ts} is the engine thread's
   * timestamp formatter (it keeps the current second's text).
   */
  void writeLine(JsonGenerator g, ObjectMapper mapper, IsoMillis ts) throws IOException {
    Usage u = usage;
    if (responseBody != null) {
      u = u.merge(Usage.fromJsonBody(responseBody, mapper));
    }
    g.writeStartObject();
    g.writeFieldName("ts");
    g.writeString(ts.chars(), 0, ts.format(tsMillis));
    g.writeStringField("request_id", requestId);
    g.writeStringField("account_id", accountId);
    g.writeStringField("api_key_id", keyId);
    if (orgId != null) {
      g.writeStringField("org_id", orgId);
    }
    if (clientIp != null || userAgent != null) {
      g.writeObjectFieldStart("client");
      if (clientIp != null) {
        g.writeStringField("ip", clientIp);
      }
      if (userAgent != null) {
        g.writeStringField("user_agent", userAgent);
      }
      g.writeEndObject();
    }
    g.writeStringField("endpoint", endpoint);
    g.writeStringField("model", model);
    g.writeFieldName("request");
    // Re-emitted token by token: compact (one line) whatever whitespace the client sent, and the
    // only full parse of the body happens here, off the event loop.
    try (JsonParser p = mapper.getFactory().createParser(request)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    g.writeObjectFieldStart("response");
    g.writeNumberField("status", status);
    if (u.promptTokens() >= 0) {
      g.writeNumberField("prompt_tokens", u.promptTokens());
    }
    if (u.completionTokens() >= 0) {
      g.writeNumberField("completion_tokens", u.completionTokens());
    }
    if (u.reasoningTokens() >= 0) {
      g.writeNumberField("reasoning_tokens", u.reasoningTokens());
    }
    g.writeNumberField("latency_ms", latencyMs);
    if (u.finishReason() != null) {
      g.writeStringField("finish_reason", u.finishReason());
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
