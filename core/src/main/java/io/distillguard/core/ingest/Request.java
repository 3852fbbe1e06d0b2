package io.distillguard.core.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Normalised view of a request body, the same for the OpenAI (chat/completions, completions,
 * responses) and Anthropic (messages) shapes. Text from content blocks is flattened; images and other
 * non-text blocks are counted, not kept. Numeric parameters the client did not send are {@code -1}
 * (or {@code NaN} for real numbers).
 *
 * @param shape which request shape the body had
 * @param system system / developer instructions (all of them joined by newlines), or empty
 * @param messages conversation turns in order, excluding system messages
 * @param temperature sampling temperature or NaN
 * @param topP nucleus parameter or NaN
 * @param n number of completions requested, or -1
 * @param maxTokens max_tokens / max_completion_tokens / max_output_tokens, or -1
 * @param logprobs whether log-probabilities were requested
 * @param topLogprobs top_logprobs (OpenAI chat) or logprobs count (legacy completions), or -1
 * @param stream whether the client asked for a stream
 * @param toolNames names of the tools offered (bounded list)
 * @param reasoningEffort reasoning_effort / reasoning.effort, or null
 * @param thinkingBudget Anthropic thinking.budget_tokens, or -1; 0 when thinking is enabled without
 *     a budget
 * @param nonTextParts count of image/audio/file parts across the messages
 * @param answerFields property names of the schema the answer must follow (response_format,
 *     Responses text.format, output_format, or the parameters of the one tool the client forces),
 *     as sent, bounded; empty without one
 * @param answerNotes that schema's descriptions, one paragraph each, bounded; empty without one
 */
public record Request(
    ApiShape shape,
    String system,
    List<Message> messages,
    double temperature,
    double topP,
    int n,
    int maxTokens,
    boolean logprobs,
    int topLogprobs,
    boolean stream,
    List<String> toolNames,
    String reasoningEffort,
    int thinkingBudget,
    int nonTextParts,
    List<String> answerFields,
    String answerNotes) {

  public Request {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(answerNotes, "answerNotes");
    messages = List.copyOf(messages);
    toolNames = List.copyOf(toolNames);
    answerFields = List.copyOf(answerFields);
  }

  /** Request shapes we understand. */
  public enum ApiShape {
    OPENAI_CHAT,
    OPENAI_COMPLETIONS,
    OPENAI_RESPONSES,
    ANTHROPIC_MESSAGES,
    UNKNOWN
  }

  /** Role of a conversation turn. */
  public enum Role {
    USER,
    ASSISTANT,
    TOOL,
    OTHER
  }

  /**
   * One conversation turn, flattened to text.
   *
   * @param role who spoke
   * @param text the text content (tool results included as text for role TOOL)
   * @param toolCall whether an assistant turn carried tool calls (or a user turn tool results)
   */
  public record Message(Role role, String text, boolean toolCall) {
    public Message {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Text of the last user turn, or empty. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if (m.role() == Role.USER) {
        return m.text();
      }
    }
    return "";
  }

  /** Number of assistant turns carried in the history. */
  public int assistantTurns() {
    int c = 0;
    for (Message m : messages) {
      if (m.role() == Role.ASSISTANT) {
        c++;
      }
    }
    return c;
  }
}
