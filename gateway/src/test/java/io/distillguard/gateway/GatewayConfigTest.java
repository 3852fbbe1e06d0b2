package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillguard.core.detect.Verdict;
import io.distillguard.core.policy.Action;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

  @TempDir Path tmp;

  static GatewayConfig.Builder yaml(String text, Path base) throws Exception {
    return GatewayConfig.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), base);
  }

  @Test
  void load_fullFile_everySettingApplied() throws Exception {
    Files.writeString(tmp.resolve("keys.csv"), "# team keys\nsk-a,acct_a,org_1\n\nsk-b,acct_b\n");
    GatewayConfig c =
        yaml(
                """
                listen: 0.0.0.0:9090
                upstreams:
                  openai: https://api.openai.example
                  anthropic: http://127.0.0.1:7000/base
                keys_file: keys.csv
                max_body_bytes: 65536
                upstream_timeout_ms: 3000
                stream_idle_timeout_ms: 45000
                connect_timeout_ms: 500
                trusted_proxies: [10.0.0.1, 10.0.0.2]
                unknown_key_status: 403
                fail_open: false
                exchange_log: {dir: logs, max_bytes: 1048576, max_age_seconds: 600}
                policy:
                  shadow: false
                  rules:
                    - {name: block-d, verdict: distillation, action: block, retry_after_seconds: 60}
                    - {name: slow-s, verdict: suspicious, min_risk: 0.4, action: throttle, tokens_per_minute: 5000, shadow: true}
                """,
                tmp)
            .build();
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.openAiUpstream().getHost()).isEqualTo("api.openai.example");
    assertThat(c.anthropicUpstream().getPath()).isEqualTo("/base");
    assertThat(c.keys().size()).isEqualTo(2);
    assertThat(c.keys().lookup("sk-a").orgId()).isEqualTo("org_1");
    assertThat(c.keys().lookup("sk-b").accountId()).isEqualTo("acct_b");
    assertThat(c.maxBodyBytes()).isEqualTo(65536);
    assertThat(c.upstreamTimeoutMs()).isEqualTo(3000);
    assertThat(c.streamIdleTimeoutMs()).isEqualTo(45000);
    assertThat(c.trustedProxies()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(c.unknownKeyStatus()).isEqualTo(403);
    assertThat(c.failOpen()).isFalse();
    assertThat(c.exchangeLogDir()).isEqualTo(tmp.resolve("logs"));
    assertThat(c.policy().decide(Verdict.DISTILLATION, 0.9).action()).isEqualTo(Action.BLOCK);
    assertThat(c.policy().decide(Verdict.SUSPICIOUS, 0.5).shadow()).isTrue();
    assertThat(c.policy().decide(Verdict.SUSPICIOUS, 0.3).action()).isEqualTo(Action.ALLOW);
  }

  @Test
  void load_globalShadow_appliesToAllRules() throws Exception {
    GatewayConfig c = yaml("upstreams: {openai: http://localhost:1}\nshadow: true\n", tmp).build();
    assertThat(c.policy().decide(Verdict.DISTILLATION, 1).enforced()).isEqualTo(Action.ALLOW);
  }

  @Test
  void streamIdleTimeout_defaultFiveMinutes_nonPositiveRejected() throws Exception {
    assertThat(yaml("upstreams: {openai: http://x}\n", tmp).build().streamIdleTimeoutMs()).isEqualTo(300_000);
    GatewayConfig c = yaml("upstreams: {openai: http://x}\nstream_idle_timeout_ms: 1500\n", tmp).build();
    assertThat(c.streamIdleTimeoutMs()).isEqualTo(1500);
    assertThat(c.rebuild().build().streamIdleTimeoutMs()).isEqualTo(1500);
    for (String v : new String[] {"0", "-1"}) {
      assertThatThrownBy(() -> yaml("upstreams: {openai: http://x}\nstream_idle_timeout_ms: " + v + "\n", tmp).build())
          .hasMessageContaining("stream_idle_timeout_ms");
    }
    assertThatThrownBy(() -> c.rebuild().streamIdleTimeoutMs(0).build())
        .hasMessageContaining("stream_idle_timeout_ms");
  }

  @Test
  void load_unknownSetting_errorNamesIt() {
    assertThatThrownBy(() -> yaml("upstreams: {openai: http://x}\nlisten_port: 3\n", tmp))
        .hasMessageContaining("listen_port");
  }

  @Test
  void load_badRule_errorNamesRuleIndex() {
    assertThatThrownBy(
            () -> yaml("upstreams: {openai: http://x}\npolicy: {rules: [{verdict: suspicious, action: throttle}]}\n", tmp))
        .hasMessageContaining("policy.rules[0]")
        .hasMessageContaining("tokens_per_minute");
  }

  @Test
  void build_noUpstream_rejected() {
    assertThatThrownBy(() -> GatewayConfig.builder().build()).hasMessageContaining("upstreams");
  }

  @Test
  void build_nonHttpUpstream_rejected() {
    assertThatThrownBy(() -> GatewayConfig.builder().upstream(java.net.URI.create("file:///etc")).build())
        .hasMessageContaining("upstreams.openai");
  }

  @Test
  void keyTable_malformedLine_errorNamesLineNotKey() throws Exception {
    Files.writeString(tmp.resolve("k.csv"), "sk-secret-value\n");
    assertThatThrownBy(() -> KeyTable.load(tmp.resolve("k.csv")))
        .hasMessageContaining("k.csv:1")
        .hasMessageNotContaining("sk-secret-value");
  }

  @Test
  void keyTable_keyId_isStableHashPrefix() {
    assertThat(KeyTable.keyId("sk-a")).isEqualTo(KeyTable.keyId("sk-a")).hasSize(20).startsWith("key_");
    assertThat(KeyTable.keyId("sk-a")).isNotEqualTo(KeyTable.keyId("sk-b"));
  }

  @Test
  void redacted_hidesUserInfoQueryAndFragment_keepsWhereTheUpstreamIs() {
    assertThat(GatewayConfig.redacted(java.net.URI.create("https://svc:s3cret@llm.example:8443/v1?api-key=k9&x=1#frag")))
        .isEqualTo("https://***@llm.example:8443/v1?***#***");
    assertThat(GatewayConfig.redacted(java.net.URI.create("http://127.0.0.1:7000/base")))
        .isEqualTo("http://127.0.0.1:7000/base");
    assertThat(GatewayConfig.redacted(null)).isEqualTo("null");
    assertThat(GatewayConfig.redacted(java.net.URI.create("mailto:ops@example.com"))).isEqualTo("mailto:***");
  }

  @Test
  void load_upstreamWithCredentials_errorsNeverEchoThem() {
    assertThatThrownBy(() -> yaml("upstreams:\n  openai: ftp://svc:s3cret@llm.example/\nkeys:\n  - {key: sk-a, account_id: acct_a}\n", tmp).build())
        .hasMessageContaining("upstreams.openai")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> yaml("upstreams:\n  openai: \"https://svc:s3cret@llm example/\"\nkeys:\n  - {key: sk-a, account_id: acct_a}\n", tmp))
        .hasMessageContaining("upstreams.openai")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void maxBodyBytes_aboveWhatTheEngineCanScore_isRefused() throws Exception {
    String base = "upstreams:\n  openai: http://127.0.0.1:7000\nkeys:\n  - {key: sk-a, account_id: acct_a}\n";
    assertThat(yaml(base + "max_body_bytes: 4194304\n", tmp).build().maxBodyBytes()).isEqualTo(4 << 20);
    assertThatThrownBy(() -> yaml(base + "max_body_bytes: 4194305\n", tmp).build())
        .hasMessageContaining("max_body_bytes")
        .hasMessageContaining("could not be scored");
  }

  @Test
  void largestAcceptedBody_makesAnExchangeLineTheEngineParses() {
    // The envelope around the body (ids, client, account, response) is far below the headroom.
    assertThat(io.distillguard.core.ingest.ExchangeParser.MAX_LINE_BYTES - GatewayConfig.MAX_SCORED_BODY_BYTES)
        .isGreaterThanOrEqualTo(32 << 10);
  }
}
