package io.distillguard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.policy.Action;
import io.distillguard.core.policy.Decision;
import io.distillguard.gateway.GatewayMetrics.Rejection;
import io.distillguard.gateway.GatewayMetrics.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The request path, on one event loop: route, identify, read the bounded body, decide from the
 * account's latest verdict, proxy to the upstream (streams chunk by chunk with backpressure), and
 * hand the finished exchange to the engine thread. Nothing here blocks or scores.
 *
 * <p>Why {@link HttpClient} and not vertx-http-proxy: the gateway must change the request body
 * (inject {@code stream_options.include_usage}), drop one SSE event from the response, read usage
 * from streams as they pass, and answer with errors in each API's own shape; the proxy library's
 * interceptors would need all of that anyway, and a direct client keeps the hot path explicit.
 */
final class ProxyHandler {

  /** Hop-by-hop headers (RFC 9110 7.6.1) plus those the client library sets itself. */
  static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
          "transfer-encoding", "upgrade", "host", "content-length", "proxy-connection");

  private static final int MAX_RESPONSE_COPY = 8 << 20;
  private static final int MAX_MODEL = 128;
  private static final int MAX_USER_AGENT = 256;

  private final Gateway gw;
  private final GatewayConfig cfg;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final String idPrefix;
  private final AtomicLong seq;
  private final Target openAi;
  private final Target anthropic;
  /** Flights waiting for the upstream's response head. */
  private final Deadlines heads;
  /** Flights whose response body or stream is arriving; each chunk restarts the wait. */
  private final Deadlines bodies;

  /** An upstream base URL taken apart once, not per request. */
  private record Target(URI uri, String host, int port, boolean ssl, String basePath, SocketAddress server) {
    static Target of(URI u) {
      if (u == null) {
        return null;
      }
      boolean https = "https".equals(u.getScheme());
      String base = u.getRawPath() == null ? "" : u.getRawPath();
      if (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      int port = u.getPort() > 0 ? u.getPort() : https ? 443 : 80;
      // The address Vert.x would otherwise build from host and port for every request.
      return new Target(u, u.getHost(), port, https, base, SocketAddress.inetSocketAddress(port, u.getHost()));
    }
  }

  ProxyHandler(Gateway gw, Vertx vertx, HttpClient client, String idPrefix, AtomicLong seq) {
    this.gw = gw;
    this.cfg = gw.config();
    this.client = client;
    this.mapper = gw.mapper();
    this.idPrefix = idPrefix;
    this.seq = seq;
    this.openAi = Target.of(cfg.openAiUpstream());
    this.anthropic = Target.of(cfg.anthropicUpstream());
    this.heads = new Deadlines(vertx, cfg.upstreamTimeoutMs(), this::headTimedOut);
    this.bodies = new Deadlines(vertx, cfg.streamIdleTimeoutMs(), this::streamIdle);
  }

  void handle(HttpServerRequest req) {
    long t0 = gw.clock().nanos();
    String path = req.path();
    switch (path) {
      case "/healthz" -> {
        req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{\"status\":\"ok\"}");
        return;
      }
      case "/readyz" -> {
        boolean ready = gw.ready();
        req.response()
            .setStatusCode(ready ? 200 : 503)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"engine unavailable\"}");
        return;
      }
      case "/metrics" -> {
        req.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
            .end(gw.metrics().scrape());
        return;
      }
      default -> {}
    }
    int route = GatewayMetrics.routeIndex(path);
    ApiStyle style = ApiStyle.ofPath(path);
    Target upstream = style == null ? null : style == ApiStyle.OPENAI ? openAi : anthropic;
    ApiStyle shape = style != null ? style : path.startsWith("/v1/messages") ? ApiStyle.ANTHROPIC : ApiStyle.OPENAI;
    if (upstream == null) {
      reject(req, shape, route, GatewayError.NOT_FOUND, Rejection.NOT_FOUND, "Unknown route.");
      return;
    }
    if (req.method() != HttpMethod.POST) {
      reject(req, shape, route, GatewayError.METHOD, Rejection.METHOD, "Use POST.");
      return;
    }
    KeyTable.Entry who = cfg.keys().lookup(apiKey(req));
    if (who == null) {
      gw.metrics().rejected(Rejection.UNAUTHORIZED);
      error(req, shape, route, GatewayError.UNAUTHORIZED, cfg.unknownKeyStatus(),
          "Invalid or missing API key.", null);
      return;
    }
    String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = -1;
    if (cl != null) {
      try {
        declared = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        declared = Long.MAX_VALUE;
      }
    }
    if (declared > cfg.maxBodyBytes()) {
      tooLarge(req, shape, route);
      return;
    }
    // Most bodies arrive in one chunk (Vert.x hands over a buffer we may keep): use it as is, and
    // only start an accumulating copy when a second chunk comes.
    BodyParts parts = new BodyParts(declared);
    req.handler(
        chunk -> {
          if (parts.over) {
            return;
          }
          if (parts.length() + chunk.length() > cfg.maxBodyBytes()) {
            parts.over = true;
            tooLarge(req, shape, route);
            return;
          }
          parts.add(chunk);
        });
    req.exceptionHandler(e -> {});
    req.endHandler(
        v -> {
          if (!parts.over) {
            onBody(req, style, route, upstream, who, parts.body(), t0);
          }
        });
  }

  private void onBody(
      HttpServerRequest req,
      ApiStyle style,
      int route,
      Target upstream,
      KeyTable.Entry who,
      Buffer body,
      long t0) {
    long tBody = gw.clock().nanos();
    // One copy out of Netty's buffer; the bytes are what the engine thread logs, so no tree is
    // built (or re-serialised) on the event loop.
    byte[] raw = body.getBytes();
    RequestScan scan = RequestScan.of(mapper.getFactory(), raw, raw.length);
    if (scan == null) {
      reject(req, style, route, GatewayError.BAD_REQUEST, Rejection.BAD_JSON,
          "Request body must be a JSON object.");
      return;
    }
    Flight x = new Flight(req, style, route, who, scan, raw, t0);
    if (!gw.engineHealthy() && !cfg.failOpen()) {
      gw.metrics().rejected(Rejection.ENGINE_UNAVAILABLE);
      answer(req, style, GatewayError.ENGINE_UNAVAILABLE, 0,
          "Abuse detection is unavailable; try again shortly.", null);
      x.finish(503, Usage.NONE, null);
      return;
    }
    Assessment a = gw.assessment(who.accountId());
    Decision d = cfg.policy().decide(a == null ? null : a.verdict(), a == null ? 0 : a.risk());
    gw.metrics().decision(d.action(), d.shadow());
    Action act = d.enforced();
    if (act == Action.BLOCK) {
      gw.metrics().blocked.increment();
      long retry = d.retryAfterSeconds();
      answer(req, style, GatewayError.BLOCKED, 0,
          "This account is blocked: its traffic matches a model-distillation pattern.",
          h -> {
            if (retry > 0) {
              h.set("retry-after", Long.toString(retry));
            }
          });
      x.finish(403, Usage.NONE, null);
      return;
    }
    if (act == Action.THROTTLE) {
      // ~4 bytes per token is the usual estimate for English prompts; the real count is charged
      // after the response via the completion tokens.
      long estimate = body.length() / 4 + 1;
      Throttles.Probe p = gw.throttles().tryConsume(who.accountId(), d.tokensPerMinute(), estimate);
      if (!p.allowed()) {
        gw.metrics().throttled.increment();
        long retry = Math.max(1, (p.retryAfterNanos() + 999_999_999L) / 1_000_000_000L);
        answer(req, style, GatewayError.THROTTLED, 0,
            "Rate limit reached for tokens on this account; retry after " + retry + " s.",
            h -> rateHeaders(h, p, retry));
        x.finish(429, Usage.NONE, null);
        return;
      }
      x.throttle = p;
      x.tokensPerMinute = d.tokensPerMinute();
    }
    proxy(req, x, upstream, body, tBody);
  }

  private void proxy(HttpServerRequest req, Flight x, Target upstream, Buffer body, long tBody) {
    Buffer upBody = body;
    boolean hide = false;
    if (x.style == ApiStyle.OPENAI && (x.route == 0 || x.route == 1) && x.scan.needsUsageInjection()) {
      // Rare path (streams that did not ask for usage): only here is the body parsed to a tree.
      try {
        ObjectNode copy = (ObjectNode) mapper.readTree(x.raw);
        JsonNode so = copy.get("stream_options");
        ObjectNode opts = so != null && so.isObject() ? (ObjectNode) so : copy.putObject("stream_options");
        opts.put("include_usage", true);
        upBody = Buffer.buffer(mapper.writeValueAsBytes(copy));
        hide = true;
      } catch (Exception e) {
        upBody = body;
      }
    }
    String base = upstream.basePath();
    RequestOptions o =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(upstream.server())
            .setHost(upstream.host())
            .setPort(upstream.port())
            .setSsl(upstream.ssl())
            .setURI(base.isEmpty() ? req.uri() : base + req.uri())
            // No per-request idle timeout: Vert.x would arm and cancel a timer for every request
            // (4% of event-loop CPU); Deadlines does the same job with one timer per loop.
            .setConnectTimeout(cfg.connectTimeoutMs());
    HttpServerResponse out = req.response();
    boolean hideUsage = hide;
    Buffer sendBody = upBody;
    // Client gone before the response ended: cancel the upstream call (it may still be connecting).
    out.closeHandler(
        v -> {
          if (!x.done) {
            x.cancelled = true;
            gw.metrics().clientCancelled.increment();
            if (x.upstream != null) {
              x.upstream.reset();
            }
            x.finish(499, Usage.NONE, null);
          }
        });
    client
        .request(o)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                upstreamFailed(req, x, ar.cause());
                return;
              }
              HttpClientRequest up = ar.result();
              if (x.cancelled) {
                up.reset();
                return;
              }
              x.upstream = up;
              // From here the upstream has upstream_timeout_ms to send its response head.
              heads.add(x);
              // Straight into the request's own header map: no intermediate MultiMap per request.
              MultiMap h = up.headers();
              copyHeaders(req.headers(), h);
              h.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(sendBody.length()));
              long pre = gw.clock().nanos() - tBody;
              up.send(sendBody)
                  .onComplete(
                      rar -> {
                        if (rar.failed()) {
                          upstreamFailed(req, x, rar.cause());
                        } else {
                          onResponse(req, x, rar.result(), hideUsage, pre);
                        }
                      });
            });
  }

  private void onResponse(
      HttpServerRequest req, Flight x, HttpClientResponse resp, boolean hide, long preNanos) {
    long tHead = gw.clock().nanos();
    if (x.cancelled) {
      heads.remove(x);
      return;
    }
    HttpServerResponse out = req.response();
    int status = resp.statusCode();
    x.status = status;
    // From here the upstream may be silent for at most stream_idle_timeout_ms at a time.
    bodies.add(x);
    String ctype = resp.getHeader(HttpHeaders.CONTENT_TYPE);
    String lowerType = ctype == null ? null : ctype.toLowerCase(Locale.ROOT);
    boolean isJson = lowerType != null && lowerType.contains("json");
    boolean sse = lowerType != null && lowerType.startsWith("text/event-stream");
    if (status >= 500) {
      gw.metrics().upstreamError(UpstreamError.STATUS_5XX);
      if (!isJson) {
        // Not an error body the client library can read: answer in the API's shape instead, once
        // the body has ended or broken off (not only at the idle timeout).
        Runnable failed =
            () -> {
              if (x.done) {
                return;
              }
              answer(req, x.style, GatewayError.UPSTREAM_UNAVAILABLE, status,
                  "The upstream model service failed (HTTP " + status + ").", null);
              x.finish(status, Usage.NONE, null);
            };
        resp.handler(b -> bodies.touch(x));
        resp.exceptionHandler(e -> failed.run());
        resp.endHandler(v -> failed.run());
        return;
      }
    }
    out.setStatusCode(status);
    copyHeaders(resp.headers(), out.headers());
    String len = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (len != null && !hide) {
      out.putHeader(HttpHeaders.CONTENT_LENGTH, len);
      x.responseLeft = sse ? -1 : contentLength(len);
    } else {
      out.setChunked(true);
    }
    if (x.throttle != null) {
      rateHeaders(out.headers(), x.throttle, 0);
    }
    SseRelay relay = sse ? new SseRelay(hide, mapper) : null;
    x.relay = relay;
    // A JSON body is kept for its usage, read on the engine thread; most arrive in one chunk, which
    // is kept as delivered (no copy), as for request bodies.
    BodyParts copy = !sse && isJson && status < 300 ? new BodyParts(-1) : null;
    resp.handler(
        chunk -> {
          bodies.touch(x);
          Buffer fwd = relay != null ? relay.onChunk(chunk) : chunk;
          if (copy != null && !copy.over) {
            if (copy.length() + chunk.length() <= MAX_RESPONSE_COPY) {
              copy.add(chunk);
            } else {
              copy.over = true;
            }
          }
          if (fwd.length() > 0 && !x.cancelled && !out.closed()) {
            long left = x.responseLeft;
            if (left == fwd.length()) {
              // This chunk completes a Content-Length body (for most JSON answers, the only chunk):
              // head, body and end go out as one message, one encode and flush instead of two.
              // The bytes sent are the same.
              x.responseLeft = 0;
              out.end(fwd);
              return;
            }
            if (left > 0) {
              x.responseLeft = left - fwd.length();
            }
            out.write(fwd);
            if (out.writeQueueFull()) {
              // The upstream's silence while paused is ours (the client reads slowly): no idle
              // clock until the client drains; re-listed before resume, which may deliver chunks
              // (and pause again) synchronously.
              resp.pause();
              bodies.remove(x);
              out.drainHandler(
                  v -> {
                    bodies.add(x);
                    resp.resume();
                  });
            }
          }
        });
    resp.exceptionHandler(
        e -> {
          if (x.done) {
            return;
          }
          gw.metrics().upstreamError(isTimeout(e) ? UpstreamError.TIMEOUT : UpstreamError.RESET);
          gw.log().warn("upstream_stream_error", "request_id", x.requestId,
              "error", e.getClass().getSimpleName());
          // The status line is gone already; cutting the connection is the only honest signal
          // (unless the whole Content-Length body has been forwarded and ended already).
          if (!out.closed() && !out.ended()) {
            out.reset();
          }
          x.finish(status, relay != null ? relay.usage() : Usage.NONE, null);
        });
    resp.endHandler(
        v -> {
          if (x.done) {
            return;
          }
          if (!out.closed() && !out.ended()) {
            Buffer tail = relay != null ? relay.finish() : null;
            if (tail != null && tail.length() > 0) {
              out.write(tail);
            }
            out.end();
          }
          x.finish(status, relay != null ? relay.usage() : Usage.NONE,
              copy == null || copy.over ? null : copy.body());
        });
    gw.metrics().addedLatencyNanos(preNanos + (gw.clock().nanos() - tHead));
  }

  private void upstreamFailed(HttpServerRequest req, Flight x, Throwable e) {
    if (x.cancelled || x.done) {
      return;
    }
    boolean timeout = isTimeout(e);
    boolean refused = e instanceof ConnectException || String.valueOf(e.getMessage()).contains("refused");
    gw.metrics().upstreamError(
        timeout ? UpstreamError.TIMEOUT : refused ? UpstreamError.CONNECT : UpstreamError.OTHER);
    gw.log().warn("upstream_error", "request_id", x.requestId,
        "kind", timeout ? "timeout" : refused ? "connect" : "other",
        "error", e.getClass().getSimpleName());
    GatewayError ge = timeout ? GatewayError.UPSTREAM_TIMEOUT : GatewayError.UPSTREAM_UNAVAILABLE;
    if (req.response().headWritten()) {
      req.response().reset();
    } else {
      answer(req, x.style, ge, 0,
          timeout ? "The upstream model service timed out." : "The upstream model service is unreachable.",
          null);
    }
    x.finish(ge.status, Usage.NONE, null);
  }

  private static boolean isTimeout(Throwable e) {
    return e instanceof TimeoutException
        || e.getClass().getSimpleName().contains("Timeout")
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
  }

  /** A Content-Length value, or -1 when it is not a plain non-negative number. */
  private static long contentLength(String v) {
    try {
      long n = Long.parseLong(v.trim());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void rateHeaders(MultiMap h, Throttles.Probe p, long retryAfterSeconds) {
    h.set("x-ratelimit-limit-tokens", Long.toString(p.limit()));
    h.set("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, p.remaining())));
    if (retryAfterSeconds > 0) {
      h.set("x-ratelimit-reset-tokens", retryAfterSeconds + "s");
      h.set("retry-after", Long.toString(retryAfterSeconds));
    }
  }

  private static void copyHeaders(MultiMap from, MultiMap to) {
    String conn = from.get(HttpHeaders.CONNECTION);
    String connLower = conn == null ? null : conn.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : from) {
      String k = e.getKey();
      if (isHopByHop(k) || (connLower != null && connLower.contains(k.toLowerCase(Locale.ROOT)))) {
        continue;
      }
      to.add(k, e.getValue());
    }
  }

  /** Case-insensitive membership in {@link #HOP_BY_HOP} without allocating a lower-case copy. */
  static boolean isHopByHop(String name) {
    String candidate =
        switch (name.length()) {
          case 2 -> "te";
          case 4 -> "host";
          case 7 -> name.charAt(0) == 'u' || name.charAt(0) == 'U' ? "upgrade" : "trailer";
          case 10 -> name.charAt(0) == 'c' || name.charAt(0) == 'C' ? "connection" : "keep-alive";
          case 14 -> "content-length";
          case 16 -> "proxy-connection";
          case 17 -> "transfer-encoding";
          case 18 -> "proxy-authenticate";
          case 19 -> "proxy-authorization";
          default -> null;
        };
    return candidate != null && candidate.equalsIgnoreCase(name);
  }

  private static String apiKey(HttpServerRequest req) {
    String auth = req.getHeader(HttpHeaders.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    String k = req.getHeader("x-api-key");
    return k == null ? null : k.trim();
  }

  private void tooLarge(HttpServerRequest req, ApiStyle shape, int route) {
    gw.metrics().rejected(Rejection.TOO_LARGE);
    // The rest of the body is not read: close the connection after answering.
    error(req, shape, route, GatewayError.TOO_LARGE, 0,
        "Request body exceeds " + cfg.maxBodyBytes() + " bytes.",
        h -> h.set(HttpHeaders.CONNECTION, "close"));
  }

  private void reject(
      HttpServerRequest req, ApiStyle shape, int route, GatewayError e, Rejection r, String msg) {
    gw.metrics().rejected(r);
    error(req, shape, route, e, 0, msg, null);
  }

  /** Answers a request that never became a {@link Flight} with an error, and counts it. */
  private void error(
      HttpServerRequest req,
      ApiStyle shape,
      int route,
      GatewayError e,
      int status,
      String msg,
      java.util.function.Consumer<MultiMap> headers) {
    if (answer(req, shape, e, status, msg, headers)) {
      gw.metrics().request(route, e.status(status));
    }
  }

  /**
   * Writes an error in the API's shape; false when the response was already over. Not counted
   * here: a flight's {@link Flight#finish} counts its request (counting both made every 403, 429,
   * 502, 503 and 504 of a flight count twice).
   */
  private boolean answer(
      HttpServerRequest req,
      ApiStyle shape,
      GatewayError e,
      int status,
      String msg,
      java.util.function.Consumer<MultiMap> headers) {
    HttpServerResponse out = req.response();
    if (out.ended() || out.closed()) {
      return false;
    }
    int s = e.status(status);
    out.setStatusCode(s).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (headers != null) {
      headers.accept(out.headers());
    }
    out.end(shape.errorBody(e, msg));
    return true;
  }

  /** Head timeout: as Vert.x's idle timeout did, fail the exchange (504) and reset the upstream. */
  private void headTimedOut(Flight x) {
    HttpClientRequest up = x.upstream;
    upstreamFailed(x.req, x,
        new NoStackTraceTimeoutException("The timeout period of " + cfg.upstreamTimeoutMs()
            + "ms has been exceeded while waiting for the upstream response head"));
    if (up != null) {
      up.reset();
    }
  }

  /**
   * Stream idle timeout: the upstream sent its head, then nothing for {@code
   * stream_idle_timeout_ms}. Once bytes have reached the client the status line is gone, so cutting
   * the connection is the honest signal (as for an upstream reset mid-stream); before that, the
   * client gets a 504 like a head timeout. The upstream request is reset so that its connection does
   * not go back to the pool with a response still pending.
   */
  private void streamIdle(Flight x) {
    gw.metrics().upstreamError(UpstreamError.TIMEOUT);
    gw.log().warn("upstream_stream_idle", "request_id", x.requestId,
        "idle_ms", (System.nanoTime() - x.deadlineNanos) / 1_000_000 + cfg.streamIdleTimeoutMs());
    HttpServerResponse out = x.req.response();
    HttpClientRequest up = x.upstream;
    if (!out.headWritten()) {
      // Only the upstream's headers were copied: replace them with the error's own.
      out.headers().clear();
      answer(x.req, x.style, GatewayError.UPSTREAM_TIMEOUT, 0,
          "The upstream model service stopped sending its response.", null);
      x.finish(GatewayError.UPSTREAM_TIMEOUT.status, Usage.NONE, null);
    } else {
      // Finished first: the resets below may call the close and exception handlers, which then
      // see a finished flight and count nothing more.
      x.finish(x.status, x.relay != null ? x.relay.usage() : Usage.NONE, null);
      if (!out.closed() && !out.ended()) {
        out.reset();
      }
    }
    if (up != null) {
      up.reset();
    }
  }

  /**
   * Flights waiting for the upstream with one uniform timeout, for all flights of this event loop
   * with one timer. Two instances: response heads ({@code upstream_timeout_ms} from the upstream
   * request being created) and response bodies ({@code stream_idle_timeout_ms} from the last chunk).
   * A flight is in at most one of them at a time.
   *
   * <p>Vert.x's per-request idle timeout armed a timer for every request (a timer id in a
   * concurrent map, a task in the event loop's priority queue) and cancelled it at the response
   * head: ~4% of event-loop CPU for a timeout that almost never fires. It would also be wrong for
   * bodies: in 5.0.7 {@code HttpClientRequestBase.handleTimeout} re-arms with {@code timeout -
   * elapsed} and keeps that as the new timeout, so a stream with regular gaps is cut sooner each
   * round until a healthy one is cut. Here every flight of a list has the same timeout, so appending
   * at the tail keeps the list in deadline order: add, remove and {@link #touch} (a chunk arrived:
   * move to the tail with a fresh deadline) are O(1) pointer writes, and one timer, armed for the
   * oldest flight's deadline, fires at most about once per timeout period while flights come, go
   * and stream. When it fires, flights past their deadline expire and it is re-armed for the new
   * oldest. A flight thus expires when its own deadline passes, not up to a period later.
   *
   * <p>Deadlines are on the real monotonic clock (as Vert.x's timers are), not {@link
   * GatewayClock}: tests drive that clock by hand. Confined to one event loop; not thread-safe.
   */
  private final class Deadlines {
    private final Vertx vertx;
    private final long timeoutNanos;
    private final Consumer<Flight> expire;
    private Flight oldest;
    private Flight newest;
    private boolean armed;

    Deadlines(Vertx vertx, long timeoutMs, Consumer<Flight> expire) {
      this.vertx = vertx;
      this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      this.expire = expire;
    }

    /** Appends a flight with a fresh deadline, taking it out of the list it was in, if any. */
    void add(Flight f) {
      if (f.done) {
        return;
      }
      if (f.due != null) {
        f.due.unlink(f);
      }
      append(f);
      if (!armed) {
        arm(f.deadlineNanos);
      }
    }

    /** Restarts a listed flight's wait; nothing for a flight not in this list (e.g. paused). */
    void touch(Flight f) {
      if (f.due != this) {
        return;
      }
      if (f == newest) {
        f.deadlineNanos = System.nanoTime() + timeoutNanos;
      } else {
        unlink(f);
        append(f);
      }
    }

    void remove(Flight f) {
      if (f.due == this) {
        unlink(f);
      }
    }

    private void append(Flight f) {
      f.deadlineNanos = System.nanoTime() + timeoutNanos;
      f.due = this;
      f.prevDue = newest;
      f.nextDue = null;
      if (newest != null) {
        newest.nextDue = f;
      } else {
        oldest = f;
      }
      newest = f;
    }

    private void unlink(Flight f) {
      if (f.prevDue != null) {
        f.prevDue.nextDue = f.nextDue;
      } else {
        oldest = f.nextDue;
      }
      if (f.nextDue != null) {
        f.nextDue.prevDue = f.prevDue;
      } else {
        newest = f.prevDue;
      }
      f.prevDue = null;
      f.nextDue = null;
      f.due = null;
    }

    private void arm(long deadlineNanos) {
      armed = true;
      // Rounded up: firing a little late costs nothing, firing early would mean a re-arm.
      long ms = Math.max(1, (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000);
      vertx.setTimer(ms, id -> fire());
    }

    private void fire() {
      armed = false;
      long now = System.nanoTime();
      while (oldest != null && oldest.deadlineNanos - now <= 0) {
        Flight f = oldest;
        unlink(f);
        expire.accept(f);
      }
      if (oldest != null && !armed) {
        arm(oldest.deadlineNanos);
      }
    }
  }

  /** A body as it arrives: the first chunk alone, or an accumulated copy of several. */
  private static final class BodyParts {
    private final long declared;
    private Buffer first;
    private Buffer acc;
    boolean over;

    BodyParts(long declared) {
      this.declared = declared;
    }

    int length() {
      return acc != null ? acc.length() : first != null ? first.length() : 0;
    }

    void add(Buffer chunk) {
      if (first == null && acc == null) {
        first = chunk;
        return;
      }
      if (acc == null) {
        acc = Buffer.buffer((int) Math.max(declared, first.length() + chunk.length()));
        acc.appendBuffer(first);
        first = null;
      }
      acc.appendBuffer(chunk);
    }

    Buffer body() {
      return acc != null ? acc : first != null ? first : Buffer.buffer(0);
    }
  }

  /** Per-request state shared by the callbacks of one exchange. */
  private final class Flight {
    final HttpServerRequest req;
    final ApiStyle style;
    final int route;
    final KeyTable.Entry who;
    final RequestScan scan;
    final byte[] raw;
    final long t0;
    final long tsMillis;
    final String requestId;
    Throttles.Probe throttle;
    long tokensPerMinute;
    HttpClientRequest upstream;
    boolean cancelled;
    boolean done;
    /** Links and deadline in the {@link Deadlines} list holding this flight ({@code due}), if any. */
    Deadlines due;
    Flight prevDue;
    Flight nextDue;
    long deadlineNanos;
    /** The upstream's status and the stream's relay once the head has come (for the idle cut). */
    int status;
    SseRelay relay;
    /** Bytes of a Content-Length response body not yet forwarded; -1 when unknown or streamed. */
    long responseLeft = -1;

    Flight(
        HttpServerRequest req, ApiStyle style, int route, KeyTable.Entry who, RequestScan scan, byte[] raw,
        long t0) {
      this.req = req;
      this.style = style;
      this.route = route;
      this.who = who;
      this.scan = scan;
      this.raw = raw;
      this.t0 = t0;
      this.tsMillis = gw.clock().epochMillis();
      this.requestId = idPrefix + Long.toString(seq.incrementAndGet(), 36);
    }

    /** Records the exchange once: metrics, throttle charge, hand-off to the engine thread. */
    void finish(int status, Usage usage, Buffer responseCopy) {
      if (done) {
        return;
      }
      done = true;
      if (due != null) {
        due.remove(this);
      }
      if (status != 499) {
        gw.metrics().request(route, status);
      }
      if (tokensPerMinute > 0) {
        if (responseCopy != null) {
          // Read here for the charge, so hand over the result and not the body to read again.
          usage = usage.merge(Usage.fromJsonBody(responseCopy, mapper));
          responseCopy = null;
        }
        gw.throttles().charge(who.accountId(), tokensPerMinute, Math.max(0, usage.completionTokens()));
      }
      String model = scan.model();
      if (model == null || model.isEmpty()) {
        model = "unknown";
      } else if (model.length() > MAX_MODEL) {
        model = model.substring(0, MAX_MODEL);
      }
      String ua = req.getHeader(HttpHeaders.USER_AGENT);
      if (ua != null && ua.length() > MAX_USER_AGENT) {
        ua = ua.substring(0, MAX_USER_AGENT);
      }
      long latencyMs = (gw.clock().nanos() - t0) / 1_000_000;
      gw.submit(
          new ExchangeRecord(
              tsMillis, requestId, who.accountId(), who.keyId(), who.orgId(), gw.clientIp(req), ua,
              req.path(), model, raw, status, usage, responseCopy, latencyMs));
    }
  }
}
