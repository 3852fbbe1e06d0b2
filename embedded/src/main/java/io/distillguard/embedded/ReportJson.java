package io.distillguard.embedded;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes {@code distillguard.report/v1} documents: pretty-printed, fields in the order of
 * the {@link Report} record components, so two runs over the same input diff cleanly (apart from
 * {@code generated_at}).
 */
public final class ReportJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

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
