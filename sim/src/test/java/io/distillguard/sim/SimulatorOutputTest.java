package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.ingest.ExchangeParser;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The smoke scenario's output against {@code shared/spec/traffic-log.md}. */
class SimulatorOutputTest {

  static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  static final Set<String> ENDPOINTS =
      Set.of("/v1/chat/completions", "/v1/completions", "/v1/responses", "/v1/messages");
  static final ObjectMapper JSON = new ObjectMapper();

  static SimTestSupport.Capture smoke;

  @BeforeAll
  static void generate() {
    smoke = SimTestSupport.run(Scenario.named("smoke"), 7);
  }

  @Test
  void smoke_everyLine_hasRequiredFieldsWithSpecTypes() throws Exception {
    assertThat(smoke.lines).hasSizeBetween(1_500, 10_000);
    Set<String> ids = new HashSet<>();
    long last = Long.MIN_VALUE;
    for (String line : smoke.lines) {
      JsonNode n = JSON.readTree(line);
      assertThat(n.path("ts").isTextual()).as(line).isTrue();
      assertThat(RFC3339.matcher(n.get("ts").asText()).matches()).as(line).isTrue();
      long ts = Instant.parse(n.get("ts").asText()).toEpochMilli();
      assertThat(ts).as("non-decreasing ts").isGreaterThanOrEqualTo(last);
      last = ts;
      assertThat(ids.add(n.path("request_id").asText())).as("unique request_id").isTrue();
      assertThat(n.path("account_id").asText()).startsWith("acct_");
      assertThat(n.path("api_key_id").isTextual()).isTrue();
      assertThat(n.path("client").path("ip").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
      assertThat(n.path("client").path("asn").isInt()).isTrue();
      assertThat(n.path("client").path("user_agent").isTextual()).isTrue();
      JsonNode acct = n.path("account");
      assertThat(RFC3339.matcher(acct.path("created_at").asText()).matches()).isTrue();
      assertThat(acct.path("verified").isBoolean()).isTrue();
      assertThat(acct.path("payment_fingerprint").isTextual()).isTrue();
      assertThat(acct.path("email_domain").isTextual()).isTrue();
      assertThat(ENDPOINTS).contains(n.path("endpoint").asText());
      assertThat(n.path("model").isTextual()).isTrue();
      assertThat(n.path("request").path("model").asText()).isEqualTo(n.path("model").asText());
      JsonNode resp = n.path("response");
      assertThat(resp.path("status").isInt()).isTrue();
      if (resp.path("status").asInt() == 200) {
        assertThat(resp.path("prompt_tokens").asInt()).isPositive();
        assertThat(resp.path("completion_tokens").asInt()).isPositive();
        assertThat(resp.path("finish_reason").isTextual()).isTrue();
      }
      assertThat(resp.path("latency_ms").isInt()).isTrue();
      assertRequestShape(n.path("endpoint").asText(), n.path("request"), line);
    }
  }

  static void assertRequestShape(String endpoint, JsonNode r, String line) {
    switch (endpoint) {
      case "/v1/chat/completions" -> {
        assertThat(r.path("messages").isArray() && r.path("messages").size() > 0).as(line).isTrue();
        for (JsonNode m : r.get("messages")) {
          String role = m.path("role").asText();
          assertThat(role).isIn("system", "user", "assistant", "tool");
          if (role.equals("tool")) {
            assertThat(m.path("tool_call_id").isTextual()).isTrue();
          } else if (role.equals("assistant") && m.has("tool_calls")) {
            assertThat(m.get("tool_calls").get(0).path("function").path("arguments").isTextual()).isTrue();
          } else {
            assertContent(m.path("content"), "text", line);
          }
        }
      }
      case "/v1/completions" -> assertThat(r.path("prompt").isTextual()).as(line).isTrue();
      case "/v1/responses" -> {
        JsonNode in = r.path("input");
        assertThat(in.isTextual() || (in.isArray() && in.size() > 0)).as(line).isTrue();
        assertThat(r.has("messages")).isFalse();
      }
      case "/v1/messages" -> {
        assertThat(r.path("max_tokens").isInt()).as(line).isTrue();
        JsonNode sys = r.path("system");
        assertThat(sys.isMissingNode() || sys.isTextual() || sys.isArray()).isTrue();
        if (sys.isArray()) {
          assertThat(sys.get(0).path("type").asText()).isEqualTo("text");
        }
        JsonNode msgs = r.path("messages");
        assertThat(msgs.isArray() && msgs.size() > 0).isTrue();
        assertThat(msgs.get(0).path("role").asText()).isEqualTo("user");
        String prev = "";
        for (JsonNode m : msgs) {
          String role = m.path("role").asText();
          assertThat(role).as("Anthropic roles alternate: " + line).isIn("user", "assistant").isNotEqualTo(prev);
          prev = role;
          JsonNode c = m.path("content");
          assertThat(c.isTextual() || c.isArray()).isTrue();
        }
        assertThat(prev).isEqualTo("user");
      }
      default -> throw new AssertionError("endpoint " + endpoint);
    }
  }

  static void assertContent(JsonNode c, String blockType, String line) {
    if (c.isArray()) {
      assertThat(c.get(0).path("type").asText()).as(line).isEqualTo(blockType);
      assertThat(c.get(0).path("text").isTextual()).isTrue();
    } else {
      assertThat(c.isTextual()).as(line).isTrue();
    }
  }

  @Test
  void smoke_labels_oneValidLinePerAccountWithCampaignsOnlyForCoordinatedAttackers() throws Exception {
    Map<String, Label> byId = new HashMap<>();
    for (Label l : smoke.labels) {
      assertThat(byId.put(l.accountId(), l)).isNull();
      Persona p = Persona.fromJson(l.persona());
      assertThat(l.attack()).isEqualTo(p.attack());
      assertThat(l.campaign() != null).isEqualTo(p.coordinated());
    }
    for (String line : smoke.lines) {
      assertThat(byId).containsKey(JSON.readTree(line).path("account_id").asText());
    }
  }

  @Test
  void smoke_everyPersona_producesTraffic() throws Exception {
    Map<String, String> persona = new HashMap<>();
    for (Label l : smoke.labels) {
      persona.put(l.accountId(), l.persona());
    }
    Set<Persona> seen = EnumSet.noneOf(Persona.class);
    for (String line : smoke.lines) {
      seen.add(Persona.fromJson(persona.get(JSON.readTree(line).path("account_id").asText())));
    }
    assertThat(seen).containsExactlyInAnyOrder(Persona.values());
  }

  @Test
  void smoke_sharedClientUsers_sendTheirClientsPromptWithTheDay_onEveryRequest() throws Exception {
    Map<String, String> persona = new HashMap<>();
    for (Label l : smoke.labels) {
      persona.put(l.accountId(), l.persona());
    }
    Set<String> clientPrompts = new HashSet<>();
    for (ProjectText.Client c : ProjectText.CLIENTS) {
      clientPrompts.add(c.system());
    }
    int lines = 0;
    int conversing = 0;
    for (String line : smoke.lines) {
      JsonNode n = JSON.readTree(line);
      if (!persona.get(n.path("account_id").asText()).equals("shared-client")) {
        continue;
      }
      lines++;
      JsonNode msgs = n.path("request").path("messages");
      assertThat(msgs.get(0).path("role").asText()).as(line).isEqualTo("system");
      String day = n.path("ts").asText().substring(0, 10);
      assertThat(clientPrompts).as(line)
          .contains(msgs.get(0).path("content").asText().replace(day, "{date}"));
      for (JsonNode m : msgs) {
        if (m.path("role").asText().equals("assistant")) {
          conversing++;
          break;
        }
      }
    }
    assertThat(lines).isPositive();
    assertThat(conversing).isPositive().isLessThan(lines);
  }

  @Test
  void smoke_allEndpointsAndShapes_areExercised() throws Exception {
    Set<String> seen = new HashSet<>();
    for (String line : smoke.lines) {
      JsonNode n = JSON.readTree(line);
      JsonNode r = n.path("request");
      seen.add(n.path("endpoint").asText());
      if (r.path("system").isArray()) {
        seen.add("system-blocks");
      }
      if (r.path("system").isTextual()) {
        seen.add("system-string");
      }
      if (r.has("tools")) {
        seen.add("tools");
      }
      if (r.has("thinking")) {
        seen.add("thinking");
      }
      if (r.path("logprobs").asBoolean(false)) {
        seen.add("logprobs");
      }
      if (r.path("n").asInt(1) > 1) {
        seen.add("n>1");
      }
    }
    assertThat(seen).containsAll(ENDPOINTS).contains("system-blocks", "system-string", "tools", "thinking", "logprobs", "n>1");
  }

  @Test
  void smoke_everyLine_parsesWithTheProjectParser() {
    ExchangeParser parser = new ExchangeParser();
    for (String line : smoke.lines) {
      assertThat(parser.parse(line)).isNotNull();
    }
  }

  @Test
  void sinkTimes_matchTheTsField() throws Exception {
    for (int i = 0; i < smoke.lines.size(); i += 97) {
      long ts = Instant.parse(JSON.readTree(smoke.lines.get(i)).get("ts").asText()).toEpochMilli();
      assertThat(smoke.times.get(i)).isEqualTo(ts);
    }
  }
}
