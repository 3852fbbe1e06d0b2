package io.distillguard.gateway;

import static io.distillguard.gateway.TestSupport.ATTACKER_KEY;
import static io.distillguard.gateway.TestSupport.BENIGN_KEY;
import static io.distillguard.gateway.TestSupport.await;
import static io.distillguard.gateway.TestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.policy.Policy;
import io.distillguard.core.policy.PolicyRule;
import io.distillguard.gateway.TestSupport.CapturedLog;
import io.distillguard.gateway.TestSupport.ManualClock;
import io.distillguard.gateway.demo.StandInModel;
import io.distillguard.sim.Corpus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with the real engine: a distillation client (Orca-style step-by-step system
 * prompts and meta "generate tasks" requests over diverse real tasks, logprobs, n > 1) gets
 * throttled and then blocked, while a casual-chat customer on the same gateway is never touched.
 */
class GatewayEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /**
   * The prompts of the corpus pools whose files sit under {@code folder}, through the simulator's
   * own loader: {@code ../shared/data} when it is there, else its bundled permissive sample (same
   * files, fewer lines), so the test runs on a clone on its own instead of being skipped.
   */
  static List<Corpus.Entry> entries(Corpus corpus, String folder, Set<Corpus.Pool> skip) {
    List<Corpus.Entry> out = new ArrayList<>();
    for (Corpus.Pool p : Corpus.Pool.values()) {
      if (p.file().startsWith(folder) && corpus.has(p) && !skip.contains(p)) {
        out.addAll(corpus.pool(p));
      }
    }
    return out;
  }

  static String attackBody(List<Corpus.Entry> distill, List<String> systems, SplittableRandom rnd, int i) {
    ObjectNode b = JSON.createObjectNode().put("model", "frontier-large");
    ArrayNode msgs = b.putArray("messages");
    Corpus.Entry task = distill.get(rnd.nextInt(distill.size()));
    String system = task.system() != null ? task.system() : systems.get(rnd.nextInt(systems.size()));
    msgs.addObject().put("role", "system").put("content", system);
    msgs.addObject().put("role", "user")
        .put("content", task.prompt() + "\n\nExplain your reasoning step by step before the final answer.");
    b.put("temperature", 1.0).put("n", 4).put("logprobs", true).put("top_logprobs", 5).put("max_tokens", 2048);
    return b.toString();
  }

  static String benignBody(List<Corpus.Entry> benign, SplittableRandom rnd) {
    ObjectNode b = JSON.createObjectNode().put("model", "frontier-large");
    b.putArray("messages").addObject().put("role", "user")
        .put("content", benign.get(rnd.nextInt(benign.size())).prompt());
    return b.toString();
  }

  @Test
  void attackerThrottledThenBlocked_benignCustomerUntouched() throws Exception {
    Corpus corpus = Corpus.locate(null, Path.of(""));
    List<Corpus.Entry> distill = entries(corpus, "distill/", Set.of());
    // Not casual chat we want to rely on here.
    List<Corpus.Entry> benign =
        entries(corpus, "benign/", Set.of(Corpus.Pool.SHAREGPT, Corpus.Pool.HH_RLHF));
    // Orca's system messages; the sample has no such pool, but its OpenOrca tasks carry their own.
    List<String> systems = new ArrayList<>();
    Corpus.Pool orca = Corpus.Pool.ORCA_SYSTEM;
    for (Corpus.Entry e : corpus.has(orca) ? corpus.pool(orca) : distill) {
      if (e.system() != null && !e.system().isBlank()) {
        systems.add(e.system());
      }
    }
    assertThat(distill).isNotEmpty();
    assertThat(benign).isNotEmpty();
    assertThat(systems).isNotEmpty();
    ManualClock clock = new ManualClock();
    CapturedLog log = new CapturedLog();
    try (StandInModel model = StandInModel.start("127.0.0.1", 0, 0, false)) {
      GatewayConfig cfg =
          GatewayConfig.builder()
              .listen("127.0.0.1", 0)
              .upstream(URI.create("http://127.0.0.1:" + model.port()))
              .keys(TestSupport.keys())
              .exchangeLogDir(tmp)
              .eventLoops(1)
              .policy(
                  new Policy(
                      List.of(
                          PolicyRule.block("block-distillation", Verdict.DISTILLATION, 3600),
                          PolicyRule.throttle("throttle-suspicious", Verdict.SUSPICIOUS, 1_500)),
                      false))
              .build();
      try (Gateway gw = Gateway.start(cfg, Gateway.defaultDetector(cfg), clock, log.out)) {
        SplittableRandom rnd = new SplittableRandom(42);
        int firstThrottle = -1;
        int firstBlock = -1;
        int benignNot200 = 0;
        long processed = 0;
        for (int i = 0; i < 600 && firstBlock < 0; i++) {
          // Attacker: a request every 3 s of gateway time, all day long.
          clock.advanceMillis(3_000);
          int s = post(gw.baseUri(), "/v1/chat/completions", ATTACKER_KEY, attackBody(distill, systems, rnd, i)).statusCode();
          processed++;
          if (s == 429 && firstThrottle < 0) {
            firstThrottle = i;
          }
          if (s == 403) {
            firstBlock = i;
          }
          // Benign customer: a chat message every ~2 minutes.
          if (i % 40 == 0) {
            int b = post(gw.baseUri(), "/v1/chat/completions", BENIGN_KEY, benignBody(benign, rnd)).statusCode();
            processed++;
            if (b != 200) {
              benignNot200++;
            }
          }
          long want = processed;
          await("engine to catch up", () -> gw.processedExchanges() >= want);
        }
        Assessment attacker = gw.assessment("acct_attacker");
        Assessment good = gw.assessment("acct_benign");
        System.out.printf("e2e: first 429 at attacker request %d, first 403 at %d; attacker %s%n",
            firstThrottle, firstBlock, attacker);
        assertThat(firstBlock).as("attacker blocked; final " + attacker).isGreaterThanOrEqualTo(0);
        assertThat(firstThrottle).as("throttled before blocked; final " + attacker).isBetween(0, firstBlock);
        assertThat(attacker.verdict()).isEqualTo(Verdict.DISTILLATION);
        assertThat(benignNot200).isZero();
        assertThat(good.verdict()).isEqualTo(Verdict.BENIGN);
        assertThat(gw.counter("distillguard_gateway_blocked")).isGreaterThanOrEqualTo(1);
        assertThat(gw.counter("distillguard_gateway_throttled")).isGreaterThanOrEqualTo(1);
      }
    }
    // The exchange log is replayable input for analyze and never holds a raw key.
    String logged = Files.readString(tmp.resolve(ExchangeLog.CURRENT));
    assertThat(logged).doesNotContain(ATTACKER_KEY).doesNotContain(BENIGN_KEY);
    assertThat(log.text()).doesNotContain(ATTACKER_KEY).contains("verdict_changed");
    io.distillguard.core.ingest.ExchangeParser parser = new io.distillguard.core.ingest.ExchangeParser();
    for (String line : logged.split("\n")) {
      assertThat(parser.parse(line).accountId()).isIn("acct_attacker", "acct_benign");
    }
  }
}
