package io.distillguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.policy.Policy;
import io.distillguard.core.policy.PolicyRule;
import io.distillguard.gateway.Gateway;
import io.distillguard.gateway.GatewayConfig;
import io.distillguard.gateway.KeyTable;
import io.distillguard.gateway.demo.StandInModel;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Label;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distillguard demo}: a stand-in model, the gateway in front of it, and the simulator's
 * {@code demo} scenario replayed through the gateway with one API key per simulated account
 * (simulated hours compressed into seconds). Prints who was caught, throttled and blocked.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the gateway in front of a clearly labelled stand-in model and replays simulated traffic"
          + " (benign customers and distillation campaigns) through it; prints what was caught,"
          + " throttled and blocked. Needs nothing installed; finishes in well under a minute.",
      "Exit codes: 0 ok, 1 demo failed, 2 usage error (an --out-dir that cannot be created)."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--port", defaultValue = "0", description = "Gateway port (default: any free port).")
  int port;

  @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write the exchange log (default: a new temp dir).")
  Path outDir;

  @Option(names = "--data", paramLabel = "DIR", description = "Prompt corpora (default: ../shared/data if present, else the bundled sample).")
  Path data;

  @Option(names = "--max-exchanges", defaultValue = "6000", description = "Replay at most this many exchanges (default ${DEFAULT-VALUE}).")
  long maxExchanges;

  @Option(names = "--keep-running", description = "Leave the gateway and stand-in model up after the replay (Ctrl-C stops).")
  boolean keepRunning;

  private static final int CONCURRENCY = 16;
  /** The replay stops this long after the command started, so the demo ends within a minute. */
  private static final long DEADLINE_SECONDS = 42;

  /** One simulated exchange to replay. */
  private record Line(long ts, String account, String endpoint, String request, String ip, String ua) {}

  /** Per-account outcome counters: 0 = 2xx, 1 = 429, 2 = 403, 3 = other. */
  private static final class Outcome {
    final AtomicLongArray n = new AtomicLongArray(4);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = DemoClock.realNanos();
    Path dir;
    try {
      dir = outDir != null ? outDir : Files.createTempDirectory("distillguard-demo-");
      Files.createDirectories(dir);
    } catch (IOException e) {
      err.println("demo: cannot create --out-dir " + (outDir == null ? "(temp dir)" : outDir) + ": " + e.getMessage());
      return 2;
    }
    ObjectMapper json = new ObjectMapper();

    Corpus corpus = Corpus.locate(data, Path.of("").toAbsolutePath());
    Map<String, Label> labels = new LinkedHashMap<>();
    List<Line> lines = new ArrayList<>();
    Simulator.run(
        Scenario.named("demo"),
        seed,
        corpus,
        new ExchangeSink() {
          @Override
          public void label(Label l) {
            labels.put(l.accountId(), l);
          }

          @Override
          public void exchange(long ts, byte[] utf8, int off, int len) {
            try {
              JsonNode n = json.readTree(utf8, off, len);
              lines.add(new Line(ts, n.path("account_id").asText(), n.path("endpoint").asText(),
                  json.writeValueAsString(n.path("request")),
                  n.path("client").path("ip").asText(null), n.path("client").path("user_agent").asText(null)));
            } catch (IOException e) {
              // a line the simulator wrote badly is skipped, as analyze would
            }
          }
        },
        maxExchanges);
    out.printf("demo: simulated %d exchanges from %d accounts (scenario demo, seed %d, corpus: %s)%n",
        lines.size(), labels.size(), seed, corpus.origin());

    Map<String, String> keyOf = new LinkedHashMap<>();
    List<String[]> rows = new ArrayList<>();
    for (String acct : labels.keySet()) {
      String key = "sk-demo-" + Integer.toHexString(acct.hashCode()) + "-" + rows.size();
      keyOf.put(acct, key);
      rows.add(new String[] {key, acct, null});
    }
    try (StandInModel model = StandInModel.start("127.0.0.1", 0, 1, false)) {
      DemoClock clock = new DemoClock(lines.isEmpty() ? 0 : lines.get(0).ts());
      // Demo policy: block distillation; throttle suspicious accounts hard (the replay compresses
      // hours into seconds, so a per-minute budget must be small to show).
      Policy policy =
          new Policy(
              List.of(
                  PolicyRule.block("block-distillation", Verdict.DISTILLATION, 3600),
                  PolicyRule.throttle("throttle-suspicious", Verdict.SUSPICIOUS, 4_000)),
              false);
      GatewayConfig cfg =
          GatewayConfig.builder()
              .listen("127.0.0.1", port)
              .upstream(URI.create("http://127.0.0.1:" + model.port()))
              .keys(KeyTable.of(rows))
              .trustedProxies(Set.of("127.0.0.1"))
              .exchangeLogDir(dir)
              .policy(policy)
              .eventLoops(2)
              .build();
      PrintStream gwLog = new PrintStream(Files.newOutputStream(dir.resolve("gateway.log")), true, "UTF-8");
      Gateway gw = Gateway.start(cfg, Gateway.defaultDetector(cfg), clock, gwLog);
      try {
        out.printf("demo: stand-in model (canned answers, not an LLM) on 127.0.0.1:%d; gateway on %s%n",
            model.port(), gw.baseUri());
        out.flush();
        Map<String, Outcome> outcomes = replay(gw.baseUri(), lines, keyOf, clock, err, started);
        long drained = DemoClock.realNanos() + TimeUnit.SECONDS.toNanos(5);
        long total = outcomes.values().stream().mapToLong(o -> o.n.get(0) + o.n.get(1) + o.n.get(2) + o.n.get(3)).sum();
        while (gw.processedExchanges() < total && DemoClock.realNanos() < drained) {
          Thread.sleep(20);
        }
        printSummary(out, gw, labels, outcomes);
        out.printf("%nWhere to look next:%n");
        out.printf("  exchange log:  %s%n", gw.exchangeLogFile());
        out.printf("  replay it:     bin/distillguard analyze --events %s --html %s%n",
            gw.exchangeLogFile(), dir.resolve("report.html"));
        out.printf("  gateway log:   %s%n", dir.resolve("gateway.log"));
        out.printf("  metrics:       %s/metrics%s%n", gw.baseUri(), keepRunning ? "" : " (use --keep-running to keep it up)");
        out.flush();
        if (keepRunning) {
          out.println("demo: gateway still running; Ctrl-C to stop.");
          out.flush();
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
          stop.await();
        }
      } finally {
        gw.close();
        gwLog.close();
      }
    }
    return 0;
  }

  private Map<String, Outcome> replay(
      URI base, List<Line> lines, Map<String, String> keyOf, DemoClock clock, PrintWriter err,
      long started)
      throws InterruptedException {
    Map<String, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore inflight = new Semaphore(CONCURRENCY);
    AtomicLong failures = new AtomicLong();
    long deadline = started + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    long sent = 0;
    for (Line l : lines) {
      if (DemoClock.realNanos() > deadline) {
        err.printf("demo: time budget reached after %d of %d exchanges; stopping the replay%n", sent, lines.size());
        break;
      }
      String key = keyOf.get(l.account());
      if (key == null) {
        continue;
      }
      inflight.acquire();
      sent++;
      clock.advanceTo(l.ts());
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(l.endpoint()))
              .timeout(Duration.ofSeconds(20))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(l.request()));
      if (l.endpoint().equals("/v1/messages")) {
        b.header("x-api-key", key).header("anthropic-version", "2023-06-01");
      } else {
        b.header("authorization", "Bearer " + key);
      }
      if (l.ip() != null) {
        b.header("x-forwarded-for", l.ip());
      }
      if (l.ua() != null && !l.ua().isBlank()) {
        b.header("user-agent", l.ua());
      }
      Outcome o = outcomes.computeIfAbsent(l.account(), a -> new Outcome());
      http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (r, e) -> {
                inflight.release();
                if (e != null) {
                  failures.incrementAndGet();
                  o.n.incrementAndGet(3);
                  return;
                }
                int s = r.statusCode();
                o.n.incrementAndGet(s < 300 ? 0 : s == 429 ? 1 : s == 403 ? 2 : 3);
              });
    }
    inflight.acquire(CONCURRENCY);
    if (failures.get() > 0) {
      err.printf("demo: %d requests failed to complete%n", failures.get());
    }
    return outcomes;
  }

  private static void printSummary(
      PrintWriter out, Gateway gw, Map<String, Label> labels, Map<String, Outcome> outcomes) {
    record Row(Label label, Assessment a, Outcome o) {}
    List<Row> rows = new ArrayList<>();
    for (Label l : labels.values()) {
      Outcome o = outcomes.get(l.accountId());
      if (o != null) {
        rows.add(new Row(l, gw.assessment(l.accountId()), o));
      }
    }
    rows.sort(Comparator.comparingDouble((Row r) -> r.a == null ? 0 : r.a.risk()).reversed());
    out.printf("%n%-14s %-7s %-22s %-13s %5s %6s %6s %6s %6s%n",
        "account", "truth", "persona", "verdict", "risk", "ok", "429", "403", "other");
    int shown = 0;
    long[] truthCaught = new long[2];
    long[] truthTotal = new long[2];
    long throttled = 0;
    long blocked = 0;
    for (Row r : rows) {
      boolean attack = r.label.attack();
      Verdict v = r.a == null ? Verdict.BENIGN : r.a.verdict();
      truthTotal[attack ? 1 : 0]++;
      if (v != Verdict.BENIGN) {
        truthCaught[attack ? 1 : 0]++;
      }
      throttled += r.o.n.get(1);
      blocked += r.o.n.get(2);
      boolean interesting = v != Verdict.BENIGN || r.o.n.get(1) + r.o.n.get(2) > 0;
      if (interesting && shown < 25 || shown < 8) {
        shown++;
        out.printf(Locale.ROOT, "%-14s %-7s %-22s %-13s %5.2f %6d %6d %6d %6d%n",
            trunc(r.label.accountId(), 14), attack ? "attack" : "benign", trunc(r.label.persona(), 22),
            v.json(), r.a == null ? 0 : r.a.risk(), r.o.n.get(0), r.o.n.get(1), r.o.n.get(2), r.o.n.get(3));
      }
    }
    if (rows.size() > shown) {
      out.printf("... %d more accounts (all in the exchange log)%n", rows.size() - shown);
    }
    out.printf("%nCaught (suspicious or distillation): %d of %d attack accounts; %d of %d benign accounts flagged.%n",
        truthCaught[1], truthTotal[1], truthCaught[0], truthTotal[0]);
    out.printf("Enforced: %d requests throttled (429), %d blocked (403); %d exchanges scored.%n",
        throttled, blocked, gw.processedExchanges());
  }

  private static String trunc(String s, int n) {
    return s == null ? "-" : s.length() <= n ? s : s.substring(0, n);
  }
}
