package io.distillguard.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken lines: the only outcome is a parsed exchange or a short, safe rejection. */
class ExchangeParserGarbageTest {

  private final ExchangeParser parser = new ExchangeParser();
  private static final String VALID = ExchangeParserContractTest.line("/v1/chat/completions",
      "{\"messages\":[{\"role\":\"system\",\"content\":\"Think step by step.\"},"
          + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Prove that \\u00e9 \\ud83d\\ude00 is fine\"}]}],"
          + "\"temperature\":0.2,\"n\":2,\"logprobs\":true}");

  static List<String> garbage() {
    return List.of(
        "",
        " ",
        "null",
        "42",
        "\"str\"",
        "[]",
        "[" + VALID + "]",
        "{}",
        "{",
        "}",
        VALID.substring(0, VALID.length() / 2),
        VALID.substring(0, VALID.length() - 1),
        VALID + "{}",
        VALID + " x",
        VALID.replace("\"ts\":\"2026-11-02T14:03:11.482Z\"", "\"ts\":12345"),
        VALID.replace("2026-11-02T14:03:11.482Z", "2026-13-02T14:03:11Z"),
        VALID.replace("2026-11-02T14:03:11.482Z", "2026-02-30T14:03:11Z"),
        VALID.replace("2026-11-02T14:03:11.482Z", "yesterday"),
        VALID.replace("2026-11-02T14:03:11.482Z", "2026-11-02T14:03:11.Z"),
        VALID.replace("2026-11-02T14:03:11.482Z", "2026-11-02T14:03:11+2:00"),
        VALID.replace("2026-11-02T14:03:11.482Z", "9999-12-31T23:59:59-23:59"),
        VALID.replace("2026-11-02T14:03:11.482Z", "0000-01-01T00:00:00+23:59"),
        VALID.replace("\"account_id\":\"acct_1\"", "\"account_id\":7"),
        VALID.replace("\"account_id\":\"acct_1\"", "\"account_id\":\"\""),
        VALID.replace("\"account_id\":\"acct_1\"", "\"account_id\":\"" + "a".repeat(600) + "\""),
        VALID.replace("\"account_id\":\"acct_1\",", ""),
        VALID.replace("\"request_id\":\"req_1\",", ""),
        VALID.replace("\"ts\":\"2026-11-02T14:03:11.482Z\",", ""),
        VALID.replace("\"endpoint\":\"/v1/chat/completions\",", ""),
        VALID.replace("\"status\":200", "\"status\":\"200\""),
        VALID.replace("\"status\":200", "\"status\":99999999999999999999999"),
        VALID.replace("\"status\":200", "\"status\":-1"),
        VALID.replace("\"status\":200,", ""),
        VALID.replace("\"request\":{", "\"request\":[{").replace(",\"response\"", "],\"response\""),
        VALID.replace("\"response\":{\"status\":200,\"prompt_tokens\":31,\"completion_tokens\":412}", "\"response\":[]"),
        VALID.replace("\"status\":200", "\"status\":200,\"x\":" + "[".repeat(ExchangeParser.MAX_DEPTH + 1) + "]".repeat(ExchangeParser.MAX_DEPTH + 1)),
        VALID.replace("Think step by step.", "\u0000raw nul"),
        VALID.replace("Think step by step.", "bad \\u12 escape"),
        VALID.replace("\"temperature\"", "temperature"),
        VALID.replace("\"endpoint\":\"/v1/chat/completions\"", "\"endpoint\":[\"/v1/messages\"]"),
        VALID.replace("\"status\":200", "\"status\":200.5"));
  }

  @ParameterizedTest
  @MethodSource("garbage")
  void parse_garbage_malformedWithShortSafeMessage(String line) {
    Throwable t = catchThrowable(() -> parser.parse(line));
    assertThat(t).isInstanceOf(MalformedLineException.class);
    assertSafe(t.getMessage());
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    Throwable u = catchThrowable(() -> parser.parse(b, 0, b.length));
    assertThat(u).isInstanceOf(MalformedLineException.class);
    assertSafe(u.getMessage());
  }

  private static void assertSafe(String msg) {
    assertThat(msg).isNotBlank().hasSizeLessThanOrEqualTo(MalformedLineException.MAX_MESSAGE_CHARS);
    assertThat(msg.chars()).allMatch(c -> c >= 0x20 && c != 0x7f);
    assertThat(msg).doesNotContain("acct_1", "Think step", "<", "aaaa");
  }

  @Test
  void parse_validBaseLine_parses() {
    assertThat(parser.parse(VALID).request().temperature()).isEqualTo(0.2);
  }

