package io.distillguard.core.features;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.Request;
import java.util.ArrayList;
import java.util.List;

/** Builds exchanges for feature tests directly from records (no parser involved). */
final class Exchanges {

  private Exchanges() {}

  static Exchange chat(String system, String user) {
    return of("frontier-large", request(system, List.of(new Request.Message(Request.Role.USER, user, false))));
  }

  static Exchange user(String user) {
    return chat("", user);
  }

  static Request request(String system, List<Request.Message> messages) {
    return new Request(
        Request.ApiShape.OPENAI_CHAT, system, messages, Double.NaN, Double.NaN, -1, -1, false, -1,
        false, List.of(), null, -1, 0, List.of(), "");
  }

  static Request params(int n, int maxTokens, boolean logprobs, int topLogprobs, String effort,
      int thinkingBudget, List<String> tools) {
    return new Request(
        Request.ApiShape.OPENAI_CHAT, "", List.of(new Request.Message(Request.Role.USER, "hi", false)),
        0.7, Double.NaN, n, maxTokens, logprobs, topLogprobs, false, tools, effort, thinkingBudget, 0,
        List.of(), "");
  }

  static Exchange of(String model, Request r) {
    return of(model, r, -1, -1);
  }

  static Exchange of(String model, Request r, int promptTokens, int completionTokens) {
    return new Exchange(
        1_700_000_000_000L, "req-1", "acct-1", null, null, Exchange.ClientInfo.NONE,
        Exchange.AccountInfo.NONE, "/v1/chat/completions", model, r,
        new Exchange.ResponseInfo(200, promptTokens, completionTokens, -1, 100, "stop"));
  }

  static Exchange conversation(String system, String... turns) {
    List<Request.Message> ms = new ArrayList<>();
    for (int i = 0; i < turns.length; i++) {
      ms.add(new Request.Message(i % 2 == 0 ? Request.Role.USER : Request.Role.ASSISTANT, turns[i], false));
    }
    return of("frontier-large", request(system, ms));
  }
}
