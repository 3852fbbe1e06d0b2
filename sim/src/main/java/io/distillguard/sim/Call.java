package io.distillguard.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Scratch description of one exchange, filled by a persona and serialised by {@link LineWriter}
 * into the shape its endpoint requires. Reused for every exchange (one per simulator thread), so
 * personas call {@link #reset} first.
 */
final class Call {

  static final String CHAT = "/v1/chat/completions";
  static final String COMPLETIONS = "/v1/completions";
  static final String RESPONSES = "/v1/responses";
  static final String MESSAGES = "/v1/messages";

  /** One message of the conversation, in an endpoint-neutral form. */
  record Msg(Kind kind, String text, String toolName, String toolId) {
    enum Kind { USER, ASSISTANT, TOOL_CALL, TOOL_RESULT }

    static Msg user(String text) {
      return new Msg(Kind.USER, text, null, null);
    }

    static Msg assistant(String text) {
      return new Msg(Kind.ASSISTANT, text, null, null);
    }
  }

  String endpoint;
  String model;
  String system;
  boolean systemBlocks;
  boolean contentBlocks;
  final List<Msg> msgs = new ArrayList<>();
  double temperature;
  double topP;
  int n;
  int maxTokens;
  boolean maxCompletionTokens;
  boolean logprobs;
  int topLogprobs;
  boolean stream;
  List<ProjectText.Tool> tools;
  /** Structured output: the answer's schema, or null. */
  ProjectText.AnswerSchema answerSchema;
  String reasoningEffort;
  int thinkingBudget;
  String apiKeyId;
  String ip;
  int asn;

  int status;
  int promptTokens;
  int completionTokens;
  int reasoningTokens;
  int latencyMs;
  String finishReason;

  void reset() {
    endpoint = CHAT;
    model = "frontier-large";
    system = null;
    systemBlocks = false;
    contentBlocks = false;
    msgs.clear();
    temperature = Double.NaN;
    topP = Double.NaN;
    n = 0;
    maxTokens = 0;
    maxCompletionTokens = false;
    logprobs = false;
    topLogprobs = 0;
    stream = false;
    tools = null;
    answerSchema = null;
    reasoningEffort = null;
    thinkingBudget = 0;
    apiKeyId = null;
    ip = null;
    asn = 0;
    status = 200;
    promptTokens = 0;
    completionTokens = 0;
    reasoningTokens = 0;
    latencyMs = 0;
    finishReason = "stop";
  }

  Call user(String text) {
    msgs.add(Msg.user(text));
    return this;
  }

  /** Approximate input tokens: about four characters per token plus per-message framing. */
  int estimatePromptTokens() {
    long chars = system == null ? 0 : system.length();
    for (Msg m : msgs) {
      chars += m.text() == null ? 16 : m.text().length();
    }
    long t = chars / 4 + 4L * msgs.size() + 3;
    if (tools != null) {
      for (ProjectText.Tool tool : tools) {
        t += (tool.description().length() + tool.parametersJson().length()) / 4 + 8;
      }
    }
    if (answerSchema != null) {
      t += answerSchema.schemaJson().length() / 4 + 8;
    }
    return (int) Math.min(t, 2_000_000);
  }
}
