package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestScanTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private static RequestScan scan(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return RequestScan.of(JSON.getFactory(), b, b.length);
  }

  /** The tree-based reading the request path used before the streaming scan. */
  private static RequestScan reference(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
    if (json == null || !json.isObject()) {
      return null;
    }
    JsonNode m = json.get("model");
    String model = m == null ? null : m.asText();
    JsonNode so = json.get("stream_options");
    RequestScan.Kind kind =
        so == null ? RequestScan.Kind.ABSENT
            : so.isNull() ? RequestScan.Kind.NULL
            : so.isObject() ? RequestScan.Kind.OBJECT : RequestScan.Kind.OTHER;
    boolean include = so != null && so.isObject() && so.path("include_usage").asBoolean(false);
    return new RequestScan(model, json.path("stream").asBoolean(false), kind, include);
  }

  private static final List<String> MODELS = List.of("\"gpt-x\"", "\"\"", "null", "17", "{\"a\":[1,2]}", "[\"m\"]");
  private static final List<String> STREAMS = List.of("true", "false", "\"true\"", "1", "0", "null", "{}");
  private static final List<String> OPTIONS =
      List.of("null", "{}", "{\"include_usage\":true}", "{\"include_usage\":false}",
          "{\"x\":{\"include_usage\":true},\"include_usage\":\"true\"}", "\"on\"", "[true]");
  private static final List<String> OTHERS =
      List.of("\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"model\\\": 1 {\"}]",
          "\"tools\":[{\"function\":{\"model\":\"inner\",\"stream\":true}}]", "\"temperature\":0.25",
          "\"n\":[[[[]]]]", "\"s\":\"\\u00e9\\n\"");

  private static String body(List<Integer> picks) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i + 1 < picks.size(); i += 2) {
      int what = picks.get(i) % 4;
      int v = picks.get(i + 1);
      if (sb.length() > 1) {
        sb.append(',');
      }
      switch (what) {
        case 0 -> sb.append("\"model\":").append(MODELS.get(v % MODELS.size()));
        case 1 -> sb.append("\"stream\":").append(STREAMS.get(v % STREAMS.size()));
        case 2 -> sb.append("\"stream_options\":").append(OPTIONS.get(v % OPTIONS.size()));
        default -> sb.append(OTHERS.get(v % OTHERS.size()));
      }
    }
    return sb.append('}').toString();
  }

  @Test
  void scan_chatRequest_readsModelStreamAndUsageOption() {
    RequestScan s = scan("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(s).isEqualTo(new RequestScan("gpt-4o", true, RequestScan.Kind.OBJECT, true));
    assertThat(s.needsUsageInjection()).isFalse();
    assertThat(scan("{\"model\":\"m\",\"stream\":true}").needsUsageInjection()).isTrue();
    assertThat(scan("{\"model\":\"m\"}").needsUsageInjection()).isFalse();
  }

  @Test
  void scan_notOneJsonObject_returnsNull() {
    for (String bad : List.of("", "[]", "\"s\"", "42", "{", "{\"a\":}", "{\"a\":[1,}", "{\"a\" 1}", "nul",
        "{\"stream_options\":{\"include_usage\":true}", "{\"a\":\"unterminated}")) {
      assertThat(scan(bad)).as(bad).isNull();
    }
  }

  @Test
  void scan_invalidUtf8AnywhereInTheBody_returnsNullLikeTheTreeParser() {
    // Otherwise such a body would be proxied but could not be logged or scored: an evasion.
    byte[][] bodies = {
        {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, '"', '}'},
        {'{', '"', 'x', '"', ':', '[', '{', '"', 'y', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}', ']', '}'},
        {'{', '"', (byte) 0xE2, (byte) 0x82, '"', ':', '1', '}'},
    };
    for (byte[] b : bodies) {
      assertThat(RequestScan.of(JSON.getFactory(), b, b.length)).isNull();
    }
  }

  @Test
  void scan_deeplyNestedBody_returnsNullInsteadOfRecursing() {
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertThat(scan(deep)).isNull();
  }

  @Test
  void scan_generatedBodies_agreesWithTreeReading() {
    qt().withExamples(500)
        .forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(0, 16))
        .checkAssert(picks -> {
          String b = body(picks);
          assertThat(scan(b)).as(b).isEqualTo(reference(b));
        });
  }

  @Test
  void scan_everyPrefixOfABody_acceptsOnlyWhatTheTreeParserAccepts() {
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(2, 12))
        .checkAssert(picks -> {
          String b = body(picks);
          for (int cut = 0; cut < b.length(); cut++) {
            String prefix = b.substring(0, cut);
            assertThat(scan(prefix) == null).as(prefix).isEqualTo(reference(prefix) == null);
          }
        });
  }
}
