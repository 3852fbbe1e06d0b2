package io.distillguard.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;

/**
 * Which API family a route belongs to, and how that API shapes its errors, so a client library
 * sees gateway errors exactly as it would see the provider's own.
 */
enum ApiStyle {
  /** {@code {"error":{"message","type","code"}}}. */
  OPENAI,
  /** {@code {"type":"error","error":{"type","message"}}}. */
  ANTHROPIC;

  /** The style of a request path, or null when the path is not a proxied route. */
  static ApiStyle ofPath(String path) {
    return switch (path) {
      case "/v1/chat/completions", "/v1/completions", "/v1/responses" -> OPENAI;
      case "/v1/messages" -> ANTHROPIC;
      default -> null;
    };
  }

  /** The error body for {@code error} with a fixed, attacker-free {@code message}. */
  Buffer errorBody(GatewayError error, String message) {
    String m = new String(JsonStringEncoder.getInstance().quoteAsString(message));
    String json =
        this == OPENAI
            ? "{\"error\":{\"message\":\"" + m + "\",\"type\":\"" + error.openAiType
                + "\",\"param\":null,\"code\":\"" + error.openAiCode + "\"}}"
            : "{\"type\":\"error\",\"error\":{\"type\":\"" + error.anthropicType
                + "\",\"message\":\"" + m + "\"}}";
    return Buffer.buffer(json);
  }
}
