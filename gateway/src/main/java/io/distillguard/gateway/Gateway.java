package io.distillguard.gateway;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.ExchangeParser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running gateway: Vert.x HTTP servers (one per event loop) in front of the configured upstreams,
 * the engine thread, the exchange log and the metrics. Start with {@link #start(GatewayConfig)};
 * {@link #close()} stops accepting, lets the engine drain and closes the log.
 */
public final class Gateway implements AutoCloseable {

  private final GatewayConfig cfg;
  private final GatewayClock clock;
  private final JsonLog log;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final Throttles throttles;
  private final ObjectMapper mapper;
  private final EngineWorker worker;
  private final ExchangeLog exchangeLog;
  private final Vertx vertx;
  private final String idPrefix;
  private final AtomicLong seq = new AtomicLong();
  private volatile int port;

  private Gateway(GatewayConfig cfg, ExchangeDetector detector, GatewayClock clock, PrintStream logOut)
      throws IOException {
    this.cfg = cfg;
    this.clock = clock;
    this.log = new JsonLog(logOut, clock);
    this.throttles = new Throttles(clock);
    this.mapper = new ObjectMapper();
    // Request bodies are attacker-controlled, but a limit tighter than the engine's parser turns
    // a request the upstream accepts (a deeply nested tool schema) into a 400. Every read of a
    // body is streaming or iterative, so depth costs no stack.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(ExchangeParser.MAX_DEPTH)
                .maxStringLength(cfg.maxBodyBytes())
                .build());
    this.exchangeLog =
        cfg.exchangeLogDir() == null
            ? null
            : new ExchangeLog(cfg.exchangeLogDir(), cfg.logMaxBytes(), cfg.logMaxAgeSeconds());
    this.worker = new EngineWorker(detector, exchangeLog, cfg.engineQueue(), mapper, metrics, log);
    byte[] r = new byte[4];
    new SecureRandom().nextBytes(r);
    this.idPrefix = "gw_" + HexFormat.of().formatHex(r) + "_";
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(cfg.eventLoops())
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
  }

  /** Starts with the real detection engine (the same one {@code analyze} runs). */
  public static Gateway start(GatewayConfig cfg) {
    return start(cfg, DefaultDetector.create(cfg.detectorConfig()), GatewayClock.system(), System.err);
  }

  /** The real detection engine for a config (its detector config file, or the defaults). */
  public static ExchangeDetector defaultDetector(GatewayConfig cfg) {
    return DefaultDetector.create(cfg.detectorConfig());
  }

  /** Starts with a given detector, clock and log stream (tests, demo). */
  public static Gateway start(
      GatewayConfig cfg, ExchangeDetector detector, GatewayClock clock, PrintStream logOut) {
    Gateway g;
    try {
      g = new Gateway(cfg, detector, clock, logOut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open exchange log in " + cfg.exchangeLogDir(), e);
    }
    try {
      g.deploy();
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
    return g;
  }

  private void deploy() {
    // One server per event loop on the same port: Vert.x shares the listening socket between them.
    // It does not share port 0 (each instance would get its own), so pick the free port first.
    int listenPort = cfg.port() == 0 && cfg.eventLoops() > 1 ? freePort(cfg.host()) : cfg.port();
    await(
        vertx.deployVerticle(
            () -> new Server(listenPort), new DeploymentOptions().setInstances(cfg.eventLoops())));
    if (boundPorts.size() != 1) {
      throw new IllegalStateException("gateway servers bound different ports: " + boundPorts);
    }
    this.port = boundPorts.iterator().next();
    log.info("gateway_started", "listen", cfg.host() + ":" + port,
        "openai_upstream", GatewayConfig.redacted(cfg.openAiUpstream()),
        "anthropic_upstream", GatewayConfig.redacted(cfg.anthropicUpstream()),
        "keys", cfg.keys().size(), "shadow", cfg.policy().shadow(), "fail_open", cfg.failOpen(),
        "event_loops", cfg.eventLoops(),
        "exchange_log", cfg.exchangeLogDir() == null ? null : cfg.exchangeLogDir().toString());
  }

  private static int freePort(String host) {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private void await(Future<String> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "gateway failed to listen on " + cfg.host() + ":" + cfg.port() + ": " + c.getMessage(), c);
    }
  }

  private final java.util.Set<Integer> boundPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** One HTTP server and one upstream client, confined to one event loop. */
  private final class Server extends VerticleBase {
    private final int listenPort;

    Server(int listenPort) {
      this.listenPort = listenPort;
    }

    @Override
    public Future<?> start() {
      HttpClient client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  // Default idle keep-alive (60 s). Vert.x scans the whole pool per request (9% of
                  // event-loop samples after bursts had grown it), but closing idle connections
                  // after 10 s was measured worse: the churn cost 10-30% more event-loop CPU.
                  .setKeepAlive(true)
                  .setTcpNoDelay(true)
                  .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cfg.connectTimeoutMs()))
                  .setDecompressionSupported(false),
              new PoolOptions().setHttp1MaxSize(256));
      ProxyHandler h = new ProxyHandler(Gateway.this, vertx, client, idPrefix, seq);
      HttpServer server =
          vertx.createHttpServer(
              new HttpServerOptions()
                  .setHost(cfg.host())
                  .setPort(listenPort)
                  .setTcpNoDelay(true)
                  .setMaxHeaderSize(16 * 1024)
                  .setMaxInitialLineLength(8 * 1024)
                  // No WebSocket routes: keep the extension handler out of every pipeline.
                  .setPerMessageWebSocketCompressionSupported(false)
                  .setPerFrameWebSocketCompressionSupported(false));
      return server.requestHandler(h::handle).listen().onSuccess(s -> boundPorts.add(s.actualPort()));
    }
  }

  // --- accessors used by the request path -------------------------------------------------------

  GatewayConfig config() {
    return cfg;
  }

  GatewayClock clock() {
    return clock;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  GatewayMetrics metrics() {
    return metrics;
  }

  Throttles throttles() {
    return throttles;
  }

  JsonLog log() {
    return log;
  }

  boolean engineHealthy() {
    return worker.healthy();
  }

  boolean ready() {
    return worker.healthy() || cfg.failOpen();
  }

  void submit(ExchangeRecord r) {
    worker.submit(r);
  }

  /** Client address: the peer, or the last untrusted hop of X-Forwarded-For from a trusted peer. */
  String clientIp(HttpServerRequest req) {
    String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    if (peer == null || !cfg.trustedProxies().contains(peer)) {
      return peer;
    }
    String xff = req.getHeader("x-forwarded-for");
    if (xff == null || xff.length() > 2048) {
      return peer;
    }
    String[] hops = xff.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String h = hops[i].trim();
      if (!h.isEmpty() && h.length() <= 45 && looksLikeIp(h) && !cfg.trustedProxies().contains(h)) {
        return h;
      }
    }
    return peer;
  }

  private static boolean looksLikeIp(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
        return false;
      }
    }
    return true;
  }

  // --- public view ------------------------------------------------------------------------------

  /** The port the gateway listens on. */
  public int port() {
    return port;
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    String h = cfg.host().contains(":") ? "[" + cfg.host() + "]" : cfg.host();
    return URI.create("http://" + h + ":" + port);
  }

  /** The latest assessment the request path acts on, or null when the account is unseen. */
  public Assessment assessment(String accountId) {
    return worker.latest(accountId);
  }

  /** Exchanges the engine thread has finished (logged and scored). */
  public long processedExchanges() {
    return worker.processed();
  }

  /** The exchange log file being written, or null when there is none. */
  public Path exchangeLogFile() {
    return exchangeLog == null ? null : exchangeLog.current();
  }

  /** Prometheus text of the gateway's metrics. */
  public String metricsText() {
    return metrics.scrape();
  }

  /** Value of a counter by name and tags (tests, demo summary); 0 when absent. */
  public long counter(String name, String... tags) {
    return metrics.counterValue(name, tags);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("gateway_close_error", "error", e.getClass().getSimpleName());
    }
    try {
      worker.close();
    } catch (IOException e) {
      log.warn("exchange_log_close_error", "error", e.getClass().getSimpleName());
    }
    log.info("gateway_stopped", "exchanges", worker.processed());
  }
}
