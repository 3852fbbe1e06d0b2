package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private static Usage body(String json) {
    return Usage.fromJsonBody(Buffer.buffer(json), JSON);
  }

  /** The whole-tree reading the engine thread used before members were picked while streaming. */
  private static Usage reference(String json) {
    try {
      return Usage.fromJson(JSON.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return Usage.NONE;
    }
  }

  private static final List<String> MEMBERS =
      List.of(
          "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"usage: \\\"x\\\"\"},"
              + "\"finish_reason\":\"stop\"}]",
          "\"choices\":[{\"finish_reason\":null},{\"finish_reason\":\"length\",\"finish_reason\":\"tool_calls\"}]",
          "\"choices\":[]", "\"choices\":[1,\"a\",[{\"finish_reason\":\"x\"}]]", "\"choices\":{\"finish_reason\":\"s\"}",
          "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"completion_tokens_details\":{\"reasoning_tokens\":3}}",
          "\"usage\":{\"input_tokens\":5,\"output_tokens\":9,\"cache_read_input_tokens\":2,"
              + "\"cache_creation_input_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":4}}",
          "\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":1.5,\"input_tokens\":99999999999}",
          "\"usage\":null", "\"usage\":[1]",
          "\"type\":\"message\"", "\"type\":\"message_start\"", "\"type\":\"message_delta\"",
          "\"type\":\"response.completed\"", "\"type\":7",
          "\"stop_reason\":\"end_turn\"", "\"stop_reason\":null",
          "\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}",
          "\"delta\":{\"stop_reason\":\"max_tokens\"}",
          "\"response\":{\"status\":\"completed\",\"usage\":{\"input_tokens\":8,\"output_tokens\":2}}",
          "\"object\":\"response\"", "\"object\":\"chat.completion\"", "\"status\":\"incomplete\"",
          "\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"finish_reason\"}]}]",
          "\"content\":[{\"type\":\"text\",\"text\":\"{\\\"usage\\\":1}\"}]", "\"id\":\"x\",\"created\":1.0e3");

  private static String object(List<Integer> picks) {
    StringBuilder sb = new StringBuilder("{");
    for (int p : picks) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(MEMBERS.get(p % MEMBERS.size()));
    }
    return sb.append('}').toString();
  }

  @Test
  void fromJsonBody_chatCompletion_readsTokensAndFinishReason() {
    Usage u = body("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":"
        + "{\"prompt_tokens\":11,\"completion_tokens\":2,\"total_tokens\":13}}");
    assertThat(u).isEqualTo(new Usage(11, 2, -1, "stop"));
  }

  @Test
  void fromJsonBody_notAJsonObject_returnsNone() {
    for (String bad : List.of("", "[]", "42", "\"s\"", "{", "{\"usage\":", "{\"a\":[1,}", "nope", "{\"a\":{}")) {
      assertThat(body(bad)).as(bad).isEqualTo(Usage.NONE);
    }
  }

  @Test
  void fromJsonBody_generatedBodies_agreesWithWholeTreeReading() {
    qt().withExamples(1000)
        .forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(0, 8))
        .checkAssert(picks -> {
          String b = object(picks);
          assertThat(body(b)).as(b).isEqualTo(reference(b));
        });
  }

  @Test
  void fromJsonBody_everyPrefixOfABody_agreesWithWholeTreeReading() {
    qt().withExamples(40)
        .forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(1, 5))
        .checkAssert(picks -> {
          String b = object(picks) + " trailing";
          for (int cut = 0; cut <= b.length(); cut++) {
            String prefix = b.substring(0, cut);
            assertThat(body(prefix)).as(prefix).isEqualTo(reference(prefix));
          }
        });
  }

  @Test
  void fromJsonBody_tooDeepOutsideTheReadMembers_returnsNoneLikeTheTreeParser() {
    String deep = "{\"usage\":{\"prompt_tokens\":1},\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThat(body(deep)).isEqualTo(reference(deep)).isEqualTo(Usage.NONE);
  }

  @Test
  void readTree_buildsTheSameTreeAsObjectMapper() throws Exception {
    for (String v : List.of(
        "1", "-7", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "1.5", "-0.0", "1e3", "1.0E-7", "0.1234567890123456789",
        "1e400", "\"s\"", "\"\\u00e9\\n\"", "true", "false", "null", "[]", "{}",
        "[1,[2,[3,{\"a\":null}]],\"x\"]", "{\"a\":1,\"a\":{\"b\":[true]},\"c\":-2.5}")) {
      try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(v)) {
        p.nextToken();
        com.fasterxml.jackson.databind.JsonNode ours = Usage.readTree(p, JSON.getNodeFactory());
        com.fasterxml.jackson.databind.JsonNode theirs = JSON.readTree(v);
        assertThat(ours).as(v).isEqualTo(theirs);
        assertThat(ours.getClass()).as(v).isEqualTo(theirs.getClass());
        assertThat(ours.toString()).as(v).isEqualTo(theirs.toString());
      }
    }
  }
}
