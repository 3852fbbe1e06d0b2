package io.distillguard.core.ingest;

import static io.distillguard.core.ingest.ExchangeParserContractTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The schema an answer must follow, in each API's own way of asking for structured output: its
 * property names and descriptions reach the request, other tools' schemas do not.
 */
class AnswerSchemaParsingTest {

  private final ExchangeParser parser = new ExchangeParser();

  static final String STEPS = "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"array\","
      + "\"items\":{\"type\":\"object\",\"properties\":{\"explanation\":{\"type\":\"string\","
      + "\"description\":\"Why this step.\"},\"output\":{\"type\":\"string\"}}}},"
      + "\"final_answer\":{\"type\":\"string\"}},\"required\":[\"steps\",\"final_answer\"]}";

  private Request parse(String endpoint, String body) {
    String l = line(endpoint, body);
    Request a = parser.parse(l).request();
    byte[] b = l.getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(b, 0, b.length).request()).isEqualTo(a);
    return a;
  }

  @Test
  void openAiChatResponseFormat_givesPropertyNamesInOrderAndDescriptions() {
    Request r = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}],"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"math\","
        + "\"description\":\"A worked solution.\",\"strict\":true,\"schema\":" + STEPS + "}}}");
    assertThat(r.answerFields()).containsExactly("steps", "explanation", "output", "final_answer");
    assertThat(r.answerNotes()).isEqualTo("A worked solution.\n\nWhy this step.");
  }

  @Test
  void responsesTextFormat_andAnthropicOutputFormat_areReadAlike() {
    Request resp = parse("/v1/responses", "{\"input\":\"2+2?\",\"text\":{\"format\":{\"type\":\"json_schema\","
        + "\"name\":\"math\",\"schema\":" + STEPS + "},\"verbosity\":\"low\"}}");
    Request msgs = parse("/v1/messages", "{\"max_tokens\":512,\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}],"
        + "\"output_format\":{\"type\":\"json_schema\",\"schema\":" + STEPS + "}}");
    assertThat(resp.answerFields()).containsExactly("steps", "explanation", "output", "final_answer");
    assertThat(msgs.answerFields()).isEqualTo(resp.answerFields());
  }

  @Test
  void forcedTool_isTheAnswerSchema_inAnthropicAndOpenAiShapes() {
    String tools = "[{\"name\":\"search\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"query\":{}}}},"
        + "{\"name\":\"record\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"reasoning\":{},\"answer\":{}}}}]";
    Request anthropic = parse("/v1/messages", "{\"max_tokens\":512,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"record\"},\"tools\":" + tools + "}");
    assertThat(anthropic.answerFields()).containsExactly("reasoning", "answer");
    assertThat(anthropic.toolNames()).containsExactly("search", "record");

    Request openAi = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"query\":{}}}}},{\"type\":\"function\",\"function\":{\"name\":\"record\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"rationale\":{},\"answer\":{}}}}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"record\"}}}");
    assertThat(openAi.answerFields()).containsExactly("rationale", "answer");

    Request required = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"only\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"thoughts\":{}}}}}]}");
    assertThat(required.answerFields()).containsExactly("thoughts");
  }

  @Test
  void toolsTheModelMayChooseAmong_areNotAnAnswerSchema() {
    // an agent's tools, one of which has a "reasoning" parameter: the model decides, nothing is forced
    Request auto = parse("/v1/messages", "{\"max_tokens\":512,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tools\":[{\"name\":\"act\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"reasoning\":{}}}}],"
        + "\"tool_choice\":{\"type\":\"auto\"}}");
    assertThat(auto.answerFields()).isEmpty();
    assertThat(auto.answerNotes()).isEmpty();
    Request anyOfTwo = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\",\"parameters\":"
        + "{\"properties\":{\"reasoning\":{}}}}},{\"type\":\"function\",\"function\":{\"name\":\"b\",\"parameters\":{}}}]}");
    assertThat(anyOfTwo.answerFields()).isEmpty();
  }

  @Test
  void keywordsAndDefinitionNames_areNotFields_butPropertiesNamedLikeKeywordsAre() {
    Request r = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{"
        + "\"$defs\":{\"Step\":{\"type\":\"object\",\"properties\":{\"why\":{}}}},"
        + "\"type\":\"object\",\"properties\":{\"description\":{\"type\":\"string\"},\"properties\":{},"
        + "\"items\":{\"$ref\":\"#/$defs/Step\"}},\"anyOf\":[{\"properties\":{\"alt\":{}}}]}}}}");
    assertThat(r.answerFields()).containsExactly("why", "description", "properties", "items", "alt");
  }

  @Test
  void garbageSchemas_neverFailTheLine_andStayBounded() {
    // wrong types everywhere: the exchange is kept, nothing is read from them
    for (String rf : new String[] {"\"json\"", "42", "null", "[1,{\"properties\":[\"a\"]}]",
        "{\"json_schema\":{\"schema\":{\"properties\":\"steps\"}}}",
        "{\"json_schema\":{\"schema\":{\"properties\":{\"a\":{\"description\":7}}}}}"}) {
      Request r = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
          + "\"response_format\":" + rf + ",\"tool_choice\":" + rf + ",\"text\":" + rf + "}");
      assertThat(r.messages()).hasSize(1);
      // at most the one well-formed property, once from response_format and once from text
      assertThat(r.answerFields()).allMatch("a"::equals).hasSizeLessThanOrEqualTo(2);
    }
    // thousands of properties, long names and descriptions, nested 300 deep
    StringBuilder props = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      props.append(i == 0 ? "" : ",").append("\"").append("f".repeat(200)).append(i)
          .append("\":{\"description\":\"").append("d".repeat(300)).append("\"}");
    }
    String deep = "{\"properties\":{\"a\":".repeat(300) + "{}" + "}}".repeat(300);
    Request r = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"response_format\":{\"json_schema\":{\"schema\":{\"properties\":{" + props + "}}}},"
        + "\"output_format\":" + deep + "}");
    assertThat(r.answerFields()).hasSize(SchemaWords.MAX_FIELDS)
        .allSatisfy(f -> assertThat(f).hasSize(SchemaWords.MAX_FIELD_CHARS));
    assertThat(r.answerNotes().length()).isLessThanOrEqualTo(SchemaWords.MAX_NOTE_CHARS);
  }

  @Test
  void requestWithoutSchema_hasNone() {
    Request r = parse("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"response_format\":{\"type\":\"json_object\"}}");
    assertThat(r.answerFields()).isEmpty();
    assertThat(r.answerNotes()).isEmpty();
  }
}
