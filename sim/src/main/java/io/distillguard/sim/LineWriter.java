package io.distillguard.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serialises an {@link Account}'s {@link Call} as one {@code api-exchange/v1} line, in the request
 * shape of its endpoint: OpenAI chat ({@code messages}, {@code tool_calls}/{@code tool} turns),
 * legacy completions ({@code prompt}), responses ({@code instructions}/{@code input}) and Anthropic
 * messages ({@code system} string or blocks, {@code tool_use}/{@code tool_result} blocks,
 * {@code thinking}). Streams into one reused buffer with Jackson's generator; not thread-safe.
 */
final class LineWriter {

  private final ByteArrayBuilder buf = new ByteArrayBuilder(16_384);
  private final JsonGenerator g;
  private final Rfc3339 ts = new Rfc3339();
  private final Rfc3339 created = new Rfc3339();

  /** Pre-quoted UTF-8 of the corpus texts, looked up by identity: escaping them is the main cost. */
  private final java.util.IdentityHashMap<String, com.fasterxml.jackson.core.io.SerializedString> quoted;

  LineWriter() {
    this(new java.util.IdentityHashMap<>());
  }

  LineWriter(java.util.IdentityHashMap<String, com.fasterxml.jackson.core.io.SerializedString> quoted) {
    this.quoted = quoted;
    try {
      g = new JsonFactory().createGenerator(buf, JsonEncoding.UTF8);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null); // one line per buffer: no separator before the next root value
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] bytes = new byte[0];
  private int length;

