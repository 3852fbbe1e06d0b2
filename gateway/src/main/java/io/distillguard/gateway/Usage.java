package io.distillguard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

/**
 * Token counts and finish reason read from a response, in either API's shape; -1 / null when
 * absent. Values are clamped so a hostile upstream cannot inject absurd counts.
 */
record Usage(int promptTokens, int completionTokens, int reasoningTokens, String finishReason) {

  static final Usage NONE = new Usage(-1, -1, -1, null);
  private static final int MAX_TOKENS = 100_000_000;
  private static final int MAX_REASON = 32;

  Usage {
    promptTokens = clamp(promptTokens);
    completionTokens = clamp(completionTokens);
    reasoningTokens = clamp(reasoningTokens);
    if (finishReason != null && finishReason.length() > MAX_REASON) {
      finishReason = finishReason.substring(0, MAX_REASON);
    }
  }

  private static int clamp(int v) {
    return v < 0 ? -1 : Math.min(v, MAX_TOKENS);
  }

  /** Fields of {@code other} that are present override ours. */
  Usage merge(Usage o) {
    return new Usage(
        o.promptTokens >= 0 ? o.promptTokens : promptTokens,
        o.completionTokens >= 0 ? o.completionTokens : completionTokens,
        o.reasoningTokens >= 0 ? o.reasoningTokens : reasoningTokens,
        o.finishReason != null ? o.finishReason : finishReason);
  }

  /** Reads a whole (non-streamed) response body; NONE when it is not JSON. */
  static Usage fromJsonBody(Buffer body, ObjectMapper mapper) {
    try {
      return fromJson(mapper.readTree(body.getBytes()));
    } catch (Exception e) {
      return NONE;
    }
  }

  /**
   * Reads one JSON object: an OpenAI chat/completions/responses body or chunk, or an Anthropic
   * message body or stream event ({@code message_start}, {@code message_delta}).
   */
  static Usage fromJson(JsonNode n) {
    if (n == null || !n.isObject()) {
      return NONE;
    }
    String finish = null;
    JsonNode choices = n.path("choices");
    if (choices.isArray()) {
      for (JsonNode c : choices) {
        if (c.path("finish_reason").isTextual()) {
          finish = c.get("finish_reason").asText();
        }
      }
    }
    if (n.path("stop_reason").isTextual()) {
      finish = n.get("stop_reason").asText();
    }
    String type = n.path("type").asText("");
    JsonNode usage = n.path("usage");
    if (type.equals("message_start")) {
      usage = n.path("message").path("usage");
    } else if (type.equals("message_delta")) {
      if (n.path("delta").path("stop_reason").isTextual()) {
        finish = n.path("delta").get("stop_reason").asText();
      }
    } else if (type.startsWith("response.") && n.path("response").isObject()) {
      // OpenAI Responses API stream: usage and status sit in the final response.completed event.
      usage = n.path("response").path("usage");
      if (n.path("response").path("status").isTextual() && type.equals("response.completed")) {
        finish = n.path("response").get("status").asText();
      }
    } else if (n.path("object").asText("").equals("response") && n.path("status").isTextual()) {
      finish = n.get("status").asText();
    }
    if (!usage.isObject()) {
      return new Usage(-1, -1, -1, finish);
    }
    int prompt = firstInt(usage, "prompt_tokens", "input_tokens");
    int completion = firstInt(usage, "completion_tokens", "output_tokens");
    int reasoning =
        firstInt(usage.path("completion_tokens_details"), "reasoning_tokens", "reasoning_tokens");
    if (reasoning < 0) {
      reasoning = firstInt(usage.path("output_tokens_details"), "reasoning_tokens", "reasoning_tokens");
    }
    if (prompt >= 0) {
      // Anthropic counts cached prompt tokens separately; the model read all of them.
      prompt +=
          Math.max(0, usage.path("cache_read_input_tokens").asInt(0))
              + Math.max(0, usage.path("cache_creation_input_tokens").asInt(0));
    }
    return new Usage(prompt, completion, reasoning, finish);
  }

  private static int firstInt(JsonNode n, String a, String b) {
    JsonNode v = n.get(a);
    if (v == null || !v.canConvertToInt()) {
      v = n.get(b);
    }
    return v != null && v.canConvertToInt() ? v.asInt() : -1;
  }
}
