package io.distillguard.gateway;

import io.distillguard.core.detect.Verdict;
import io.distillguard.core.policy.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus metrics. Every label takes values from a fixed set (route, status class,
 * action, verdict, error kind): never account ids or keys, so cardinality stays bounded under
 * attack. Meters are looked up once here, not per request.
 */
final class GatewayMetrics {

  static final String[] ROUTES = {
    "/v1/chat/completions", "/v1/completions", "/v1/responses", "/v1/messages", "other"
  };
  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  /** Kinds of upstream failure. */
  enum UpstreamError {
    CONNECT,
    TIMEOUT,
    RESET,
    STATUS_5XX,
    OTHER
  }

  /** Requests the gateway answered itself. */
  enum Rejection {
    UNAUTHORIZED,
    TOO_LARGE,
    BAD_JSON,
    NOT_FOUND,
    METHOD,
    ENGINE_UNAVAILABLE
  }

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter[][] requests = new Counter[ROUTES.length][STATUS_CLASSES.length];
  final Timer addedLatency;
  private final Map<Action, Counter> enforced = new EnumMap<>(Action.class);
  private final Map<Action, Counter> shadowed = new EnumMap<>(Action.class);
  final Counter throttled;
  final Counter blocked;
  final Counter clientCancelled;
  private final Map<UpstreamError, Counter> upstreamErrors = new EnumMap<>(UpstreamError.class);
  private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);
  private final Map<Verdict, Counter> verdictChanges = new EnumMap<>(Verdict.class);
  /** Accounts currently holding each verdict (index = ordinal), maintained by the engine thread. */
  final AtomicLongArray accountsByVerdict = new AtomicLongArray(Verdict.values().length);
  final Counter engineEvents;
  final Counter engineErrors;
  final Counter engineDropped;
  final Counter engineUnscored;
  final Counter logErrors;

  GatewayMetrics() {
    for (int r = 0; r < ROUTES.length; r++) {
      for (int s = 0; s < STATUS_CLASSES.length; s++) {
        requests[r][s] =
            Counter.builder("distillguard_gateway_requests")
                .description("Requests answered, by route and status class")
                .tag("route", ROUTES[r])
                .tag("status", STATUS_CLASSES[s])
                .register(registry);
      }
    }
    addedLatency =
        Timer.builder("distillguard_gateway_added_latency")
            .description("Time the gateway adds: request end to upstream send, plus response head")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(1))
            .register(registry);
    for (Action a : Action.values()) {
      enforced.put(a, decisionCounter(a, "enforced"));
      shadowed.put(a, decisionCounter(a, "shadow"));
    }
    throttled =
        Counter.builder("distillguard_gateway_throttled").description("429s sent").register(registry);
    blocked = Counter.builder("distillguard_gateway_blocked").description("403s sent").register(registry);
    clientCancelled =
        Counter.builder("distillguard_gateway_client_cancelled")
            .description("Clients that went away before the response ended")
            .register(registry);
    for (UpstreamError e : UpstreamError.values()) {
      upstreamErrors.put(
          e,
          Counter.builder("distillguard_gateway_upstream_errors")
              .tag("kind", e.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    for (Rejection e : Rejection.values()) {
      rejections.put(
          e,
          Counter.builder("distillguard_gateway_rejected")
              .tag("reason", e.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    for (Verdict v : Verdict.values()) {
      verdictChanges.put(
          v,
          Counter.builder("distillguard_gateway_verdict_changes")
              .description("Accounts moving to a verdict")
              .tag("verdict", v.json())
              .register(registry));
      final int i = v.ordinal();
      ToDoubleFunction<AtomicLongArray> f = a -> a.get(i);
      Gauge.builder("distillguard_gateway_accounts", accountsByVerdict, f)
          .description("Accounts currently holding each verdict")
          .tag("verdict", v.json())
          .register(registry);
    }
    engineEvents = Counter.builder("distillguard_engine_events").register(registry);
    engineErrors = Counter.builder("distillguard_engine_errors").register(registry);
    engineDropped =
        Counter.builder("distillguard_engine_dropped")
            .description("Exchanges dropped because the engine queue was full")
            .register(registry);
    engineUnscored =
        Counter.builder("distillguard_engine_unscored")
            .description("Exchanges logged but not scored because the engine fell behind")
            .register(registry);
    logErrors = Counter.builder("distillguard_exchange_log_errors").register(registry);
  }

  private Counter decisionCounter(Action a, String mode) {
    return Counter.builder("distillguard_gateway_decisions")
        .description("Policy decisions, enforced or shadowed")
        .tag("action", a.json())
        .tag("mode", mode)
        .register(registry);
  }

  void request(int routeIndex, int status) {
    int s = Math.max(1, Math.min(5, status / 100)) - 1;
    requests[routeIndex][s].increment();
  }

  void decision(Action a, boolean shadow) {
    (shadow ? shadowed : enforced).get(a).increment();
  }

  void upstreamError(UpstreamError e) {
    upstreamErrors.get(e).increment();
  }

  void rejected(Rejection r) {
    rejections.get(r).increment();
  }

  void verdictChange(Verdict from, Verdict to) {
    if (from != null) {
      accountsByVerdict.decrementAndGet(from.ordinal());
    }
    accountsByVerdict.incrementAndGet(to.ordinal());
    verdictChanges.get(to).increment();
  }

  void addedLatencyNanos(long nanos) {
    addedLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  static int routeIndex(String path) {
    for (int i = 0; i < ROUTES.length - 1; i++) {
      if (ROUTES[i].equals(path)) {
        return i;
      }
    }
    return ROUTES.length - 1;
  }

  String scrape() {
    return registry.scrape();
  }

  long counterValue(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : (long) c.count();
  }
}
