package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;

/**
 * Structured one-line JSON logs. Callers pass only safe values: event names, account ids, key ids
 * (hashes), statuses, counters; never raw keys or prompt text. Values are JSON-escaped and bounded,
 * so a hostile account id cannot forge or flood log lines. Thread-safe.
 */
public final class JsonLog {

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_VALUE = 200;

  private final PrintStream out;
  private final GatewayClock clock;

  public JsonLog(PrintStream out, GatewayClock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Writes {@code {"ts","level","event", k1: v1, ...}}; {@code kv} alternates keys and values. */
  public void log(String level, String event, Object... kv) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.ofEpochMilli(clock.epochMillis()).toString());
      g.writeStringField("level", level);
      g.writeStringField("event", event);
      for (int i = 0; i + 1 < kv.length; i += 2) {
        Object v = kv[i + 1];
        String k = String.valueOf(kv[i]);
        if (v == null) {
          continue;
        }
        if (v instanceof Number n) {
          if (n instanceof Double || n instanceof Float) {
            g.writeNumberField(k, n.doubleValue());
          } else {
            g.writeNumberField(k, n.longValue());
          }
        } else if (v instanceof Boolean b) {
          g.writeBooleanField(k, b);
        } else {
          String s = String.valueOf(v);
          g.writeStringField(k, s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      return;
    }
    out.println(w);
  }

  public void info(String event, Object... kv) {
    log("info", event, kv);
  }

  public void warn(String event, Object... kv) {
    log("warn", event, kv);
  }
}
