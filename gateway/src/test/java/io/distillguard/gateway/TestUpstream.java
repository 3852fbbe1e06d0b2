package io.distillguard.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP upstream for tests: a Vert.x server on a random loopback port that answers like the
 * OpenAI and Anthropic APIs (JSON and SSE), with switchable faults. Records what it received.
 */
final class TestUpstream implements AutoCloseable {

  /** Fault modes. */
  enum Mode {
    NORMAL,
    STATUS_500_JSON,
    STATUS_503_HTML,
    HANG,
    SLOW_STREAM,
    CHUNKED_JSON,
    SPLIT_LENGTH_JSON,
    RESET_BEFORE_HEADERS,
    RESET_MID_STREAM,
    /** SSE head and the first two events, then silence with the connection open. */
    STALL_MID_STREAM,
    /** JSON head with Content-Length and the first third of the body, then silence. */
    STALL_MID_BODY,
    /** SSE head only, then silence: nothing the gateway could forward. */
    STALL_AFTER_HEAD,
    /** 503 HTML head with Content-Length and part of the body, then silence. */
    STALL_503_HTML,
    RESET_503_HTML,
    /** {@link #pacedChunks()}, 100 ms apart: a slow but live stream, then a normal end. */
    PACED_STREAM,
    /**
     * 16 KiB events ({@link #burstEvent}) as fast as the gateway takes them (it stops when every
     * buffer on the way is full: {@link #burstStalledMillis}), until {@link #burstFinish} is set;
     * then {@code [DONE]}.
     */
    BURST_STREAM
  }

  record Received(String path, io.vertx.core.MultiMap headers, String body) {}

  final Vertx vertx = Vertx.vertx();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final List<String> closedEarly = new CopyOnWriteArrayList<>();
  volatile Mode mode = Mode.NORMAL;
  /** BURST_STREAM: waiting for the gateway to read (this side's write queue is full), since when. */
  private volatile boolean burstWaiting;
  private volatile long burstWaitingSince;
  /** BURST_STREAM: events written so far, before the final {@code [DONE]}. */
  volatile int burstEvents;
  /** BURST_STREAM: end the stream at the next chance. */
  volatile boolean burstFinish;
  private final HttpServer server;

  static final String OPENAI_JSON =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there, step by step.\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":42,"
          + "\"total_tokens\":59,\"completion_tokens_details\":{\"reasoning_tokens\":5}}}";

  static final String ANTHROPIC_JSON =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":"
          + "[{\"type\":\"text\",\"text\":\"Hi!\"}],\"stop_reason\":\"end_turn\",\"usage\":"
          + "{\"input_tokens\":12,\"output_tokens\":7}}";

