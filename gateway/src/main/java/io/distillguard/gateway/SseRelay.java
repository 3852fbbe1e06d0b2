package io.distillguard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Watches a server-sent-events stream as it passes, chunk by chunk, for token usage and the finish
 * reason (OpenAI's final {@code usage} chunk, Anthropic's {@code message_start} / {@code
 * message_delta}, the Responses API's {@code response.completed}).
 *
 * <p>When the gateway added {@code stream_options.include_usage} itself ({@code hideUsageChunk}),
 * the client did not ask for the usage-only chunk and must not see it: then only whole events are
 * forwarded (a partial event waits for its end), and the usage-only chunk is dropped. Otherwise
 * every chunk is forwarded untouched as soon as it arrives and the scan only reads a copy.
 *
 * <p>Bounded: an event longer than {@link #MAX_EVENT_BYTES} stops the scan (usage stays unknown)
 * and the stream continues byte for byte. Only events that can carry usage are JSON-parsed.
 * Used on one event loop; not thread-safe.
 */
final class SseRelay {

  static final int MAX_EVENT_BYTES = 1 << 20;

  private final boolean hideUsageChunk;
  private final ObjectMapper mapper;
  private Buffer pending = Buffer.buffer();
  private boolean gaveUp;
  private Usage usage = Usage.NONE;

  SseRelay(boolean hideUsageChunk, ObjectMapper mapper) {
    this.hideUsageChunk = hideUsageChunk;
    this.mapper = mapper;
  }

  Usage usage() {
    return usage;
  }

  /** Takes one upstream chunk; returns the bytes to send to the client now (may be empty). */
  Buffer onChunk(Buffer chunk) {
    if (gaveUp) {
      return chunk;
    }
    // What was held back holds no complete blank line (else it would have been cut), so only a
    // blank line ending in the new bytes can be new: scanning all of pending again on every chunk
    // was quadratic in an event's size (up to MAX_EVENT_BYTES).
    int held = pending.length();
    pending.appendBuffer(chunk);
    int end = lastEventEnd(pending, held);
    Buffer out = hideUsageChunk ? Buffer.buffer(end > 0 ? end : 0) : chunk;
    if (end > 0) {
      scanEvents(pending, end, hideUsageChunk ? out : null);
      pending = end == pending.length() ? Buffer.buffer() : pending.getBuffer(end, pending.length());
    }
    if (pending.length() > MAX_EVENT_BYTES) {
      gaveUp = true;
      if (hideUsageChunk) {
        out.appendBuffer(pending);
      }
      pending = Buffer.buffer();
    }
    return out;
  }

  /** End of stream: whatever is still held back (an unterminated last event). */
  Buffer finish() {
    Buffer rest = pending;
    pending = Buffer.buffer();
    if (!gaveUp && rest.length() > 0) {
      scanEvents(rest, rest.length(), null);
    }
    return hideUsageChunk ? rest : Buffer.buffer();
  }

  /**
   * Offset just past the last blank line ({@code \n\n} or {@code \r\n\r\n}) whose final
   * {@code \n} is at or after {@code from}, or 0.
   */
  private static int lastEventEnd(Buffer b, int from) {
    for (int i = b.length() - 1; i >= Math.max(1, from); i--) {
      if (b.getByte(i) == '\n') {
        byte p = b.getByte(i - 1);
        if (p == '\n') {
          return i + 1;
        }
        if (p == '\r' && i >= 2 && b.getByte(i - 2) == '\n') {
          return i + 1;
        }
      }
    }
    return 0;
  }

  /** Reads events in b[0, end); copies each to {@code out} unless it is the hidden usage chunk. */
  private void scanEvents(Buffer b, int end, Buffer out) {
    int start = 0;
    while (start < end) {
      int next = nextEventEnd(b, start, end);
      boolean keep = inspect(b.getString(start, next, "UTF-8"));
      if (out != null && keep) {
        out.appendBuffer(b, start, next - start);
      }
      start = next;
    }
  }

  private static int nextEventEnd(Buffer b, int from, int end) {
    for (int i = from + 1; i < end; i++) {
      if (b.getByte(i) == '\n') {
        byte p = b.getByte(i - 1);
        if (p == '\n' || (p == '\r' && i >= 2 && b.getByte(i - 2) == '\n')) {
          return i + 1;
        }
      }
    }
    return end;
  }

  /** Updates usage from one event; false when it is the usage-only chunk to hide. */
  private boolean inspect(String event) {
    if (!(event.contains("usage") || event.contains("_reason\":\"")
        || event.contains("_reason\": \"") || event.contains("response.completed"))) {
      return true;
    }
    StringBuilder data = new StringBuilder();
    for (String line : event.split("\r?\n")) {
      if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
      }
    }
    if (data.length() == 0 || data.charAt(0) != '{') {
      return true;
    }
    JsonNode n;
    try {
      n = mapper.readTree(data.toString().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return true;
    }
    usage = usage.merge(Usage.fromJson(n));
    boolean usageOnly =
        n.path("usage").isObject() && n.path("choices").isArray() && n.path("choices").isEmpty();
    return !(hideUsageChunk && usageOnly);
  }
}
