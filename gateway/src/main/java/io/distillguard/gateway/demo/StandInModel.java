package io.distillguard.gateway.demo;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * STAND-IN MODEL, not an LLM: an HTTP server that answers OpenAI ({@code /v1/chat/completions},
 * {@code /v1/completions}, {@code /v1/responses}) and Anthropic ({@code /v1/messages}) requests with
 * canned text, labelled as such, and token counts derived from the request (prompt bytes / 4;
 * completion length from {@code max_tokens} and a hash of the prompt, so reruns are identical).
 * Streams are sent as SSE events paced {@code chunkDelayMs} apart. Used by {@code distillguard
 * demo} and the gateway benchmark ({@code chunkDelayMs = 0}, {@code tiny = true}: an instant
 * upstream).
 */
public final class StandInModel implements AutoCloseable {

  /** Every answer starts with this, so nobody mistakes it for a model's output. */
  public static final String LABEL = "[DistillGuard demo stand-in model: canned answer, not a real LLM]";

  private static final String[] WORDS =
      "first consider the question then reason about each part step by step and check the result"
          .split(" ");

  private final Vertx vertx;
  private final HttpServer server;
  private final long chunkDelayMs;
  private final boolean tiny;
  private final Buffer tinyBody =
      Buffer.buffer(
          "{\"id\":\"chatcmpl-standin\",\"object\":\"chat.completion\",\"model\":\"stand-in\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,"
              + "\"total_tokens\":11}}");

  private StandInModel(Vertx vertx, HttpServer server, long chunkDelayMs, boolean tiny) {
    this.vertx = vertx;
    this.server = server;
    this.chunkDelayMs = chunkDelayMs;
    this.tiny = tiny;
  }

  /**
   * Starts on {@code host:port} (0 = any free port).
   *
   * @param chunkDelayMs pause between SSE events
   * @param tiny answer every request with one fixed small JSON body (benchmark upstream)
   */
  public static StandInModel start(String host, int port, long chunkDelayMs, boolean tiny) {
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    StandInModel[] self = new StandInModel[1];
    try {
      HttpServer first = listen(vertx, host, port, self);
      self[0] = new StandInModel(vertx, first, chunkDelayMs, tiny);
      return self[0];
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("stand-in model cannot listen on " + host + ":" + port, e);
    }
  }

  private static HttpServer listen(Vertx vertx, String host, int port, StandInModel[] self)
      throws Exception {
    return vertx
        .createHttpServer(new io.vertx.core.http.HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(req -> self[0].handle(req))
        .listen(port, host)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    if (tiny) {
      req.end();
      req.response().putHeader("content-type", "application/json").end(tinyBody);
      return;
    }
    req.body()
        .onSuccess(
            b -> {
              JsonObject json;
              try {
                json = b.toJsonObject();
              } catch (RuntimeException e) {
                req.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end("{\"error\":{\"message\":\"stand-in: bad JSON\",\"type\":\"invalid_request_error\",\"code\":null}}");
                return;
              }
              answer(req, json, b.length());
            });
  }

  private void answer(HttpServerRequest req, JsonObject json, int bodyBytes) {
    String path = req.path();
    boolean anthropic = path.equals("/v1/messages");
    int promptTokens = Math.max(1, bodyBytes / 4);
    int max = json.getInteger("max_tokens", json.getInteger("max_completion_tokens", json.getInteger("max_output_tokens", 800)));
    int h = json.encode().hashCode() & 0x7fffffff;
    int completion = Math.max(8, Math.min(max, 60 + h % 700));
    int n = Math.max(1, Math.min(8, json.getInteger("n", 1)));
    completion *= n;
    String text = LABEL + " " + words(Math.min(completion, 60));
    String model = json.getString("model", "stand-in");
    HttpServerResponse resp = req.response();
    if (!json.getBoolean("stream", false)) {
      JsonObject out;
      if (anthropic) {
        out = new JsonObject().put("id", "msg_standin").put("type", "message").put("role", "assistant")
            .put("model", model)
            .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
            .put("stop_reason", "end_turn")
            .put("usage", new JsonObject().put("input_tokens", promptTokens).put("output_tokens", completion));
      } else if (path.equals("/v1/responses")) {
        out = new JsonObject().put("id", "resp_standin").put("object", "response").put("status", "completed")
            .put("model", model)
            .put("output", new JsonArray().add(new JsonObject().put("type", "message").put("role", "assistant")
                .put("content", new JsonArray().add(new JsonObject().put("type", "output_text").put("text", text)))))
            .put("usage", new JsonObject().put("input_tokens", promptTokens).put("output_tokens", completion));
      } else {
        JsonArray choices = new JsonArray();
        for (int i = 0; i < n; i++) {
          choices.add(new JsonObject().put("index", i)
              .put("message", new JsonObject().put("role", "assistant").put("content", text))
              .put("finish_reason", "stop"));
        }
        out = new JsonObject().put("id", "chatcmpl-standin").put("object", "chat.completion").put("model", model)
            .put("choices", choices)
            .put("usage", new JsonObject().put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion));
      }
      resp.putHeader("content-type", "application/json").end(out.encode());
      return;
    }
    List<String> events = new ArrayList<>();
    String[] parts = text.split(" ");
    if (anthropic) {
      events.add(sse("message_start", new JsonObject().put("type", "message_start").put("message",
          new JsonObject().put("id", "msg_standin").put("type", "message").put("role", "assistant")
              .put("model", model).put("content", new JsonArray())
              .put("usage", new JsonObject().put("input_tokens", promptTokens).put("output_tokens", 1)))));
      events.add(sse("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0)
          .put("content_block", new JsonObject().put("type", "text").put("text", ""))));
      for (String p : parts) {
        events.add(sse("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
            .put("delta", new JsonObject().put("type", "text_delta").put("text", p + " "))));
      }
      events.add(sse("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
      events.add(sse("message_delta", new JsonObject().put("type", "message_delta")
          .put("delta", new JsonObject().put("stop_reason", "end_turn"))
          .put("usage", new JsonObject().put("output_tokens", completion))));
      events.add(sse("message_stop", new JsonObject().put("type", "message_stop")));
    } else {
      for (String p : parts) {
        events.add(data(chunk(model, new JsonObject().put("content", p + " "), null)));
      }
      events.add(data(chunk(model, new JsonObject(), "stop")));
      JsonObject so = json.getJsonObject("stream_options");
      if (so != null && so.getBoolean("include_usage", false)) {
        events.add(data(new JsonObject().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk")
            .put("model", model).put("choices", new JsonArray())
            .put("usage", new JsonObject().put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion))));
      }
      events.add("data: [DONE]\n\n");
    }
    resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    send(resp, events, 0);
  }

  private void send(HttpServerResponse resp, List<String> events, int i) {
    if (resp.closed()) {
      return;
    }
    if (i == events.size()) {
      resp.end();
      return;
    }
    resp.write(events.get(i));
    if (chunkDelayMs <= 0) {
      send(resp, events, i + 1);
    } else {
      vertx.setTimer(chunkDelayMs, t -> send(resp, events, i + 1));
    }
  }

  private static JsonObject chunk(String model, JsonObject delta, String finish) {
    return new JsonObject().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk").put("model", model)
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
            .put("finish_reason", finish)));
  }

  private static String sse(String event, JsonObject data) {
    return "event: " + event + "\ndata: " + data.encode() + "\n\n";
  }

  private static String data(JsonObject data) {
    return "data: " + data.encode() + "\n\n";
  }

  private static String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(WORDS[i % WORDS.length]).append(' ');
    }
    return b.toString().trim();
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing a demo server: nothing useful to do
    }
  }
}
