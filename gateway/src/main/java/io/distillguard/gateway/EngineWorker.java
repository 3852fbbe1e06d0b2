package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.ingest.MalformedLineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Confines the (non-thread-safe) detection engine to one dedicated thread. The request path only
 * {@link #submit}s finished exchanges (non-blocking; dropped and counted when the queue is full)
 * and reads {@link #latest} from a concurrent map: O(1), never waiting on scoring.
 *
 * <p>For each exchange the thread builds the {@code api-exchange/v1} line, appends it to the
 * exchange log, parses that same line with {@link ExchangeParser} and feeds the result to the
 * engine: the gateway and {@code analyze} see byte-identical input, so a replay of the log gives the
 * verdicts the gateway acted on.
 */
final class EngineWorker implements AutoCloseable {

  private static final ExchangeRecord POISON =
      new ExchangeRecord(
          0, "-", "-", "-", null, null, null, "-", "-",
          new byte[] {'{', '}'}, 0, Usage.NONE, null, 0);

  /**
   * First sleep when the queue runs dry. Verdicts are read by later requests, so a millisecond of
   * extra delay costs nothing, while each wake-up of this thread costs tens of microseconds of CPU
   * on a busy 2-core machine (measured: idle polling every 2 ms took 1.7% of a core). A 50 us first
   * sleep meant three to four empty wake-ups per request at 1,000 req/s; now there is at most one
   * wake-up per millisecond, whatever the rate.
   */
  private static final long MIN_IDLE_NANOS = 1_000_000;
  private static final long MAX_IDLE_NANOS = 8_000_000;
  /** The exchange log is flushed once the queue has stayed empty this long, not after every drain. */
  private static final long FLUSH_AFTER_IDLE_NANOS = 1_000_000;

  /**
   * Lock-free hand-off. An ArrayBlockingQueue shares one lock between the event loops' offer and
   * this thread's poll: on an oversubscribed machine, the engine thread preempted while holding it
   * stalls an event loop for a whole scheduler slice. The bound is kept with a counter instead.
   */
  private final ConcurrentLinkedQueue<ExchangeRecord> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  /** Backlog above which exchanges are logged but not scored, so the queue drains instead of filling. */
  private final int shedAbove;
  private final ExchangeDetector detector;
  private final ExchangeParser parser = new ExchangeParser();
  private final ObjectMapper mapper;
  private final ExchangeLog log;
  private final GatewayMetrics metrics;
  private final JsonLog jsonLog;
  private final ConcurrentHashMap<String, Assessment> latest = new ConcurrentHashMap<>();
  private final AtomicLong processed = new AtomicLong();
  private volatile boolean healthy = true;
  private final Thread thread;
  private final Buf buf = new Buf();
  private final IsoMillis tsFormat = new IsoMillis();
  private long lastTsMillis = Long.MIN_VALUE;

  /** A ByteArrayOutputStream whose array we can hand to the parser without copying. */
  private static final class Buf extends ByteArrayOutputStream {
    Buf() {
      super(8192);
    }

    byte[] array() {
      return buf;
    }
  }

  EngineWorker(
      ExchangeDetector detector,
      ExchangeLog logOrNull,
      int capacity,
      ObjectMapper mapper,
      GatewayMetrics metrics,
      JsonLog jsonLog) {
    this.detector = detector;
    this.log = logOrNull;
    this.capacity = capacity;
    this.shedAbove = Math.max(1, capacity - capacity / 4);
    this.mapper = mapper;
    this.metrics = metrics;
    this.jsonLog = jsonLog;
    this.thread = new Thread(this::loop, "distillguard-engine");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands a finished exchange over; never blocks. False when it was dropped. */
  boolean submit(ExchangeRecord r) {
    if (size.incrementAndGet() <= capacity) {
      queue.offer(r);
      return true;
    }
    size.decrementAndGet();
    metrics.engineDropped.increment();
    // A full queue means verdicts are going stale: that is an engine failure for fail-closed.
    healthy = false;
    return false;
  }

  /** The latest assessment of an account, or null when the engine has not seen it. */
  Assessment latest(String accountId) {
    return latest.get(accountId);
  }

  /** Engine running and keeping up. */
  boolean healthy() {
    return healthy && thread.isAlive();
  }

  long processed() {
    return processed.get();
  }

  int queued() {
    return size.get();
  }

  private void loop() {
    long idleNanos = 0;
    long idleTotal = 0;
    boolean dirty = false;
    while (true) {
      ExchangeRecord r = queue.poll();
      if (r == null) {
        if (dirty && idleTotal >= FLUSH_AFTER_IDLE_NANOS) {
          // One write per quiet spell instead of one per drained queue: at a few thousand req/s the
          // queue empties after almost every exchange, and a write(2) each time was pure overhead.
          flushLog();
          dirty = false;
        }
        // Poll with a growing sleep instead of take(): when nobody waits on the queue, offer()
        // signals no one, so the event loop never pays a thread wake-up (futex) per request.
        // Costs at most MAX_IDLE_NANOS of verdict delay after a quiet spell.
        idleNanos = idleNanos == 0 ? MIN_IDLE_NANOS : Math.min(MAX_IDLE_NANOS, idleNanos * 2);
        idleTotal += idleNanos;
        LockSupport.parkNanos(idleNanos);
        if (Thread.interrupted()) {
          return;
        }
        continue;
      }
      idleNanos = 0;
      idleTotal = 0;
      if (r == POISON) {
        flushLog();
        return;
      }
      size.decrementAndGet();
      process(r);
      dirty = true;
    }
  }

  private void process(ExchangeRecord r) {
    buf.reset();
    try (JsonGenerator g = mapper.getFactory().createGenerator(buf)) {
      r.writeLine(g, mapper, tsFormat);
    } catch (IOException | RuntimeException e) {
      metrics.logErrors.increment();
      processed.incrementAndGet();
      return;
    }
    int len = buf.size();
    if (log != null) {
      try {
        log.append(buf.array(), len, r.tsMillis());
      } catch (IOException e) {
        metrics.logErrors.increment();
        jsonLog.warn("exchange_log_error", "error", e.getClass().getSimpleName());
      }
    }
    if (size.get() > shedAbove) {
      // Falling behind: writing the line is cheap, scoring is not. Keep every exchange in the log
      // (a replay with analyze scores it later) and skip scoring until the backlog is down, rather
      // than letting the queue fill and drop exchanges outright.
      metrics.engineUnscored.increment();
      processed.incrementAndGet();
      return;
    }
    try {
      Exchange ex = parser.parse(buf.array(), 0, len);
      // Exchanges finish out of arrival order (a long stream ends after later short calls), but
      // the engine's event clock must not go backwards: clamp, as the analyzer does for late lines.
      if (ex.tsMillis() < lastTsMillis) {
        ex = atTime(ex, lastTsMillis);
      } else {
        lastTsMillis = ex.tsMillis();
      }
      Assessment a = detector.observe(ex);
      metrics.engineEvents.increment();
      if (a != null) {
        Assessment before = latest.put(a.accountId(), a);
        Verdict was = before == null ? null : before.verdict();
        if (was != a.verdict()) {
          metrics.verdictChange(was, a.verdict());
          jsonLog.info(
              "verdict_changed",
              "account_id", a.accountId(),
              "from", was == null ? "none" : was.json(),
              "to", a.verdict().json(),
              "risk", a.risk(),
              "campaign_id", a.campaignId());
        }
      }
      healthy = true;
    } catch (MalformedLineException e) {
      // Our own line failed the parser (e.g. over its size limit): logged, but not scored.
      metrics.engineErrors.increment();
    } catch (RuntimeException e) {
      metrics.engineErrors.increment();
      healthy = false;
      jsonLog.warn("engine_error", "error", e.getClass().getSimpleName());
    } finally {
      processed.incrementAndGet();
    }
  }

  private static Exchange atTime(Exchange e, long ts) {
    return new Exchange(
        ts, e.requestId(), e.accountId(), e.apiKeyId(), e.orgId(), e.client(), e.account(),
        e.endpoint(), e.model(), e.request(), e.response());
  }

  private void flushLog() {
    if (log != null) {
      try {
        log.flush();
      } catch (IOException e) {
        metrics.logErrors.increment();
      }
    }
  }

  /** Processes what is queued, then stops the thread and closes the log. */
  @Override
  public void close() throws IOException {
    try {
      // Behind everything already queued; not counted against the capacity.
      queue.offer(POISON);
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (log != null) {
      log.close();
    }
  }
}
