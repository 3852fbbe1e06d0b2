package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Shared helpers for gateway tests. */
final class TestSupport {

  private TestSupport() {}

  static final String ATTACKER_KEY = "sk-attacker-0123456789abcdef";
  static final String BENIGN_KEY = "sk-benign-fedcba9876543210";

  static KeyTable keys() {
    return KeyTable.of(
        List.of(
            new String[] {ATTACKER_KEY, "acct_attacker", "org_x"},
            new String[] {BENIGN_KEY, "acct_benign", null}));
  }

  /** A hand-driven clock: time moves only when a test says so. */
  static final class ManualClock implements GatewayClock {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicLong millis = new AtomicLong(1_793_000_000_000L);

    @Override
    public long nanos() {
      return nanos.get();
    }

    @Override
    public long epochMillis() {
      return millis.get();
    }

    void advanceMillis(long ms) {
      nanos.addAndGet(ms * 1_000_000);
      millis.addAndGet(ms);
    }
  }

  /**
   * TEST DOUBLE, not a detector: gives every account the verdict a test sets, so policy
   * enforcement can be tested without depending on scoring. The end-to-end test uses the real
   * engine.
   */
  static final class FixedVerdictDetector implements ExchangeDetector {
    volatile Verdict verdict;
    volatile double risk;
    final Map<String, Assessment> seen = new ConcurrentHashMap<>();
    final List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();

    FixedVerdictDetector(Verdict v, double risk) {
      this.verdict = v;
      this.risk = risk;
    }

    @Override
    public Assessment observe(Exchange e) {
      exchanges.add(e);
      Assessment a =
          new Assessment(e.accountId(), risk, verdict, List.of(), null, 1, Assessment.NEVER, -1, false);
      seen.put(e.accountId(), a);
      return a;
    }

    @Override
    public Assessment assessment(String accountId) {
      return seen.get(accountId);
    }
  }

  /** Captures the gateway's JSON log. */
  static final class CapturedLog {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  static HttpResponse<byte[]> post(URI base, String path, String key, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      if (path.equals("/v1/messages")) {
        b.header("x-api-key", key);
      } else {
        b.header("authorization", "Bearer " + key);
      }
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Bounded wait for an asynchronous outcome (polls; never a fixed sleep). */
  static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        assertThat(cond.getAsBoolean()).as("timed out waiting for " + what).isTrue();
      }
      Thread.sleep(5);
    }
  }
}
