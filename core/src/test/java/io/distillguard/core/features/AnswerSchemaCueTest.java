package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.distillguard.core.ingest.ExchangeParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asking for the working through a structured-output schema is asking for it: a schema whose fields
 * hold it counts as a step-by-step cue, and as a fixed instruction (like a system prompt's) unless
 * the user turn asks too. Product schemas that only mention an explanation or steps do not count.
 */
class AnswerSchemaCueTest {

  private static ExchangeFeatures parsed(String endpoint, String body) {
    return new FeatureExtractor().extract(new ExchangeParser().parse(
        "{\"ts\":\"2026-11-02T14:03:11Z\",\"request_id\":\"r\",\"account_id\":\"a\",\"endpoint\":\""
            + endpoint + "\",\"model\":\"m\",\"request\":" + body
            + ",\"response\":{\"status\":200,\"prompt_tokens\":40,\"completion_tokens\":900}}"));
  }

  private static String chat(String user, String schema) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}],"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":" + schema + "}}}";
  }

  private static String props(String... names) {
    StringBuilder sb = new StringBuilder("{\"type\":\"object\",\"properties\":{");
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(names[i]).append("\":{\"type\":\"string\"}");
    }
    return sb.append("}}").toString();
  }

  @Test
  void stepsWithExplanations_orAFieldForTheWorking_elicitCot_asAFixedInstruction() {
    String question = "A train leaves at 3pm at 60 mph. When has it gone 150 miles?";
    ExchangeFeatures plain = parsed("/v1/chat/completions", chat(question, props("answer")));
    assertThat(plain.cotElicitation()).isLessThan(FeatureExtractor.STRONG);

    String tutor = "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
        + "\"properties\":{\"explanation\":{\"type\":\"string\"},\"output\":{\"type\":\"string\"}}}},"
        + "\"final_answer\":{\"type\":\"string\"}}}";
    for (String schema : new String[] {tutor, props("chain_of_thought", "answer"), props("reasoningSteps", "result"),
        props("rationale", "label"), props("scratchpad", "answer"), props("思考过程", "答案"), props("razonamiento", "respuesta")}) {
      ExchangeFeatures f = parsed("/v1/chat/completions", chat(question, schema));
      assertThat(f.cotElicitation()).as(schema).isGreaterThanOrEqualTo(FeatureExtractor.STRONG);
      assertThat(f.cotFromSystem()).as(schema).isTrue();
    }
  }

  @Test
  void theSameSchema_asAnthropicForcedTool_andResponsesFormat_countsAlike() {
    String schema = props("reasoning", "answer");
    ExchangeFeatures anthropic = parsed("/v1/messages", "{\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Why is the sky blue?\"}],\"tools\":[{\"name\":\"answer\",\"input_schema\":" + schema + "}],"
        + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"answer\"}}");
    ExchangeFeatures responses = parsed("/v1/responses", "{\"input\":\"Why is the sky blue?\",\"text\":{\"format\":"
        + "{\"type\":\"json_schema\",\"name\":\"a\",\"schema\":" + schema + "}}}");
    assertThat(anthropic.cotElicitation()).isEqualTo(AnswerSchema.NAMED);
    assertThat(responses.cotElicitation()).isEqualTo(AnswerSchema.NAMED);
    // an agent's unforced tool with a "reasoning" parameter is not an answer schema
    ExchangeFeatures agent = parsed("/v1/messages", "{\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Why is the sky blue?\"}],\"tools\":[{\"name\":\"answer\",\"input_schema\":" + schema + "}]}");
    assertThat(agent.cotElicitation()).isLessThan(FeatureExtractor.STRONG);
  }

  @Test
  void productSchemas_withOneExplanationOrAListOfSteps_areNotElicitation() {
    String q = "Classify: the parcel never arrived.";
    for (String schema : new String[] {props("label", "explanation"), props("ingredients", "steps"),
        props("label", "reason"), props("title", "summary", "tags"), props("answer", "citations"),
        props("urteil", "begründung")}) {
      assertThat(parsed("/v1/chat/completions", chat(q, schema)).cotElicitation()).as(schema)
          .isLessThan(FeatureExtractor.STRONG);
    }
  }

  @Test
  void aDescriptionAskingForTheWorking_isScannedLikeASystemPrompt() {
    String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\",\"description\":"
        + "\"Think step by step and justify each step before giving the answer.\"}}}";
    ExchangeFeatures f = parsed("/v1/chat/completions", chat("What is 17 * 23?", schema));
    assertThat(f.cotElicitation()).isGreaterThanOrEqualTo(FeatureExtractor.STRONG);
    assertThat(f.cotFromSystem()).isTrue();
  }

  @Test
  void aUserTurnThatAsksToo_isNotAFixedInstruction() {
    ExchangeFeatures f = parsed("/v1/chat/completions",
        chat("Let's think step by step: what is 17 * 23?", props("reasoning", "answer")));
    assertThat(f.cotElicitation()).isGreaterThanOrEqualTo(FeatureExtractor.STRONG);
    assertThat(f.cotFromSystem()).isFalse();
  }

  @Test
  void moreFields_neverLowerTheCue_andOrderDoesNotMatter() {
    qt().forAll(lists().of(strings().betweenCodePoints('A', 'z').ofLengthBetween(0, 20)).ofSizeBetween(0, 8),
            lists().of(strings().betweenCodePoints('A', 'z').ofLengthBetween(0, 20)).ofSizeBetween(0, 8))
        .checkAssert((a, b) -> {
          List<String> both = new ArrayList<>(a);
          both.addAll(b);
          assertThat(AnswerSchema.cot(both)).isGreaterThanOrEqualTo(AnswerSchema.cot(a));
          List<String> reversed = new ArrayList<>(both);
          java.util.Collections.reverse(reversed);
          assertThat(AnswerSchema.cot(reversed)).isEqualTo(AnswerSchema.cot(both));
        });
  }
}
