package io.distillguard.core.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a JSON schema asks an answer to contain, read off the stream: its property names and its
 * descriptions, bounded. A structured-output schema is an instruction like a system prompt ("a list
 * of steps, each with its explanation, then the final answer"), so the features read it as one.
 * Keywords, {@code $defs} names and values other than descriptions are not kept. Not thread-safe.
 */
final class SchemaWords {

  /** Property names kept: a real answer schema has a handful; the rest adds nothing. */
  static final int MAX_FIELDS = 32;
  static final int MAX_NOTE_CHARS = 1024;
  static final int MAX_FIELD_CHARS = 64;

  final List<String> fields = new ArrayList<>(4);
  final StringBuilder notes = new StringBuilder();

  boolean isEmpty() {
    return fields.isEmpty() && notes.length() == 0;
  }

  /**
   * Reads the value at the parser's current token (a schema, or any object holding one, such as
   * {@code response_format}) to its end. Recursion follows the document's nesting, which the
   * parser's depth limit bounds.
   */
  void read(JsonParser p) throws IOException {
    read(p, false);
  }

  private void read(JsonParser p, boolean propertyMap) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        read(p, false);
      }
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      return; // a scalar: nothing to keep
    }
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (propertyMap) {
        if (fields.size() < MAX_FIELDS) {
          fields.add(name.length() <= MAX_FIELD_CHARS ? name : name.substring(0, MAX_FIELD_CHARS));
        }
        read(p, false);
      } else if ("description".equals(name) && v == JsonToken.VALUE_STRING) {
        note(p);
      } else if ("properties".equals(name)) {
        read(p, true);
      } else {
        read(p, false); // items, anyOf, $defs, json_schema, schema, format, ...
      }
    }
  }

  private void note(JsonParser p) throws IOException {
    int room = MAX_NOTE_CHARS - notes.length();
    if (room <= 2) {
      return;
    }
    if (notes.length() > 0) {
      notes.append("\n\n"); // each description its own paragraph: no phrase spans two
      room -= 2;
    }
    String s = ExchangeParser.bounded(p, room);
    notes.append(s);
  }

  /** Adds {@code other}'s words, within the bounds. */
  void addAll(SchemaWords other) {
    for (String f : other.fields) {
      if (fields.size() < MAX_FIELDS) {
        fields.add(f);
      }
    }
    if (other.notes.length() > 0) {
      int room = MAX_NOTE_CHARS - notes.length() - 2;
      if (room > 0) {
        if (notes.length() > 0) {
          notes.append("\n\n");
        }
        int n = Math.min(room, other.notes.length());
        if (n < other.notes.length() && Character.isHighSurrogate(other.notes.charAt(n - 1))) {
          n--;
        }
        notes.append(other.notes, 0, n);
      }
    }
  }
}
