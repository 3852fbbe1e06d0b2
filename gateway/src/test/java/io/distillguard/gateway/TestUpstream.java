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
    RESET_MID_STREAM
  }

  record Received(String path, io.vertx.core.MultiMap headers, String body) {}

  final Vertx vertx = Vertx.vertx();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final List<String> closedEarly = new CopyOnWriteArrayList<>();
  volatile Mode mode = Mode.NORMAL;
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
    resp.closeHandler(v -> {
      if (!resp.ended()) {
        closedEarly.add(req.path());
      }
    });
    long delay = mode == Mode.SLOW_STREAM ? 200 : 1;
    sendEvents(resp, events, 0, delay);
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
