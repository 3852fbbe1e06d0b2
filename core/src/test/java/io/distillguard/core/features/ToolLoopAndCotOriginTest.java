package io.distillguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.ingest.Request;
import io.distillguard.core.ingest.Request.Message;
import io.distillguard.core.ingest.Request.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool-loop shape (results, orphans, newest result, task) and where a CoT cue comes from. */
class ToolLoopAndCotOriginTest {

  private final FeatureExtractor fx = new FeatureExtractor();

  private static final String TASK = "Write a function that merges two sorted lists.";

  private ExchangeFeatures of(List<Message> msgs) {
    return fx.extract(Exchanges.of("frontier-code", Exchanges.request("", msgs)));
  }

  @Test
  void toolLoop_openAiShapeWithMatchingCalls_countsResultsNoOrphan() {
    ExchangeFeatures f = of(List.of(
        new Message(Role.USER, TASK, false),
        new Message(Role.ASSISTANT, "{\"path\":\"a.py\"}", true),
        new Message(Role.TOOL, "def merge(a, b): ...", true),
        new Message(Role.ASSISTANT, "{\"cmd\":\"pytest\"}", true),
        new Message(Role.TOOL, "3 passed", true)));
    assertThat(f.toolResults()).isEqualTo(2);
    assertThat(f.orphanToolResult()).isFalse();
    assertThat(f.toolUse()).isTrue();
    assertThat(f.toolResultHash()).isNotZero();
    assertThat(f.taskHash()).isNotZero();
  }

  @Test
  void toolLoop_resultWithoutAnyEarlierToolCall_isOrphan() {
    ExchangeFeatures f = of(List.of(
        new Message(Role.USER, TASK, false),
        new Message(Role.TOOL, "exit_code: 0", true)));
    assertThat(f.orphanToolResult()).isTrue();
  }

  @Test
  void toolLoop_anthropicToolResultInUserTurn_countsAsResultNotTask() {
    ExchangeFeatures f = of(List.of(
        new Message(Role.USER, TASK, false),
        new Message(Role.ASSISTANT, "", true),
        new Message(Role.USER, "3 passed", true)));
    ExchangeFeatures sameTaskOtherResult = of(List.of(
        new Message(Role.USER, TASK, false),
        new Message(Role.ASSISTANT, "", true),
        new Message(Role.USER, "1 failed", true)));
    assertThat(f.toolResults()).isEqualTo(1);
    assertThat(f.orphanToolResult()).isFalse();
    assertThat(f.taskHash()).isEqualTo(sameTaskOtherResult.taskHash());
    assertThat(f.toolResultHash()).isNotEqualTo(sameTaskOtherResult.toolResultHash());
  }

  @Test
  void toolLoop_sameNewestResultUnderDifferentTasks_sameResultHash() {
    ExchangeFeatures a = of(List.of(new Message(Role.USER, TASK, false),
        new Message(Role.ASSISTANT, "", true), new Message(Role.TOOL, "File written: solution.py", true)));
    ExchangeFeatures b = of(List.of(new Message(Role.USER, "Sort a list of names by length.", false),
        new Message(Role.ASSISTANT, "", true), new Message(Role.TOOL, "File written: solution.py", true)));
    assertThat(a.toolResultHash()).isEqualTo(b.toolResultHash());
    assertThat(a.taskHash()).isNotEqualTo(b.taskHash());
  }

  @Test
  void toolLoop_plainChat_hasNoToolFields() {
    ExchangeFeatures f = fx.extract(Exchanges.user(TASK));
    assertThat(f.toolResults()).isZero();
    assertThat(f.orphanToolResult()).isFalse();
    assertThat(f.toolResultHash()).isZero();
    assertThat(f.taskHash()).isZero();
  }

  @Test
  void cotOrigin_cueOnlyInSystemPrompt_isFromSystem() {
    ExchangeFeatures f = fx.extract(Exchanges.chat(
        "You are a math tutor. Always think step by step and show your reasoning.", "What is 17 * 23?"));
    assertThat(f.cotElicitation()).isGreaterThanOrEqualTo(0.5f);
    assertThat(f.cotFromSystem()).isTrue();
  }

  @Test
  void cotOrigin_cueInUserTurn_isNotFromSystem() {
    ExchangeFeatures withSystem = fx.extract(Exchanges.chat(
        "You are a helpful assistant.", "What is 17 * 23? Think step by step and show your reasoning."));
    ExchangeFeatures both = fx.extract(Exchanges.chat(
        "Always think step by step.", "Let's think step by step: what is 17 * 23?"));
    assertThat(withSystem.cotElicitation()).isGreaterThanOrEqualTo(0.5f);
    assertThat(withSystem.cotFromSystem()).isFalse();
    assertThat(both.cotFromSystem()).isFalse();
  }

  @Test
  void cotOrigin_hugeUserTurn_boundedAndNeverThrows() {
    String huge = "lorem ipsum ".repeat(200_000);
    Request r = Exchanges.request("Think step by step.", List.of(new Message(Role.USER, huge, false),
        new Message(Role.TOOL, huge, true)));
    ExchangeFeatures f = fx.extract(Exchanges.of("frontier-large", r));
    assertThat(f.cotFromSystem()).isTrue();
    assertThat(f.orphanToolResult()).isTrue();
  }
}