  static List<String> openAiChunks(boolean withUsage) {
    List<String> c = new java.util.ArrayList<>();
    c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
    c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Step 1: \"},\"finish_reason\":null}]}\n\n");
    c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"think.\"},\"finish_reason\":null}]}\n\n");
    c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n");
    if (withUsage) {
      c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":33,\"total_tokens\":54}}\n\n");
    }
    c.add("data: [DONE]\n\n");
    return c;
  }

  static List<String> anthropicEvents() {
    return List.of(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  /** A stream of 16 events (~1.5 s at {@link Mode#PACED_STREAM}'s pace), usage included. */
  static List<String> pacedChunks() {
    List<String> all = openAiChunks(true);
    List<String> c = new java.util.ArrayList<>(all.subList(0, 1));
    for (int i = 0; i < 12; i++) {
      c.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},\"finish_reason\":null}]}\n\n");
    }
    c.addAll(all.subList(all.size() - 3, all.size()));
    return c;
  }

  private static final String PAD = "x".repeat(16 * 1024 - 100);

  static String burstEvent(int i) {
    return "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + i + PAD + "\"}}]}\n\n";
  }

  /** The whole BURST_STREAM body of {@code n} events. */
  static String burstBody(int n) {
    StringBuilder b = new StringBuilder(n * 16 * 1024 + 16);
    for (int i = 0; i < n; i++) {
      b.append(burstEvent(i));
    }
    return b.append("data: [DONE]\n\n").toString();
  }

  TestUpstream() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  java.net.URI uri() {
    return java.net.URI.create("http://127.0.0.1:" + port());
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            b -> {
              String body = b.toString();
              received.add(new Received(req.path(), req.headers(), body));
              respond(req, body);
            });
  }

  private void respond(HttpServerRequest req, String body) {
    var resp = req.response();
    resp.putHeader("x-upstream", "test");
    switch (mode) {
      case STATUS_500_JSON -> {
        resp.setStatusCode(500).putHeader("content-type", "application/json")
            .end("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":null}}");
        return;
      }
      case STATUS_503_HTML -> {
        resp.setStatusCode(503).putHeader("content-type", "text/html").end("<html>down</html>");
        return;
      }
      case HANG -> {
        return;
      }
      case RESET_BEFORE_HEADERS -> {
        req.connection().close();
        return;
      }
      case RESET_MID_STREAM -> {
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(TestUpstream.openAiChunks(false).get(0));
        vertx.setTimer(20, t -> req.connection().close());
        return;
      }
      case STALL_MID_STREAM -> {
        watchEarlyClose(req);
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(openAiChunks(false).get(0));
        vertx.setTimer(5, t -> resp.write(openAiChunks(false).get(1)));
        return;
      }
      case STALL_MID_BODY -> {
        watchEarlyClose(req);
        resp.putHeader("content-type", "application/json")
            .putHeader("content-length", Integer.toString(OPENAI_JSON.length()))
            .write(OPENAI_JSON.substring(0, OPENAI_JSON.length() / 3));
        return;
      }
      case STALL_AFTER_HEAD -> {
        watchEarlyClose(req);
        resp.setChunked(true).putHeader("content-type", "text/event-stream").writeHead();
        return;
      }
      case RESET_503_HTML -> {
        resp.setStatusCode(503).putHeader("content-type", "text/html")
            .putHeader("content-length", "100").write("<html>do");
        vertx.setTimer(20, t -> req.connection().close());
        return;
      }
      case STALL_503_HTML -> {
        watchEarlyClose(req);
        resp.setStatusCode(503).putHeader("content-type", "text/html")
            .putHeader("content-length", "100").write("<html>do");
        return;
      }
      default -> {}
    }
    JsonObject json = new JsonObject(body);
    boolean anthropic = req.path().equals("/v1/messages");
    if (!json.getBoolean("stream", false)) {
      String out = anthropic ? ANTHROPIC_JSON : OPENAI_JSON;
      resp.putHeader("content-type", "application/json");
      if (mode == Mode.CHUNKED_JSON) {
        // Three separate writes (and TCP segments apart in time): the gateway sees several chunks.
        int a = out.length() / 3;
        resp.setChunked(true).write(out.substring(0, a));
        vertx.setTimer(5, t -> {
          resp.write(out.substring(a, 2 * a));
          vertx.setTimer(5, u -> resp.end(out.substring(2 * a)));
        });
        return;
      }
      if (mode == Mode.SPLIT_LENGTH_JSON) {
        // Content-Length declared up front, body in three writes apart in time: the gateway sees
        // several chunks of one fixed-length body.
        int a = out.length() / 3;
        resp.putHeader("content-length", Integer.toString(out.getBytes(StandardCharsets.UTF_8).length));
        resp.write(out.substring(0, a));
        vertx.setTimer(5, t -> {
          resp.write(out.substring(a, 2 * a));
          vertx.setTimer(5, u -> resp.end(out.substring(2 * a)));
        });
        return;
      }
      resp.end(out);
      return;
    }
    JsonObject so = json.getJsonObject("stream_options");
    boolean usage = so != null && so.getBoolean("include_usage", false);
    List<String> events = anthropic ? anthropicEvents() : openAiChunks(usage);
    resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    watchEarlyClose(req);
    if (mode == Mode.BURST_STREAM) {
      burstWaiting = false;
      burstFinish = false;
      burstEvents = 0;
      burst(resp, 0);
      return;
    }
    if (mode == Mode.PACED_STREAM) {
      events = pacedChunks();
    }
    long delay = mode == Mode.SLOW_STREAM ? 200 : mode == Mode.PACED_STREAM ? 100 : 1;
    sendEvents(resp, events, 0, delay);
  }

  /** How long BURST_STREAM has been waiting for the gateway to take more (0 when it is not). */
  long burstStalledMillis() {
    return burstWaiting ? (System.nanoTime() - burstWaitingSince) / 1_000_000 : 0;
  }

  private void burst(io.vertx.core.http.HttpServerResponse resp, int i) {
    burstWaiting = false;
    // Capped (128 MiB) so that a gateway that never stops reading does not make this endless.
    while (!resp.closed() && !resp.writeQueueFull() && i < 8192 && !burstFinish) {
      resp.write(burstEvent(i++));
      burstEvents = i;
    }
    if (resp.closed()) {
      return;
    }
    if (i == 8192 || burstFinish) {
      resp.end("data: [DONE]\n\n");
      return;
    }
    burstWaitingSince = System.nanoTime();
    burstWaiting = true;
    int next = i;
    resp.drainHandler(v -> burst(resp, next));
  }

  /** Records the path when the gateway closes the connection before the response ended. */
  private void watchEarlyClose(HttpServerRequest req) {
    req.response().closeHandler(v -> {
      if (!req.response().ended()) {
        closedEarly.add(req.path());
      }
    });
  }

  private void sendEvents(io.vertx.core.http.HttpServerResponse resp, List<String> ev, int i, long delay) {
    if (resp.closed()) {
      return;
    }
    if (i == ev.size()) {
      if (mode == Mode.SLOW_STREAM) {
        // keep the stream open until the client goes away
        vertx.setTimer(delay, t -> sendEvents(resp, ev, 0, delay));
        return;
      }
      resp.end();
      return;
    }
    // Split each event across two writes to exercise partial-event handling.
    String e = ev.get(i);
    int mid = e.length() / 2;
    resp.write(Buffer.buffer(e.substring(0, mid)));
    resp.write(Buffer.buffer(e.substring(mid)));
    vertx.setTimer(delay, t -> sendEvents(resp, ev, i + 1, delay));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
