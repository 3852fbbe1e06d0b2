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
    if (notes.length() < MAX_NOTE_CHARS - 2) {
      appendNote(ExchangeParser.bounded(p, MAX_NOTE_CHARS));
    }
  }

  /**
   * Appends one description as its own paragraph (no phrase spans two), cut to what room is left
   * without splitting a surrogate pair.
   */
  private void appendNote(CharSequence s) {
    int room = MAX_NOTE_CHARS - notes.length();
    if (notes.length() > 0) {
      room -= 2;
    }
    if (room <= 0) {
      return;
    }
    if (notes.length() > 0) {
      notes.append("\n\n");
    }
    int n = Math.min(room, s.length());
    if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
      n--;
    }
    notes.append(s, 0, n);
  }

  /** Adds {@code other}'s words, within the bounds. */
  void addAll(SchemaWords other) {
    for (String f : other.fields) {
      if (fields.size() < MAX_FIELDS) {
        fields.add(f);
      }
    }
    if (other.notes.length() > 0) {
      appendNote(other.notes);
    }
  }
}
