package io.distillguard.gateway;

import static io.distillguard.gateway.TestSupport.ATTACKER_KEY;
import static io.distillguard.gateway.TestSupport.BENIGN_KEY;
import static io.distillguard.gateway.TestSupport.await;
import static io.distillguard.gateway.TestSupport.post;
import static io.distillguard.gateway.TestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.Verdict;
import io.distillguard.gateway.TestSupport.CapturedLog;
import io.distillguard.gateway.TestSupport.FixedVerdictDetector;
import io.distillguard.gateway.TestSupport.ManualClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against a real upstream server: pass-through, usage, identity, faults. */
class GatewayProxyTest {

  static TestUpstream upstream;
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  Gateway gw;
  FixedVerdictDetector detector;
  CapturedLog log;
  ManualClock clock;

  static final String CHAT =
      "{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}],"
          + "\"temperature\":0.7}";
  static final String CHAT_STREAM =
      "{\"model\":\"frontier-large\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String MESSAGES =
      "{\"model\":\"claude-x\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = new TestUpstream();
  }

  @AfterAll
  static void stopUpstream() throws Exception {
    upstream.close();
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    upstream.mode = TestUpstream.Mode.NORMAL;
    upstream.received.clear();
    upstream.closedEarly.clear();
  }

  private Gateway start(Verdict verdict, UnaryOperator<GatewayConfig.Builder> custom) {
    detector = new FixedVerdictDetector(verdict, verdict == Verdict.BENIGN ? 0.05 : 0.9);
    log = new CapturedLog();
    clock = new ManualClock();
    GatewayConfig.Builder b =
        GatewayConfig.builder()
            .listen("127.0.0.1", 0)
            .upstream(upstream.uri())
            .keys(TestSupport.keys())
            .exchangeLogDir(tmp.resolve("log"))
            .eventLoops(1);
    gw = Gateway.start(custom.apply(b).build(), detector, clock, log.out);
    return gw;
  }

  private Gateway start() {
    return start(Verdict.BENIGN, b -> b);
  }

  private String exchangeLog() throws Exception {
    return Files.readString(gw.exchangeLogFile());
  }

  private JsonNode lastLoggedExchange(long expected) throws Exception {
    await("engine to process " + expected, () -> gw.processedExchanges() >= expected);
    gw.close();
    String[] lines = exchangeLog().split("\n");
    gw = null;
    return JSON.readTree(lines[lines.length - 1]);
  }

  @Test
  void plainJson_knownKey_passesThroughByteIdenticalAndLogsUsage() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(TestUpstream.OPENAI_JSON);
    assertThat(r.headers().firstValue("x-upstream")).hasValue("test");
    TestUpstream.Received got = upstream.received.poll(5, TimeUnit.SECONDS);
    assertThat(got.body()).isEqualTo(CHAT);
    assertThat(got.headers().get("authorization")).isEqualTo("Bearer " + BENIGN_KEY);
    JsonNode line = lastLoggedExchange(1);
    assertThat(line.path("account_id").asText()).isEqualTo("acct_benign");
    assertThat(line.path("api_key_id").asText()).isEqualTo(KeyTable.keyId(BENIGN_KEY)).startsWith("key_");
    assertThat(line.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
    assertThat(line.path("model").asText()).isEqualTo("frontier-large");
    assertThat(line.path("request")).isEqualTo(JSON.readTree(CHAT));
    JsonNode resp = line.path("response");
    assertThat(resp.path("status").asInt()).isEqualTo(200);
    assertThat(resp.path("prompt_tokens").asInt()).isEqualTo(17);
    assertThat(resp.path("completion_tokens").asInt()).isEqualTo(42);
    assertThat(resp.path("reasoning_tokens").asInt()).isEqualTo(5);
    assertThat(resp.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(detector.exchanges).hasSize(1);
    assertThat(detector.exchanges.get(0).response().completionTokens()).isEqualTo(42);
  }

  @Test
  void plainJson_inSeveralChunks_passesThroughByteIdenticalAndLogsUsage() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.CHUNKED_JSON;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(TestUpstream.OPENAI_JSON);
    JsonNode resp = lastLoggedExchange(1).path("response");
    assertThat(resp.path("prompt_tokens").asInt()).isEqualTo(17);
    assertThat(resp.path("completion_tokens").asInt()).isEqualTo(42);
    assertThat(resp.path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void plainJson_contentLengthInSeveralChunks_passesThroughByteIdenticalAndLogsUsage() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.SPLIT_LENGTH_JSON;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(TestUpstream.OPENAI_JSON);
    assertThat(r.headers().firstValue("content-length"))
        .hasValue(Integer.toString(TestUpstream.OPENAI_JSON.length()));
    // The connections stay usable for the next exchange.
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(text(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT)))
        .isEqualTo(TestUpstream.OPENAI_JSON);
    await("engine to process 2", () -> gw.processedExchanges() >= 2);
    gw.close();
    JsonNode first = JSON.readTree(exchangeLog().split("\n")[0]);
    gw = null;
    assertThat(first.path("response").path("completion_tokens").asInt()).isEqualTo(42);
    assertThat(first.path("response").path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void sse_clientAskedForUsage_streamByteIdentical() throws Exception {
    start();
    String body =
        "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(text(r)).isEqualTo(String.join("", TestUpstream.openAiChunks(true)));
    assertThat(upstream.received.poll(5, TimeUnit.SECONDS).body()).isEqualTo(body);
    JsonNode resp = lastLoggedExchange(1).path("response");
    assertThat(resp.path("completion_tokens").asInt()).isEqualTo(33);
    assertThat(resp.path("finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void sse_clientDidNotAskForUsage_injectsIncludeUsageAndHidesUsageChunk() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT_STREAM);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(String.join("", TestUpstream.openAiChunks(false)));
    assertThat(text(r)).doesNotContain("usage");
    JsonNode sent = JSON.readTree(upstream.received.poll(5, TimeUnit.SECONDS).body());
    assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    JsonNode line = lastLoggedExchange(1);
    // The log keeps the request as the client sent it, and the tokens from the hidden chunk.
    assertThat(line.path("request")).isEqualTo(JSON.readTree(CHAT_STREAM));
    assertThat(line.path("response").path("prompt_tokens").asInt()).isEqualTo(21);
    assertThat(line.path("response").path("completion_tokens").asInt()).isEqualTo(33);
  }

  @Test
  void sse_anthropic_streamByteIdenticalAndTokensFromMessageEvents() throws Exception {
    start();
    String body = MESSAGES.replace("{\"model\"", "{\"stream\":true,\"model\"");
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(String.join("", TestUpstream.anthropicEvents()));
    JsonNode resp = lastLoggedExchange(1).path("response");
    assertThat(resp.path("prompt_tokens").asInt()).isEqualTo(25);
    assertThat(resp.path("completion_tokens").asInt()).isEqualTo(15);
    assertThat(resp.path("finish_reason").asText()).isEqualTo("end_turn");
  }

  @Test
  void anthropicJson_xApiKey_passesThroughAndLogsUsage() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(TestUpstream.ANTHROPIC_JSON);
    JsonNode resp = lastLoggedExchange(1).path("response");
    assertThat(resp.path("prompt_tokens").asInt()).isEqualTo(12);
    assertThat(resp.path("completion_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void unknownKey_openAiRoute_401InOpenAiShape() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", "sk-nope", CHAT);
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.path("error").path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(e.path("error").path("message").asText()).isNotEmpty();
    assertThat(upstream.received).isEmpty();
  }

  @Test
  void missingKey_anthropicRoute_401InAnthropicShape() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", null, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("type").asText()).isEqualTo("error");
    assertThat(e.path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void unknownKey_configuredStatus_isUsed() throws Exception {
    start(Verdict.BENIGN, b -> b.unknownKeyStatus(403));
    assertThat(post(gw.baseUri(), "/v1/messages", "bad", MESSAGES).statusCode()).isEqualTo(403);
  }

  @Test
  void blockVerdict_enforced_403InApiShapeWithRetryAfter() throws Exception {
    start(Verdict.DISTILLATION, b -> b);
    // First request: the engine has not seen the account yet, so it passes and gets assessed.
    assertThat(post(gw.baseUri(), "/v1/messages", ATTACKER_KEY, MESSAGES).statusCode()).isEqualTo(200);
    await("assessment", () -> gw.assessment("acct_attacker") != null);
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", ATTACKER_KEY, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(r.headers().firstValue("retry-after")).hasValue("3600");
    assertThat(gw.counter("distillguard_gateway_blocked")).isEqualTo(1);
    assertThat(upstream.received).hasSize(1);
    // Each request counted once, by the status it was answered with (counted when the exchange is
    // finished, which is after the client has its answer).
    await("both exchanges finished", () -> gw.processedExchanges() >= 2);
    assertThat(gw.counter("distillguard_gateway_requests", "route", "/v1/messages", "status", "4xx"))
        .isEqualTo(1);
    assertThat(gw.counter("distillguard_gateway_requests", "route", "/v1/messages", "status", "2xx"))
        .isEqualTo(1);
  }

  @Test
  void shadowMode_blockVerdict_decidesAndCountsButServes() throws Exception {
    start(Verdict.DISTILLATION, b -> b.shadow(true));
    for (int i = 0; i < 3; i++) {
      assertThat(post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT).statusCode()).isEqualTo(200);
      long n = i + 1;
      await("assessment", () -> gw.processedExchanges() >= n);
    }
    assertThat(gw.counter("distillguard_gateway_decisions", "action", "block", "mode", "shadow")).isEqualTo(2);
    assertThat(gw.counter("distillguard_gateway_blocked")).isZero();
    assertThat(upstream.received).hasSize(3);
  }

  @Test
  void throttleVerdict_budgetSpent_429WithRateLimitHeadersThenRefills() throws Exception {
    start(
        Verdict.SUSPICIOUS,
        b -> b.policy(new io.distillguard.core.policy.Policy(
            java.util.List.of(io.distillguard.core.policy.PolicyRule.throttle("t", Verdict.SUSPICIOUS, 100)), false)));
    assertThat(post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT).statusCode()).isEqualTo(200);
    await("assessment", () -> gw.assessment("acct_attacker") != null);
    // Prompt estimate (~25 tokens) up front plus 42 completion tokens after: 100 tokens last one request.
    HttpResponse<byte[]> ok = post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100");
    HttpResponse<byte[]> limited = null;
    for (int i = 0; i < 5 && limited == null; i++) {
      HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT);
      if (r.statusCode() == 429) {
        limited = r;
      }
    }
    assertThat(limited).isNotNull();
    JsonNode e = JSON.readTree(limited.body());
    assertThat(e.path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(limited.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
    assertThat(limited.headers().firstValue("x-ratelimit-reset-tokens")).isPresent();
    assertThat(gw.counter("distillguard_gateway_throttled")).isGreaterThanOrEqualTo(1);
    // A minute later (on the gateway's clock) the budget is back.
    clock.advanceMillis(60_000);
    assertThat(post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void benignVerdict_neverThrottledOrBlocked() throws Exception {
    start();
    for (int i = 0; i < 20; i++) {
      assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void upstreamDown_502InApiShape_andGatewayKeepsServing() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    start(Verdict.BENIGN, b -> b.openAiUpstream(java.net.URI.create("http://127.0.0.1:" + deadPort)));
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("upstream_unavailable");
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "connect")).isEqualTo(1);
    // The Anthropic route still has a live upstream.
    assertThat(post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES).statusCode()).isEqualTo(200);
  }

  @Test
  void upstreamHangs_504AfterTimeout() throws Exception {
    start(Verdict.BENIGN, b -> b.upstreamTimeoutMs(300));
    upstream.mode = TestUpstream.Mode.HANG;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(504);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("type").asText()).isEqualTo("error");
    assertThat(e.path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isEqualTo(1);
    await("exchange finished", () -> gw.processedExchanges() >= 1);
    assertThat(gw.counter("distillguard_gateway_requests", "route", "/v1/messages", "status", "5xx"))
        .isEqualTo(1);
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES).statusCode()).isEqualTo(200);
  }

  @Test
  void upstreamResetBeforeHeaders_502InApiShape() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.RESET_BEFORE_HEADERS;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("upstream_unavailable");
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void upstreamResetMidStream_clientConnectionCutAndCounted() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.RESET_MID_STREAM;
    try {
      HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT_STREAM);
      // If the client saw an end at all, it must not have been a complete stream.
      assertThat(text(r)).doesNotContain("[DONE]");
    } catch (java.io.IOException expected) {
      // the connection was cut: the honest signal once the status line is out
    }
    await("reset counted", () -> gw.counter("distillguard_gateway_upstream_errors", "kind", "reset") == 1);
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void streamStallsAfterHead_cutAfterIdleTimeout_loggedOnceAndGatewayKeepsServing() throws Exception {
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(300));
    upstream.mode = TestUpstream.Mode.STALL_MID_STREAM;
    Raw r = rawPost("/v1/chat/completions", CHAT_STREAM, 0, null);
    assertThat(r.head()).startsWith("HTTP/1.1 200");
    // What came before the stall reached the client, then the connection ended without the last chunk.
    List<String> sent = TestUpstream.openAiChunks(false);
    assertThat(r.body()).isEqualTo(sent.get(0) + sent.get(1));
    assertThat(r.complete()).isFalse();
    assertThat(r.millis()).isBetween(300L, 5_000L);
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isEqualTo(1);
    await("upstream connection closed", () -> upstream.closedEarly.contains("/v1/chat/completions"));
    assertThat(log.text()).contains("upstream_stream_idle");
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "reset")).isZero();
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isEqualTo(1);
    assertThat(gw.counter("distillguard_gateway_client_cancelled")).isZero();
    await("engine to process 2", () -> gw.processedExchanges() >= 2);
    gw.close();
    String[] lines = exchangeLog().split("\n");
    gw = null;
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines[0]).path("response").path("status").asInt()).isEqualTo(200);
  }

  @Test
  void bodyStallsAfterHead_cutAfterIdleTimeout() throws Exception {
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(300));
    upstream.mode = TestUpstream.Mode.STALL_MID_BODY;
    Raw r = rawPost("/v1/chat/completions", CHAT, 0, null);
    assertThat(r.head()).startsWith("HTTP/1.1 200")
        .containsIgnoringCase("content-length: " + TestUpstream.OPENAI_JSON.length());
    assertThat(r.body()).isEqualTo(TestUpstream.OPENAI_JSON.substring(0, TestUpstream.OPENAI_JSON.length() / 3));
    assertThat(r.complete()).isFalse();
    assertThat(r.millis()).isBetween(300L, 5_000L);
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isEqualTo(1);
    await("upstream connection closed", () -> upstream.closedEarly.contains("/v1/chat/completions"));
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(text(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT))).isEqualTo(TestUpstream.OPENAI_JSON);
  }

  @Test
  void stallBeforeAnyByteReachedClient_504InApiShape() throws Exception {
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(300));
    int n = 0;
    for (TestUpstream.Mode m : List.of(TestUpstream.Mode.STALL_AFTER_HEAD, TestUpstream.Mode.STALL_503_HTML)) {
      upstream.mode = m;
      HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT_STREAM);
      assertThat(r.statusCode()).as(m.name()).isEqualTo(504);
      assertThat(r.headers().firstValue("content-type")).as(m.name()).hasValue("application/json");
      assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("upstream_timeout");
      assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isEqualTo(++n);
    }
    await("upstream connections closed", () -> upstream.closedEarly.size() == 2);
  }

  @Test
  void slowLiveStream_everyGapUnderIdleTimeout_arrivesWholeByteIdentical() throws Exception {
    // 16 events 100 ms apart: ~5x the idle timeout in total. Guards against a one-shot deadline
    // and against Vert.x's idle timeout, which shrinks on each re-arm until it cuts such a stream.
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(300));
    upstream.mode = TestUpstream.Mode.PACED_STREAM;
    String body =
        "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, body);
    assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_200));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(text(r)).isEqualTo(String.join("", TestUpstream.pacedChunks()));
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isZero();
  }

  @Test
  void slowClient_upstreamPausedByBackPressure_notCutAsIdle() throws Exception {
    // The client stops reading until every buffer on the way is full and the gateway has stopped
    // reading the upstream, then 5x the idle timeout longer: that silence is the gateway's own
    // back-pressure and must not count against the upstream.
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(300));
    upstream.mode = TestUpstream.Mode.BURST_STREAM;
    Raw r = rawPost("/v1/chat/completions", CHAT_STREAM, 4096, () -> {
      // Every buffer on the way is full when the upstream has not been able to write for a while.
      await("the gateway to stop reading the upstream", () -> upstream.burstStalledMillis() > 500);
      Thread.sleep(1_500);
      upstream.burstFinish = true;
    });
    assertThat(r.head()).startsWith("HTTP/1.1 200");
    assertThat(r.complete()).isTrue();
    String sent = TestUpstream.burstBody(upstream.burstEvents);
    // Not isEqualTo: a failure would print megabytes.
    assertThat(r.body().equals(sent))
        .as("byte-identical: %d bytes read, %d sent", r.body().length(), sent.length()).isTrue();
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "timeout")).isZero();
  }

  private interface Pause {
    void run() throws InterruptedException;
  }

  /** What a client read from one raw HTTP/1.1 exchange until the connection ended. */
  private record Raw(String head, String body, boolean complete, long millis) {}

  /**
   * POSTs over a raw socket and reads until the gateway ends the connection (EOF or reset): unlike
   * java.net.http, this keeps the bytes that came before a cut. {@code rcvBuf} > 0 shrinks the
   * client's receive buffer and {@code beforeRead} (if not null) runs before its first read: a
   * slow client.
   */
  private Raw rawPost(String path, String body, int rcvBuf, Pause beforeRead) throws Exception {
    long t0 = System.nanoTime();
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    try (Socket s = new Socket()) {
      if (rcvBuf > 0) {
        s.setReceiveBufferSize(rcvBuf);
      }
      s.connect(new java.net.InetSocketAddress("127.0.0.1", gw.port()), 5_000);
      s.setSoTimeout(20_000);
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      OutputStream o = s.getOutputStream();
      o.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BENIGN_KEY
          + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + b.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.write(b);
      o.flush();
      if (beforeRead != null) {
        beforeRead.run();
      }
      InputStream in = s.getInputStream();
      byte[] buf = new byte[64 * 1024];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // a cut connection: what arrived before it is the result
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    String all = got.toString(StandardCharsets.ISO_8859_1);
    int h = all.indexOf("\r\n\r\n");
    assertThat(h).as("response head").isPositive();
    String head = all.substring(0, h);
    byte[] rest = all.substring(h + 4).getBytes(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher cl =
        java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
    if (cl.find()) {
      return new Raw(head, new String(rest, StandardCharsets.UTF_8),
          rest.length == Integer.parseInt(cl.group(1)), millis);
    }
    // Chunked: complete only when the last (empty) chunk came.
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    int i = 0;
    boolean complete = false;
    while (true) {
      int eol = indexOfCrlf(rest, i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(new String(rest, i, eol - i, StandardCharsets.US_ASCII).trim(), 16);
      if (size == 0) {
        complete = true;
        break;
      }
      if (eol + 2 + size > rest.length) {
        data.write(rest, eol + 2, rest.length - eol - 2);
        break;
      }
      data.write(rest, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return new Raw(head, data.toString(StandardCharsets.UTF_8), complete, millis);
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void upstream500Json_passedThroughAndCounted() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.STATUS_500_JSON;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(text(r)).contains("boom");
    assertThat(gw.counter("distillguard_gateway_upstream_errors", "kind", "status_5xx")).isEqualTo(1);
  }

  @Test
  void upstream503Html_answeredInApiShape() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.STATUS_503_HTML;
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(e.path("error").path("message").asText()).contains("503");
  }

  @Test
  void upstream503HtmlBrokenOffMidBody_answeredInApiShapeAtOnce() throws Exception {
    // Not at the idle timeout (set far beyond the client's patience here): when the body breaks.
    start(Verdict.BENIGN, b -> b.streamIdleTimeoutMs(60_000));
    upstream.mode = TestUpstream.Mode.RESET_503_HTML;
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
    upstream.mode = TestUpstream.Mode.NORMAL;
    assertThat(post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES).statusCode()).isEqualTo(200);
  }

  @Test
  void oversizedBody_413_andNothingReachesUpstream() throws Exception {
    start(Verdict.BENIGN, b -> b.maxBodyBytes(2048));
    String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("request_too_large");
    assertThat(upstream.received).isEmpty();
    assertThat(gw.counter("distillguard_gateway_rejected", "reason", "too_large")).isEqualTo(1);
    assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void chunkedBody_severalChunks_reachesUpstreamAndLogWhole() throws Exception {
    start();
    String body = "{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + "z".repeat(3000) + "\"}]}";
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BENIGN_KEY
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      // Separate writes with pauses, so the gateway sees the body as several chunks.
      for (int i = 0; i < body.length(); i += 1000) {
        String c = body.substring(i, Math.min(body.length(), i + 1000));
        o.write((Integer.toHexString(c.length()) + "\r\n" + c + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.flush();
        Thread.sleep(30);
      }
      o.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 200");
    }
    TestUpstream.Received got = upstream.received.poll(5, TimeUnit.SECONDS);
    assertThat(got.body()).isEqualTo(body);
    assertThat(lastLoggedExchange(1).path("request")).isEqualTo(JSON.readTree(body));
  }

  @Test
  void oversizedChunkedBody_413() throws Exception {
    start(Verdict.BENIGN, b -> b.maxBodyBytes(2048));
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BENIGN_KEY
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String chunk = "y".repeat(1000);
      for (int i = 0; i < 4; i++) {
        o.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      o.flush();
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void malformedJson_400InApiShape() throws Exception {
    start();
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, "{\"model\": \"m\", \"messages\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    HttpResponse<byte[]> r2 = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, "[1,2]");
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r2.body()).path("error").path("code").asText()).isEqualTo("invalid_json");
    assertThat(upstream.received).isEmpty();
  }

  @Test
  void toolSchemaNestedDeeperThan64Levels_isProxiedLoggedAndScored() throws Exception {
    start();
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":".repeat(60) + "{\"type\":\"string\"}"
        + "}}".repeat(60);
    String body = "{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"deep\",\"parameters\":" + schema + "}}]}";
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(upstream.received.poll(5, TimeUnit.SECONDS).body()).isEqualTo(body);
    assertThat(lastLoggedExchange(1).path("request")).isEqualTo(JSON.readTree(body));
    assertThat(detector.exchanges).hasSize(1);
    assertThat(detector.exchanges.get(0).request().toolNames()).containsExactly("deep");
  }

  @Test
  void clientDisconnectMidStream_cancelsUpstreamCall() throws Exception {
    start();
    upstream.mode = TestUpstream.Mode.SLOW_STREAM;
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      byte[] body = CHAT_STREAM.getBytes(StandardCharsets.UTF_8);
      o.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BENIGN_KEY
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.write(body);
      o.flush();
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 200");
    }
    await("upstream to see the cancel", () -> !upstream.closedEarly.isEmpty());
    await("cancel counted", () -> gw.counter("distillguard_gateway_client_cancelled") == 1);
  }

  @Test
  void apiKey_neverInLogsOrExchangeLog() throws Exception {
    start(Verdict.DISTILLATION, b -> b);
    post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, CHAT);
    post(gw.baseUri(), "/v1/messages", ATTACKER_KEY, MESSAGES);
    post(gw.baseUri(), "/v1/messages", "sk-unknown-key-777", MESSAGES);
    await("engine", () -> gw.processedExchanges() >= 2);
    String metrics = gw.metricsText();
    gw.close();
    String all = exchangeLog() + log.text() + metrics;
    gw = null;
    assertThat(all).contains("acct_attacker").contains(KeyTable.keyId(ATTACKER_KEY));
    assertThat(all).doesNotContain(ATTACKER_KEY).doesNotContain("sk-unknown-key-777");
    assertThat(metrics).doesNotContain("acct_attacker");
  }

  @Test
  void forwardedFor_trustedOnlyFromConfiguredProxies() throws Exception {
    start(Verdict.BENIGN, b -> b.trustedProxies(Set.of("127.0.0.1")));
    post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT, "x-forwarded-for", "203.0.113.9, 127.0.0.1");
    assertThat(lastLoggedExchange(1).path("client").path("ip").asText()).isEqualTo("203.0.113.9");
    start(Verdict.BENIGN, b -> b);
    post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT, "x-forwarded-for", "203.0.113.9");
    assertThat(lastLoggedExchange(1).path("client").path("ip").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void operations_healthReadyAndMetricsWithBoundedLabels() throws Exception {
    start();
    post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(TestSupport.get(gw.baseUri(), "/healthz").statusCode()).isEqualTo(200);
    assertThat(TestSupport.get(gw.baseUri(), "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> m = TestSupport.get(gw.baseUri(), "/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body())
        .contains("distillguard_gateway_requests_total{route=\"/v1/chat/completions\",status=\"2xx\"} 1.0")
        .contains("distillguard_gateway_added_latency_seconds_bucket")
        .contains("distillguard_gateway_upstream_errors_total");
  }

  @Test
  void garbageBodies_anyText_answeredInShapeAndGatewayKeepsServing() throws Exception {
    start();
    org.quicktheories.QuickTheory.qt()
        .withExamples(60)
        .forAll(org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 300))
        .checkAssert(
            garbage -> {
              try {
                HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/messages", BENIGN_KEY, garbage);
                assertThat(r.statusCode()).isIn(200, 400);
                if (r.statusCode() == 400) {
                  assertThat(JSON.readTree(r.body()).path("type").asText()).isEqualTo("error");
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertThat(post(gw.baseUri(), "/v1/messages", BENIGN_KEY, MESSAGES).statusCode()).isEqualTo(200);
  }

  @Test
  void failClosed_engineBroken_503() throws Exception {
    start(Verdict.BENIGN, b -> b.failOpen(false));
    detector.verdict = null; // the double now throws inside Assessment's constructor: an engine error
    post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    await("engine error", () -> gw.counter("distillguard_engine_errors") >= 1);
    HttpResponse<byte[]> r = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(TestSupport.get(gw.baseUri(), "/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void failOpen_engineBroken_serves() throws Exception {
    start();
    detector.verdict = null;
    post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT);
    await("engine error", () -> gw.counter("distillguard_engine_errors") >= 1);
    assertThat(post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, CHAT).statusCode()).isEqualTo(200);
  }
}