  @Test
  void parse_invalidUtf8Bytes_malformed() {
    byte[] b = VALID.getBytes(StandardCharsets.UTF_8);
    int at = VALID.indexOf("Think");
    for (byte[] bad : new byte[][] {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}}) {
      byte[] c = b.clone();
      System.arraycopy(bad, 0, c, at, bad.length);
      assertThatThrownBy(() -> parser.parse(c, 0, c.length))
          .as("bytes %s", java.util.Arrays.toString(bad))
          .isInstanceOf(MalformedLineException.class);
    }
  }

  @Test
  void parse_rawNulByteInsideString_malformed() {
    byte[] b = VALID.getBytes(StandardCharsets.UTF_8);
    b[VALID.indexOf("Think")] = 0;
    assertThatThrownBy(() -> parser.parse(b, 0, b.length)).isInstanceOf(MalformedLineException.class);
  }

  @Test
  void parse_promptOverOneMebibyteWithinTheLineLimit_parsedAndCut() {
    String huge = VALID.replace("Think step by step.", "x".repeat(2 << 20));
    Request r = parser.parse(huge).request();
    assertThat(r.system()).hasSize(ExchangeParser.MAX_TEXT_CHARS);
    byte[] b = huge.getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(b, 0, b.length).request().system()).hasSize(ExchangeParser.MAX_TEXT_CHARS);
  }

  @Test
  void parse_lineOverLimit_malformedWithoutParsing() {
    byte[] big = new byte[ExchangeParser.MAX_LINE_BYTES + 1];
    assertThatThrownBy(() -> parser.parse(big, 0, big.length)).isInstanceOf(MalformedLineException.class);
  }

  @Test
  void parse_nestingDeeperThanLimit_malformed() {
    int over = ExchangeParser.MAX_DEPTH + 10;
    String deep = VALID.replace("\"temperature\"", "\"x\":" + "[".repeat(over) + "]".repeat(over) + ",\"temperature\"");
    assertThatThrownBy(() -> parser.parse(deep)).isInstanceOf(MalformedLineException.class);
  }

  @Test
  void parse_requestNumbersWrittenWithHundredsOfDigits_readNotDropped() {
    String l = VALID.replace("\"temperature\":0.2", "\"temperature\":0.7" + "0".repeat(300)
        + ",\"max_tokens\":" + "9".repeat(300) + ",\"seed\":-" + "1".repeat(300)
        + ",\"logit_bias\":{\"50256\":-1" + "0".repeat(300) + "e-300}");
    Request r = parser.parse(l).request();
    assertThat(r.temperature()).isEqualTo(0.7);
    assertThat(r.maxTokens()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void parse_numberFillingMostOfTheLine_linearTime() {
    String l = VALID.replace("\"temperature\":0.2", "\"temperature\":0." + "7".repeat(1_000_000)
        + ",\"max_tokens\":" + "9".repeat(1_000_000) + ",\"seed\":" + "1".repeat(1_000_000));
    Request r = parser.parse(l).request();
    assertThat(r.temperature()).isCloseTo(0.7777, org.assertj.core.data.Offset.offset(0.001));
    assertThat(r.maxTokens()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void parse_lineAroundABodyOfTheGatewaysDefaultLimit_parsed() {
    // the gateway accepts bodies up to 4 MiB (max_body_bytes) and logs them inside the envelope
    String head = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"Explain step by step\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,";
    String tail = "\"}}]}]}";
    String body = head + "A".repeat((4 << 20) - head.length() - tail.length()) + tail;
    assertThat(body).hasSize(4 << 20);
    String l = "{\"ts\":\"2026-11-02T14:03:11.482Z\",\"request_id\":\"req_1\",\"account_id\":\"" + "a".repeat(512)
        + "\",\"api_key_id\":\"key_0123456789abcdef\",\"client\":{\"ip\":\"2001:db8::1\",\"user_agent\":\""
        + "u".repeat(8192) + "\"},\"endpoint\":\"/v1/chat/completions\",\"model\":\"m\",\"request\":" + body
        + ",\"response\":{\"status\":200,\"prompt_tokens\":1200,\"completion_tokens\":800,\"latency_ms\":5000,"
        + "\"finish_reason\":\"stop\"}}";
    byte[] b = l.getBytes(StandardCharsets.UTF_8);
    Request r = parser.parse(b, 0, b.length).request();
    assertThat(r.lastUserText()).isEqualTo("Explain step by step");
    assertThat(r.nonTextParts()).isOne();
  }

  @Test
  void parse_deepToolSchemaInRequest_parsedNotDropped() {
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":".repeat(60) + "{\"type\":\"string\"}" + "}}".repeat(60);
    String l = VALID.replace("\"temperature\"", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"deep\","
        + "\"parameters\":" + schema + "}}],\"temperature\"");
    Request r = parser.parse(l).request();
    assertThat(r.toolNames()).containsExactly("deep");
    assertThat(r.temperature()).isEqualTo(0.2);
  }

  @Test
  void parse_contentBlocksNestedToTheDepthLimit_noStackOverflow() {
    int levels = ExchangeParser.MAX_DEPTH / 2 - 10; // each level is an array and an object
    String content = "[{\"type\":\"tool_result\",\"content\":".repeat(levels) + "\"leaf\"" + "}]".repeat(levels);
    String l = ExchangeParserContractTest.line("/v1/messages",
        "{\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}");
    assertThat(parser.parse(l).request().lastUserText()).isEqualTo("leaf");
  }

  @Test
  void parse_mistypedOrAbsurdRequestParameters_ignoredNotRejected() {
    String l = ExchangeParserContractTest.line("/v1/chat/completions",
        "{\"messages\":{\"role\":\"user\"},\"temperature\":\"hot\",\"top_p\":1e999,\"n\":1e30,"
            + "\"max_tokens\":-5,\"logprobs\":\"yes\",\"top_logprobs\":[1],\"stream\":\"true\","
            + "\"tools\":{\"a\":1},\"reasoning_effort\":7,\"thinking\":true,"
            + "\"prompt\":{\"x\":1},\"input\":12,\"system\":false}");
    Request r = parser.parse(l).request();
    assertThat(r.messages()).isEmpty();
    assertThat(r.temperature()).isNaN();
    assertThat(r.topP()).isNaN();
    assertThat(r.n()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.maxTokens()).isEqualTo(-1);
    assertThat(r.logprobs()).isFalse();
    assertThat(r.topLogprobs()).isEqualTo(-1);
    assertThat(r.stream()).isFalse();
    assertThat(r.toolNames()).isEmpty();
    assertThat(r.reasoningEffort()).isNull();
    assertThat(r.thinkingBudget()).isEqualTo(-1);
  }

  @Test
  void parse_hugeMessagesAndManyTurns_boundedToLimits() {
    StringBuilder msgs = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      msgs.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"turn ").append(i).append("\"}");
    }
    msgs.append(",{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"")
        .append("\\ud83d\\ude00".repeat(20_000)).append("\"},{\"type\":\"text\",\"text\":\"more\"}]}]");
    StringBuilder tools = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      tools.append(i == 0 ? "" : ",").append("{\"name\":\"").append("t".repeat(300)).append("\"}");
    }
    tools.append("]");
    Request r = parser.parse(ExchangeParserContractTest.line("/v1/chat/completions",
        "{\"messages\":" + msgs + ",\"tools\":" + tools + "}")).request();
    assertThat(r.messages()).hasSize(ExchangeParser.MAX_MESSAGES);
    assertThat(r.messages().get(0).text()).isEqualTo("turn 137");
    String last = r.lastUserText();
    assertThat(last.length()).isLessThanOrEqualTo(ExchangeParser.MAX_TEXT_CHARS);
    assertThat(Character.isHighSurrogate(last.charAt(last.length() - 1))).isFalse();
    assertThat(r.toolNames()).hasSize(ExchangeParser.MAX_TOOLS);
    assertThat(r.toolNames().get(0)).hasSize(ExchangeParser.MAX_TOOL_NAME_CHARS);
  }

  @Test
  void malformedLineException_hostileReason_sanitisedAndCut() {
    MalformedLineException e = new MalformedLineException("x\n\u0000\u2028" + "y".repeat(500));
    assertThat(e.getMessage()).hasSize(MalformedLineException.MAX_MESSAGE_CHARS).startsWith("x??");
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void parse_randomBytes_onlyMalformedLineException() {
    qt().withExamples(2000)
        .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 300))
        .checkAssert(bytes -> {
          byte[] b = new byte[bytes.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) bytes.get(i);
          }
          parseOrReject(b);
        });
  }

  @Test
  void parse_mutatedValidLines_onlyMalformedLineException() {
    byte[] base = VALID.getBytes(StandardCharsets.UTF_8);
    qt().withExamples(3000)
        .forAll(integers().between(0, base.length - 1), integers().between(0, 255),
            integers().between(0, 3), integers().between(1, base.length))
        .checkAssert((pos, value, op, cut) -> {
          byte[] b;
          switch (op) {
            case 0: // flip one byte
              b = base.clone();
              b[pos] = (byte) (int) value;
              break;
            case 1: // truncate
              b = java.util.Arrays.copyOf(base, cut);
              break;
            case 2: // delete one byte
              b = new byte[base.length - 1];
              System.arraycopy(base, 0, b, 0, pos);
              System.arraycopy(base, pos + 1, b, pos, base.length - pos - 1);
              break;
            default: // insert one structural character
              String structural = "{}[],:\"\\0-e.";
              byte ins = (byte) structural.charAt(value % structural.length());
              b = new byte[base.length + 1];
              System.arraycopy(base, 0, b, 0, pos);
              b[pos] = ins;
              System.arraycopy(base, pos, b, pos + 1, base.length - pos);
          }
          parseOrReject(b);
        });
  }

  @Test
  void parse_randomStrings_onlyMalformedLineException() {
    qt().withExamples(1000)
        .forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(s -> {
          Throwable t = catchThrowable(() -> parser.parse(s));
          if (t != null) {
            assertThat(t).isInstanceOf(MalformedLineException.class);
          }
        });
  }

  private void parseOrReject(byte[] b) {
    Throwable t = catchThrowable(() -> {
      Exchange e = parser.parse(b, 0, b.length);
      assertThat(e.accountId()).isNotEmpty();
    });
    if (t != null) {
      assertThat(t).isInstanceOf(MalformedLineException.class);
      assertThat(t.getMessage().length()).isLessThanOrEqualTo(MalformedLineException.MAX_MESSAGE_CHARS);
    }
  }

  static List<Arguments> wrongTypedOptionalFields() {
    return List.of(
        Arguments.of("client", "{\"client\":\"1.2.3.4\","),
        Arguments.of("client.asn", "{\"client\":{\"asn\":-5,\"ip\":\"10.0.0.1\"},"),
        Arguments.of("client.asn", "{\"client\":{\"asn\":\"AS64500\",\"ip\":\"10.0.0.1\"},"),
        Arguments.of("client.ip", "{\"client\":{\"ip\":[10,0,0,1]},"),
        Arguments.of("client.user_agent", "{\"client\":{\"user_agent\":{\"name\":\"x\"}},"),
        Arguments.of("account", "{\"account\":[1,2],"),
        Arguments.of("account.verified", "{\"account\":{\"verified\":\"yes\"},"),
        Arguments.of("account.created_at", "{\"account\":{\"created_at\":\"last week\"},"),
        Arguments.of("account.created_at", "{\"account\":{\"created_at\":1730000000},"),
        Arguments.of("account.payment_fingerprint", "{\"account\":{\"payment_fingerprint\":7},"),
        Arguments.of("account.email_domain", "{\"account\":{\"email_domain\":true},"),
        Arguments.of("account.tier", "{\"account\":{\"tier\":2},"),
        Arguments.of("api_key_id", "{\"api_key_id\":77,"),
        Arguments.of("org_id", "{\"org_id\":{},"));
  }

  @ParameterizedTest
  @MethodSource("wrongTypedOptionalFields")
  void parse_wrongTypedOptionalEnvelopeField_keepsTheExchangeAndCountsTheDroppedField(String field, String prefix) {
    ExchangeParser fresh = new ExchangeParser();
    String line = VALID.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(prefix));

    Exchange e = fresh.parse(line);

    assertThat(e.accountId()).isEqualTo("acct_1");
    assertThat(e.request().temperature()).isEqualTo(0.2);
    assertThat(fresh.ignoredFields()).containsExactly(java.util.Map.entry(field, 1L));
  }

  @Test
  void parse_outOfRangeOrNonIntegerTokenCounts_dropOnlyThoseCounts() {
    String line =
        VALID.replace("\"prompt_tokens\":31", "\"prompt_tokens\":1e400,\"latency_ms\":\"fast\"")
            .replace("\"completion_tokens\":412", "\"completion_tokens\":" + "9".repeat(300));

    Exchange e = parser.parse(line);

    assertThat(e.response().status()).isEqualTo(200);
    assertThat(e.response().promptTokens()).isEqualTo(-1);
    assertThat(e.response().completionTokens()).isEqualTo(-1);
    assertThat(e.response().latencyMs()).isEqualTo(-1);
    assertThat(parser.ignoredFields())
        .containsOnlyKeys("response.prompt_tokens", "response.completion_tokens", "response.latency_ms");
  }

  @Test
  void parse_nullOptionalFields_areAbsentNotCounted() {
    String line =
        VALID.replaceFirst("\\{", "{\"client\":{\"asn\":null,\"ip\":null},\"account\":null,\"org_id\":null,");

    parser.parse(line);

    assertThat(parser.ignoredFields()).isEmpty();
  }
}
