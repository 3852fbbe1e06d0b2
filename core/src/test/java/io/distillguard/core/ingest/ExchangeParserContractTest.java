package io.distillguard.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.ingest.Request.ApiShape;
import io.distillguard.core.ingest.Request.Message;
import io.distillguard.core.ingest.Request.Role;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Real-looking requests of every supported shape, parsed from text and from bytes alike. */
class ExchangeParserContractTest {

  private final ExchangeParser parser = new ExchangeParser();

  static String line(String endpoint, String body) {
    return "{\"ts\":\"2026-11-02T14:03:11.482Z\",\"request_id\":\"req_1\",\"account_id\":\"acct_1\","
        + "\"endpoint\":\"" + endpoint + "\",\"model\":\"frontier-large\",\"request\":" + body
        + ",\"response\":{\"status\":200,\"prompt_tokens\":31,\"completion_tokens\":412}}";
  }

  /** Parses through both entry points and checks they agree. */
  private Exchange both(String line) {
    Exchange a = parser.parse(line);
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
    Exchange c = parser.parse(b, 2, b.length - 4);
    assertThat(c).isEqualTo(a);
    return a;
  }

  @Test
  void parse_specExampleLine_allEnvelopeFields() {
    String l =
        "{\"ts\":\"2026-11-02T14:03:11.482Z\",\"request_id\":\"req_8f2c\",\"account_id\":\"acct_1042\",\"api_key_id\":\"key_77\",\"client\":{\"ip\":\"198.51.100.23\",\"user_agent\":\"openai-python/1.54.0\",\"asn\":64500},\"account\":{\"created_at\":\"2026-10-30T09:12:00Z\",\"payment_fingerprint\":\"pm_5e1a\",\"email_domain\":\"example.com\",\"verified\":false,\"tier\":\"tier-1\"},\"endpoint\":\"/v1/chat/completions\",\"model\":\"frontier-large\",\"request\":{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant. Think step by step and show all of your reasoning.\"},{\"role\":\"user\",\"content\":\"Give three tips for staying healthy.\"}],\"temperature\":0.7,\"max_tokens\":2048},\"response\":{\"status\":200,\"prompt_tokens\":31,\"completion_tokens\":412,\"latency_ms\":5210,\"finish_reason\":\"stop\"}}";
    Exchange e = both(l);
    assertThat(e.tsMillis()).isEqualTo(OffsetDateTime.parse("2026-11-02T14:03:11.482Z").toInstant().toEpochMilli());
    assertThat(e.requestId()).isEqualTo("req_8f2c");
    assertThat(e.accountId()).isEqualTo("acct_1042");
    assertThat(e.apiKeyId()).isEqualTo("key_77");
    assertThat(e.orgId()).isNull();
    assertThat(e.client()).isEqualTo(new Exchange.ClientInfo("198.51.100.23", "openai-python/1.54.0", 64500));
    assertThat(e.account())
        .isEqualTo(new Exchange.AccountInfo(
            OffsetDateTime.parse("2026-10-30T09:12:00Z").toInstant().toEpochMilli(),
            "pm_5e1a", "example.com", 0, "tier-1"));
    assertThat(e.endpoint()).isEqualTo("/v1/chat/completions");
    assertThat(e.model()).isEqualTo("frontier-large");
    assertThat(e.response()).isEqualTo(new Exchange.ResponseInfo(200, 31, 412, -1, 5210, "stop"));
    Request r = e.request();
    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_CHAT);
    assertThat(r.system()).startsWith("You are a helpful assistant.");
    assertThat(r.messages()).containsExactly(new Message(Role.USER, "Give three tips for staying healthy.", false));
    assertThat(r.temperature()).isEqualTo(0.7);
    assertThat(r.topP()).isNaN();
    assertThat(r.maxTokens()).isEqualTo(2048);
    assertThat(r.n()).isEqualTo(-1);
    assertThat(r.logprobs()).isFalse();
    assertThat(r.thinkingBudget()).isEqualTo(-1);
  }

  @Test
  void parse_openAiChatWithPartsToolsAndHarvestParams_normalised() {
    Exchange e = both(line("/v1/chat/completions",
        "{\"messages\":["
            + "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Be terse.\"}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this image?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{}}}],"
            + "\"n\":8,\"logprobs\":true,\"top_logprobs\":20,\"max_completion_tokens\":32000,"
            + "\"reasoning_effort\":\"high\",\"stream\":true,\"top_p\":0.9}"));
    Request r = e.request();
    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_CHAT);
    assertThat(r.system()).isEqualTo("Be terse.");
    assertThat(r.messages()).containsExactly(
        new Message(Role.USER, "What is in this image?", false),
        new Message(Role.ASSISTANT, "", true),
        new Message(Role.TOOL, "42", true));
    assertThat(r.nonTextParts()).isEqualTo(1);
    assertThat(r.toolNames()).containsExactly("lookup");
    assertThat(r.n()).isEqualTo(8);
    assertThat(r.logprobs()).isTrue();
    assertThat(r.topLogprobs()).isEqualTo(20);
    assertThat(r.maxTokens()).isEqualTo(32000);
    assertThat(r.reasoningEffort()).isEqualTo("high");
    assertThat(r.stream()).isTrue();
    assertThat(r.topP()).isEqualTo(0.9);
    assertThat(r.lastUserText()).isEqualTo("What is in this image?");
    assertThat(r.assistantTurns()).isEqualTo(1);
  }

  @Test
  void parse_legacyCompletionsPromptArrayAndIntLogprobs_eachPromptAUserTurn() {
    Request r = both(line("/v1/completions",
        "{\"prompt\":[\"Q: 2+2?\\nA:\",[1,2,3],\"Q: capital of France?\\nA:\"],\"logprobs\":5,\"max_tokens\":16}"))
        .request();
    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_COMPLETIONS);
    assertThat(r.messages()).extracting(Message::text).containsExactly("Q: 2+2?\nA:", "Q: capital of France?\nA:");
    assertThat(r.logprobs()).isTrue();
    assertThat(r.topLogprobs()).isEqualTo(5);
  }

  @Test
  void parse_responsesApiItems_instructionsReasoningAndFunctionCalls() {
    Request r = both(line("/v1/responses",
        "{\"instructions\":\"You are a tutor.\",\"input\":["
            + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Solve x^2=4\"},{\"type\":\"input_image\",\"image_url\":\"x\"}]},"
            + "{\"type\":\"function_call\",\"call_id\":\"f\",\"name\":\"calc\",\"arguments\":\"{\\\"e\\\":1}\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"f\",\"output\":\"2\"},"
            + "{\"type\":\"reasoning\",\"summary\":[]},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"x=2 or x=-2\"}]}],"
            + "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"max_output_tokens\":9000,"
            + "\"include\":[\"message.output_text.logprobs\"],\"top_logprobs\":3,"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"calc\"},{\"type\":\"web_search\"}]}"))
        .request();
    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_RESPONSES);
    assertThat(r.system()).isEqualTo("You are a tutor.");
    assertThat(r.messages()).containsExactly(
        new Message(Role.USER, "Solve x^2=4", false),
        new Message(Role.ASSISTANT, "{\"e\":1}", true),
        new Message(Role.TOOL, "2", true),
        new Message(Role.ASSISTANT, "x=2 or x=-2", false));
    assertThat(r.nonTextParts()).isEqualTo(1);
    assertThat(r.reasoningEffort()).isEqualTo("high");
    assertThat(r.maxTokens()).isEqualTo(9000);
    assertThat(r.logprobs()).isTrue();
    assertThat(r.topLogprobs()).isEqualTo(3);
    assertThat(r.toolNames()).containsExactly("calc", "web_search");
  }

  @Test
  void parse_responsesApiPlainStringInput_oneUserTurn() {
    Request r = both(line("/v1/responses", "{\"input\":\"Explain recursion.\"}")).request();
    assertThat(r.messages()).containsExactly(new Message(Role.USER, "Explain recursion.", false));
  }

  @Test
  void parse_anthropicSystemBlocksToolUseAndThinking_normalised() {
    Request r = both(line("/v1/messages",
        "{\"model\":\"claude-x\",\"max_tokens\":16000,\"system\":[{\"type\":\"text\",\"text\":\"You are an expert.\","
            + "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"Show your work.\"}],"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10000},"
            + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}],"
            + "\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"secret\",\"signature\":\"s\"},"
            + "{\"type\":\"text\",\"text\":\"Let me check.\"},"
            + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"18C\"}]},"
            + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AAAA\"}},"
            + "{\"type\":\"text\",\"text\":\"And tomorrow?\"}]}]}"))
        .request();
    assertThat(r.shape()).isEqualTo(ApiShape.ANTHROPIC_MESSAGES);
    assertThat(r.system()).isEqualTo("You are an expert.\nShow your work.");
    assertThat(r.thinkingBudget()).isEqualTo(10000);
    assertThat(r.maxTokens()).isEqualTo(16000);
    assertThat(r.toolNames()).containsExactly("get_weather");
    assertThat(r.messages()).containsExactly(
        new Message(Role.USER, "Weather in Paris?", false),
        new Message(Role.ASSISTANT, "Let me check.", true),
        new Message(Role.USER, "18C\nAnd tomorrow?", true));
    assertThat(r.nonTextParts()).isEqualTo(1);
  }

  @Test
  void parse_anthropicThinkingEnabledWithoutBudget_zero() {
    Request r = both(line("/v1/messages",
        "{\"thinking\":{\"type\":\"adaptive\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).request();
    assertThat(r.thinkingBudget()).isZero();
  }

  @Test
  void parse_unknownEndpoint_shapeFromBodyKeys() {
    assertThat(both(line("/proxy/x", "{\"system\":\"s\",\"messages\":[]}")).request().shape())
        .isEqualTo(ApiShape.ANTHROPIC_MESSAGES);
    assertThat(both(line("/proxy/x", "{\"messages\":[]}")).request().shape()).isEqualTo(ApiShape.OPENAI_CHAT);
    assertThat(both(line("/proxy/x", "{\"input\":\"a\"}")).request().shape()).isEqualTo(ApiShape.OPENAI_RESPONSES);
    assertThat(both(line("/proxy/x", "{}")).request().shape()).isEqualTo(ApiShape.UNKNOWN);
  }

  @Test
  void parse_timestampsWithOffsetsAndFractions_epochMillis() {
    for (String ts : new String[] {
        "2026-11-02T14:03:11Z", "2026-11-02T16:03:11.4829999+02:00", "2026-11-02t09:03:11.1-05:00",
        "2024-02-29T23:59:59.999z", "1969-12-31T23:59:59.5Z", "2026-11-02 14:03:11+00:00"}) {
      String l = line("/v1/chat/completions", "{}").replace("2026-11-02T14:03:11.482Z", ts);
      long expected = OffsetDateTime.parse(ts.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'))
          .toInstant().toEpochMilli();
      assertThat(parser.parse(l).tsMillis()).as(ts).isEqualTo(expected);
    }
  }

  @Test
  void parse_unknownFieldsAnywhere_ignored() {
    String l = line("/v1/chat/completions",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"bob\",\"x\":{\"y\":[1,{}]}}],\"metadata\":{\"a\":[[]]}}")
        .replace("{\"ts\"", "{\"extra\":{\"deep\":[1,2,{\"k\":null}]},\"ts\"");
    assertThat(both(l).request().lastUserText()).isEqualTo("hi");
  }

  @Test
  void parse_utf8BomAtStart_accepted() {
    byte[] body = line("/v1/chat/completions", "{}").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertThat(parser.parse(withBom, 0, withBom.length).accountId()).isEqualTo("acct_1");
  }
}
