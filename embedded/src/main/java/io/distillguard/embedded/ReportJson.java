package io.distillguard.embedded;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes {@code distillguard.report/v1} documents: pretty-printed, fields in the order of
 * the {@link Report} record components, so two runs over the same input diff cleanly (apart from
 * {@code generated_at}).
 *
 * <p>Every string is written as well-formed Unicode: a lone surrogate (JSON lets a client send one
 * as a {@code \ud800} escape, in a prompt that becomes an example prompt, say) is written as
 * U+FFFD. Jackson would write it as a {@code \uD800} escape, which strict readers (I-JSON, Rust's
 * serde_json) reject, so one hostile request could make the whole report unreadable for them.
 */
public final class ReportJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .addModule(new SimpleModule("well-formed-strings").addSerializer(String.class, new WellFormed()))
          .build();

  /** Writes strings with lone surrogates replaced by U+FFFD. */
  private static final class WellFormed extends StdScalarSerializer<String> {
    private static final long serialVersionUID = 1L;

    WellFormed() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeString(wellFormed(value));
    }
  }

  /** {@code s} with every lone surrogate replaced by U+FFFD; {@code s} itself when it has none. */
  static String wellFormed(String s) {
    StringBuilder b = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (b == null) {
        b = new StringBuilder(n).append(s, 0, i);
      }
      b.append('\uFFFD');
    }
    return b == null ? s : b.toString();
  }

  private ReportJson() {}

  public static void write(Report report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, report);
  }

  public static String toJson(Report report) throws IOException {
    return MAPPER.writeValueAsString(report);
  }

  public static Report read(InputStream in) throws IOException {
    return MAPPER.readValue(in, Report.class);
  }
}
