package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What the request path needs from a request body, read with one streaming pass and no tree: the
 * body is a JSON object, its top-level {@code model}, whether it asks for a stream, and whether it
 * already asks for usage in the stream. Nested values are skipped token by token (still checked for
 * syntax, so a malformed body is still a 400), never materialised; the exchange line is built from
 * the raw bytes later, on the engine thread.
 *
 * @param model top-level {@code model} as text, or null when absent
 * @param stream top-level {@code stream} is truthy
 * @param streamOptions kind of top-level {@code stream_options}
 * @param includeUsage {@code stream_options.include_usage} is truthy
 */
record RequestScan(String model, boolean stream, Kind streamOptions, boolean includeUsage) {

  /** Shape of a top-level member that matters for the usage rewrite. */
  enum Kind {
    ABSENT,
    NULL,
    OBJECT,
    OTHER
  }

  /** Scans {@code body}; null when it is not one well-formed JSON object. */
  static RequestScan of(JsonFactory f, byte[] body, int length) {
    try (JsonParser p = f.createParser(body, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String model = null;
      boolean stream = false;
      Kind so = Kind.ABSENT;
      boolean include = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "model" -> {
            model = v.isStructStart() ? "" : p.getText();
            p.skipChildren();
          }
          case "stream" -> {
            stream = truthy(p, v);
            p.skipChildren();
          }
          case "stream_options" -> {
            include = false;
            if (v == JsonToken.VALUE_NULL) {
              so = Kind.NULL;
            } else if (v == JsonToken.START_OBJECT) {
              so = Kind.OBJECT;
              JsonToken u;
              while ((u = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean iu = "include_usage".equals(p.currentName());
                JsonToken uv = p.nextToken();
                if (iu) {
                  include = truthy(p, uv);
                }
                p.skipChildren();
              }
              if (u != JsonToken.END_OBJECT) {
                return null;
              }
            } else {
              so = Kind.OTHER;
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return null;
      }
      return new RequestScan(model, stream, so, include);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Jackson's {@code JsonNode.asBoolean()} semantics, which the tree-based path used. */
  private static boolean truthy(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_TRUE -> true;
      case VALUE_NUMBER_INT -> p.getLongValue() != 0;
      case VALUE_STRING -> "true".equals(p.getText().trim());
      default -> false;
    };
  }

  /** Whether an OpenAI stream must be asked for usage upstream (and the usage chunk hidden). */
  boolean needsUsageInjection() {
    return stream && (streamOptions == Kind.ABSENT || streamOptions == Kind.NULL
        || (streamOptions == Kind.OBJECT && !includeUsage));
  }
}
