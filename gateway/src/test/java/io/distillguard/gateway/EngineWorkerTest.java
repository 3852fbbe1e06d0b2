package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineWorkerTest {

  /** Blocks inside the first observe until released, so the test controls the backlog exactly. */
  static final class GatedDetector implements ExchangeDetector {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger observed = new AtomicInteger();

    @Override
    public Assessment observe(Exchange exchange) {
      if (observed.getAndIncrement() == 0) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    }

    @Override
    public Assessment assessment(String accountId) {
      return null;
    }
  }

  /** A worker with queue capacity 8 whose structured log goes nowhere. */
  private static EngineWorker worker(GatedDetector det, ExchangeLog xlog, GatewayMetrics metrics) {
    JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        GatewayClock.system());
    return new EngineWorker(det, xlog, 8, new ObjectMapper(), metrics, log);
  }

  private static ExchangeRecord record(int i, String body) {
    return new ExchangeRecord(1_700_000_000_000L + i, "req_" + i, "acct_1", "key_0000000000000000", null,
        "127.0.0.1", "ua", "/v1/chat/completions", "m", body.getBytes(StandardCharsets.UTF_8), 200, Usage.NONE,
        null, 3);
  }

  @Test
  void worker_backlogOverThreeQuarters_logsEveryQueuedExchangeButScoresOnlyBelowTheMark(@TempDir Path dir)
      throws Exception {
    GatewayMetrics metrics = new GatewayMetrics();
    GatedDetector det = new GatedDetector();
    ExchangeLog xlog = new ExchangeLog(dir, 1 << 30, 1 << 20);
    EngineWorker w = worker(det, xlog, metrics);
    assertThat(w.submit(record(0, "{}"))).isTrue();
    assertThat(det.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 8; i++) {
      assertThat(w.submit(record(i, "{}"))).isTrue();
    }
    assertThat(w.submit(record(9, "{}"))).as("queue full").isFalse();
    det.release.countDown();
    for (int i = 0; i < 1000 && w.processed() < 9; i++) {
      Thread.sleep(10);
    }
    w.close();
    // Capacity 8, mark 6: the exchange taken with 7 still queued is logged unscored; the rest scored.
    assertThat(metrics.engineDropped.count()).isEqualTo(1.0);
    assertThat(metrics.engineUnscored.count()).isEqualTo(1.0);
    assertThat(det.observed.get()).isEqualTo(8);
    List<String> lines = Files.readAllLines(xlog.current());
    assertThat(lines).hasSize(9);
  }

  @Test
  void worker_prettyPrintedRequestBody_isLoggedCompactOnOneLine(@TempDir Path dir) throws Exception {
    GatewayMetrics metrics = new GatewayMetrics();
    GatedDetector det = new GatedDetector();
    det.observed.set(1);
    ExchangeLog xlog = new ExchangeLog(dir, 1 << 30, 1 << 20);
    EngineWorker w = worker(det, xlog, metrics);
    w.submit(record(0, "{\n  \"model\": \"m\",\n  \"messages\": [ {\"role\": \"user\", \"content\": \"a\\nb\"} ]\n}\n"));
    w.close();
    List<String> lines = Files.readAllLines(xlog.current());
    assertThat(lines).hasSize(1);
    assertThat(new ObjectMapper().readTree(lines.get(0)).path("request").toString())
        .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\nb\"}]}");
    assertThat(metrics.engineEvents.count()).isEqualTo(1.0);
  }

  @Test
  void worker_quietAfterAnExchange_flushesTheLogWithoutBeingClosed(@TempDir Path dir) throws Exception {
    GatewayMetrics metrics = new GatewayMetrics();
    GatedDetector det = new GatedDetector();
    det.observed.set(1);
    ExchangeLog xlog = new ExchangeLog(dir, 1 << 30, 1 << 20);
    EngineWorker w = worker(det, xlog, metrics);
    try {
      w.submit(record(0, "{\"model\":\"m\"}"));
      // Lines are buffered while exchanges keep coming, but a quiet spell (here: no more traffic)
      // must put them on disk, so a tail of the log is never more than a moment behind.
      long lines = 0;
      for (int i = 0; i < 500 && lines == 0; i++) {
        Thread.sleep(10);
        lines = Files.readAllLines(xlog.current()).size();
      }
      assertThat(lines).isEqualTo(1);
      assertThat(w.queued()).isZero();
    } finally {
      w.close();
    }
  }
}
