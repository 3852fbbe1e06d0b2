package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

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
    try (JsonParser p = mapper.getFactory().createParser(body.getBytes())) {
      return p.nextToken() == JsonToken.START_OBJECT ? fromJson(readUsageMembers(p, mapper)) : NONE;
    } catch (Exception e) {
      return NONE;
    }
  }

  /**
   * The body's object with only the members {@link #fromJson} reads; everything else (the
   * completion text above all) is skipped token by token, still checked for syntax and nesting, but
   * never built into a tree. Building the whole tree was a sixth of the engine thread's time.
   */
  private static ObjectNode readUsageMembers(JsonParser p, ObjectMapper mapper) throws IOException {
    ObjectNode n = mapper.createObjectNode();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "choices" -> n.set(name, readChoices(p, mapper));
        case "usage", "type", "stop_reason", "message", "delta", "response", "object", "status" ->
            n.set(name, readTree(p, mapper.getNodeFactory()));
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("truncated JSON object");
    }
    return n;
  }

  /** {@code choices} keeping each element's {@code finish_reason} only (and the array's length). */
  private static JsonNode readChoices(JsonParser p, ObjectMapper mapper) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return readTree(p, mapper.getNodeFactory());
    }
    ArrayNode a = mapper.createArrayNode();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        ObjectNode c = a.addObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("finish_reason")) {
            c.set(name, readTree(p, mapper.getNodeFactory()));
          } else {
            p.skipChildren();
          }
        }
      } else {
        // Not an object: it has no finish_reason; keep the slot so emptiness is unchanged.
        p.skipChildren();
        a.addNull();
      }
    }
    return a;
  }

  /**
   * The value at the parser's current token as a tree, built as {@code ObjectMapper.readTree} does
   * with default features: integers as int, long or BigInteger nodes by size, other numbers as
   * double nodes, the last of duplicate keys wins, JSON null as a null node. {@code readTree} sets
   * up a deserialization context and looks up its root deserializer on every call, which cost more
   * than reading the few small members wanted here (~10% of the engine thread); this reads the
   * tokens directly. Nesting is bounded by the parser's own depth limit.
   */
  static JsonNode readTree(JsonParser p, JsonNodeFactory nf) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("unexpected end of JSON");
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = nf.objectNode();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, readTree(p, nf));
        }
        if (k != JsonToken.END_OBJECT) {
          throw new IOException("truncated JSON object");
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = nf.arrayNode();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e == null) {
            throw new IOException("truncated JSON array");
          }
          a.add(readTree(p, nf));
        }
        return a;
      }
      case VALUE_STRING -> {
        return nf.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> nf.numberNode(p.getIntValue());
          case LONG -> nf.numberNode(p.getLongValue());
          default -> nf.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return switch (p.getNumberTypeFP()) {
          case BIG_DECIMAL -> nf.numberNode(p.getDecimalValue());
          case FLOAT32 -> nf.numberNode(p.getFloatValue());
          default -> nf.numberNode(p.getDoubleValue());
        };
      }
      case VALUE_TRUE -> {
        return nf.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return nf.booleanNode(false);
      }
      case VALUE_NULL -> {
        return nf.nullNode();
      }
      default -> throw new IOException("unexpected JSON token " + t);
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