  /** Writes the line; afterwards {@link #bytes()} and {@link #length()} hold it. */
  void write(long tsMillis, String requestId, Account a, Call c) {
    buf.reset();
    try {
      g.writeStartObject();
      g.writeStringField("ts", ts.format(tsMillis));
      g.writeStringField("request_id", requestId);
      g.writeStringField("account_id", a.id);
      if (c.apiKeyId != null) {
        g.writeStringField("api_key_id", c.apiKeyId);
      }
      if (a.orgId != null) {
        g.writeStringField("org_id", a.orgId);
      }
      g.writeObjectFieldStart("client");
      g.writeStringField("ip", c.ip != null ? c.ip : a.ip);
      g.writeStringField("user_agent", a.userAgent);
      g.writeNumberField("asn", c.asn != 0 ? c.asn : a.asn);
      g.writeEndObject();
      g.writeObjectFieldStart("account");
      g.writeStringField("created_at", created.format(a.createdAtMillis));
      g.writeStringField("payment_fingerprint", a.paymentFingerprint);
      g.writeStringField("email_domain", a.emailDomain);
      g.writeBooleanField("verified", a.verified);
      g.writeStringField("tier", a.tier);
      g.writeEndObject();
      g.writeStringField("endpoint", c.endpoint);
      g.writeStringField("model", c.model);
      g.writeFieldName("request");
      switch (c.endpoint) {
        case Call.MESSAGES -> anthropic(c);
        case Call.RESPONSES -> responses(c);
        case Call.COMPLETIONS -> completions(c);
        default -> chat(c);
      }
      g.writeObjectFieldStart("response");
      g.writeNumberField("status", c.status);
      if (c.status == 200) {
        g.writeNumberField("prompt_tokens", c.promptTokens);
        g.writeNumberField("completion_tokens", c.completionTokens);
        if (c.reasoningTokens > 0) {
          g.writeNumberField("reasoning_tokens", c.reasoningTokens);
        }
        g.writeNumberField("latency_ms", c.latencyMs);
        g.writeStringField("finish_reason", c.finishReason);
      } else {
        g.writeNumberField("latency_ms", c.latencyMs);
      }
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // toByteArray joins the segments of long lines; one copy per line is cheap beside the JSON.
    bytes = buf.toByteArray();
    length = bytes.length;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  private void common(Call c, String maxField) throws IOException {
    if (!Double.isNaN(c.temperature)) {
      g.writeNumberField("temperature", c.temperature);
    }
    if (!Double.isNaN(c.topP)) {
      g.writeNumberField("top_p", c.topP);
    }
    if (c.maxTokens > 0) {
      g.writeNumberField(maxField, c.maxTokens);
    }
    if (c.stream) {
      g.writeBooleanField("stream", true);
    }
  }

  private void chat(Call c) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", c.model);
    g.writeArrayFieldStart("messages");
    if (c.system != null) {
      g.writeStartObject();
      g.writeStringField("role", "system");
      content(c.system, c.systemBlocks, "text");
      g.writeEndObject();
    }
    for (Call.Msg m : c.msgs) {
      g.writeStartObject();
      switch (m.kind()) {
        case USER -> {
          g.writeStringField("role", "user");
          content(m.text(), c.contentBlocks, "text");
        }
        case ASSISTANT -> {
          g.writeStringField("role", "assistant");
          text("content", m.text());
        }
        case TOOL_CALL -> {
          g.writeStringField("role", "assistant");
          g.writeNullField("content");
          g.writeArrayFieldStart("tool_calls");
          g.writeStartObject();
          g.writeStringField("id", m.toolId());
          g.writeStringField("type", "function");
          g.writeObjectFieldStart("function");
          g.writeStringField("name", m.toolName());
          g.writeStringField("arguments", m.text());
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
        }
        case TOOL_RESULT -> {
          g.writeStringField("role", "tool");
          g.writeStringField("tool_call_id", m.toolId());
          g.writeStringField("content", m.text());
        }
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    common(c, c.maxCompletionTokens ? "max_completion_tokens" : "max_tokens");
    if (c.n > 1) {
      g.writeNumberField("n", c.n);
    }
    if (c.logprobs) {
      g.writeBooleanField("logprobs", true);
      if (c.topLogprobs > 0) {
        g.writeNumberField("top_logprobs", c.topLogprobs);
      }
    }
    if (c.reasoningEffort != null) {
      g.writeStringField("reasoning_effort", c.reasoningEffort);
    }
    if (c.answerSchema != null) {
      g.writeObjectFieldStart("response_format");
      g.writeStringField("type", "json_schema");
      g.writeObjectFieldStart("json_schema");
      strictSchema(c.answerSchema);
      g.writeEndObject();
      g.writeEndObject();
    }
    if (c.tools != null) {
      g.writeArrayFieldStart("tools");
      for (ProjectText.Tool t : c.tools) {
        g.writeStartObject();
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeFieldName("parameters");
        g.writeRawValue(t.parametersJson());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void completions(Call c) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", c.model);
    StringBuilder p = new StringBuilder();
    if (c.system != null) {
      p.append(c.system).append("\n\n");
    }
    for (Call.Msg m : c.msgs) {
      p.append(m.text());
    }
    g.writeStringField("prompt", p.toString());
    common(c, "max_tokens");
    if (c.n > 1) {
      g.writeNumberField("n", c.n);
    }
    if (c.logprobs) {
      g.writeNumberField("logprobs", Math.max(1, c.topLogprobs));
    }
    g.writeEndObject();
  }

  private void responses(Call c) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", c.model);
    if (c.system != null) {
      text("instructions", c.system);
    }
    if (c.msgs.size() == 1 && !c.contentBlocks && c.msgs.get(0).kind() == Call.Msg.Kind.USER) {
      text("input", c.msgs.get(0).text());
    } else {
      g.writeArrayFieldStart("input");
      for (Call.Msg m : c.msgs) {
        g.writeStartObject();
        switch (m.kind()) {
          case USER -> {
            g.writeStringField("role", "user");
            content(m.text(), true, "input_text");
          }
          case ASSISTANT -> {
            g.writeStringField("role", "assistant");
            content(m.text(), true, "output_text");
          }
          case TOOL_CALL -> {
            g.writeStringField("type", "function_call");
            g.writeStringField("call_id", m.toolId());
            g.writeStringField("name", m.toolName());
            g.writeStringField("arguments", m.text());
          }
          case TOOL_RESULT -> {
            g.writeStringField("type", "function_call_output");
            g.writeStringField("call_id", m.toolId());
            g.writeStringField("output", m.text());
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    common(c, "max_output_tokens");
    if (c.reasoningEffort != null) {
      g.writeObjectFieldStart("reasoning");
      g.writeStringField("effort", c.reasoningEffort);
      g.writeEndObject();
    }
    if (c.answerSchema != null) {
      g.writeObjectFieldStart("text");
      g.writeObjectFieldStart("format");
      g.writeStringField("type", "json_schema");
      strictSchema(c.answerSchema);
      g.writeEndObject();
      g.writeEndObject();
    }
    if (c.tools != null) {
      g.writeArrayFieldStart("tools");
      for (ProjectText.Tool t : c.tools) {
        g.writeStartObject();
        g.writeStringField("type", "function");
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeFieldName("parameters");
        g.writeRawValue(t.parametersJson());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void anthropic(Call c) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", c.model);
    g.writeNumberField("max_tokens", c.maxTokens > 0 ? c.maxTokens : 1024);
    if (c.system != null) {
      g.writeFieldName("system");
      if (c.systemBlocks) {
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("type", "text");
        text("text", c.system);
        g.writeEndObject();
        g.writeEndArray();
      } else {
        text0(c.system);
      }
    }
    g.writeArrayFieldStart("messages");
    int i = 0;
    while (i < c.msgs.size()) {
      Call.Msg m = c.msgs.get(i);
      g.writeStartObject();
      switch (m.kind()) {
        case USER -> {
          g.writeStringField("role", "user");
          content(m.text(), c.contentBlocks, "text");
        }
        case ASSISTANT -> {
          g.writeStringField("role", "assistant");
          text("content", m.text());
        }
        case TOOL_CALL -> {
          g.writeStringField("role", "assistant");
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "tool_use");
          g.writeStringField("id", m.toolId());
          g.writeStringField("name", m.toolName());
          g.writeFieldName("input");
          g.writeRawValue(m.text());
          g.writeEndObject();
          g.writeEndArray();
        }
        case TOOL_RESULT -> {
          g.writeStringField("role", "user");
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "tool_result");
          g.writeStringField("tool_use_id", m.toolId());
          g.writeStringField("content", m.text());
          g.writeEndObject();
          g.writeEndArray();
        }
      }
      g.writeEndObject();
      i++;
    }
    g.writeEndArray();
    if (!Double.isNaN(c.temperature)) {
      g.writeNumberField("temperature", c.temperature);
    }
    if (!Double.isNaN(c.topP)) {
      g.writeNumberField("top_p", c.topP);
    }
    if (c.stream) {
      g.writeBooleanField("stream", true);
    }
    if (c.thinkingBudget > 0) {
      g.writeObjectFieldStart("thinking");
      g.writeStringField("type", "enabled");
      g.writeNumberField("budget_tokens", c.thinkingBudget);
      g.writeEndObject();
    }
    if (c.tools != null || c.answerSchema != null) {
      g.writeArrayFieldStart("tools");
      if (c.tools != null) {
        for (ProjectText.Tool t : c.tools) {
          anthropicTool(t.name(), t.description(), t.parametersJson());
        }
      }
      if (c.answerSchema != null) {
        // Anthropic's structured output: one tool whose input is the answer, and force it
        anthropicTool(c.answerSchema.name(), "Record the answer.", c.answerSchema.schemaJson());
      }
      g.writeEndArray();
      if (c.answerSchema != null) {
        g.writeObjectFieldStart("tool_choice");
        g.writeStringField("type", "tool");
        g.writeStringField("name", c.answerSchema.name());
        g.writeEndObject();
      }
    }
    g.writeEndObject();
  }

  private void anthropicTool(String name, String description, String inputSchemaJson)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("description", description);
    g.writeFieldName("input_schema");
    g.writeRawValue(inputSchemaJson);
    g.writeEndObject();
  }

  /** The fields OpenAI's json_schema format takes: {@code name}, {@code strict}, {@code schema}. */
  private void strictSchema(ProjectText.AnswerSchema a) throws IOException {
    g.writeStringField("name", a.name());
    g.writeBooleanField("strict", true);
    g.writeFieldName("schema");
    g.writeRawValue(a.schemaJson());
  }

  private void content(String text, boolean blocks, String type) throws IOException {
    if (blocks) {
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", type);
      text("text", text);
      g.writeEndObject();
      g.writeEndArray();
    } else {
      text("content", text);
    }
  }

  private void text0(String value) throws IOException {
    com.fasterxml.jackson.core.io.SerializedString q = quoted.get(value);
    if (q != null) {
      g.writeString(q);
    } else {
      g.writeString(value);
    }
  }

  private void text(String field, String value) throws IOException {
    g.writeFieldName(field);
    com.fasterxml.jackson.core.io.SerializedString q = quoted.get(value);
    if (q != null) {
      g.writeString(q);
    } else {
      g.writeString(value);
    }
  }
}
