package io.distillguard.core.campaign;

import static io.distillguard.core.campaign.Traffic.MIN;
import static io.distillguard.core.campaign.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountStateTest {

  private static void send(AccountState a, int i, Traffic t) {
    long ts = T0 + i * MIN;
    var f = t.features();
    a.record(ts, f, 0.05);
    a.recordSystem(f.systemHash(), 0, f);
  }

  @Test
  void workerWhoseFirstRequestOpenedWithAParagraphOfItsOwn_isTiedToItsCampaignPrompt() {
    AccountState a = new AccountState(0, "w", 72);
    // Plain chat whose user turn opens with a paragraph (a frame of its own), then the campaign's
    // prompt on one request in five, the rest plain chat without any frame.
    send(a, 0, Traffic.at(T0).system(9001));
    for (int i = 1; i <= 50; i++) {
      send(a, i, i % 5 == 0 ? Traffic.at(T0).system(4242) : Traffic.at(T0));
    }
    assertThat(a.domSystem).isEqualTo(4242);
    assertThat(a.domSystemCount).isEqualTo(10);
    assertThat(a.otherSystems).contains(9001L);
  }

  @Test
  void workerHidingItsPromptUnderFourChatsInFive_isCommittedToIt() {
    AccountState a = new AccountState(0, "w", 72);
    for (int i = 1; i <= 50; i++) {
      send(a, i, i % 5 == 0 ? Traffic.at(T0).system(4242) : Traffic.at(T0));
    }
    assertThat(a.committedToSystemPrompt()).isTrue();
  }

  @Test
  void personWhoPastesAPromptInOneChatOfThree_isNotCommittedToIt() {
    AccountState a = new AccountState(0, "p", 72);
    for (int i = 1; i <= 3; i++) {
      send(a, i, i == 2 ? Traffic.at(T0).system(555) : Traffic.at(T0));
    }
    assertThat(a.committedToSystemPrompt()).isFalse();
  }

  @Test
  void evalHarnessWhoseQuestionsOpenWithParagraphs_isNotCommittedToItsJudgePrompt() {
    AccountState a = new AccountState(0, "h", 72);
    // A public judge prompt on one request in seven; half the questions open with a paragraph of
    // their own (each a frame sent once or twice).
    for (int i = 1; i <= 140; i++) {
      send(a, i, i % 7 == 0 ? Traffic.at(T0).system(555)
          : i % 2 == 0 ? Traffic.at(T0).system(10_000 + i / 4) : Traffic.at(T0));
    }
    assertThat(a.domSystem).isEqualTo(555);
    assertThat(a.committedToSystemPrompt()).isFalse();
  }

  @Test
  void evalHarnessSendingItsJudgePromptOnOneRequestInSeven_isNotCommittedToIt() {
    AccountState harness = new AccountState(0, "h", 72);
    AccountState worker = new AccountState(1, "w", 72);
    for (int i = 1; i <= 140; i++) {
      send(harness, i, i % 7 == 0 ? Traffic.at(T0).system(555).grader(true) : Traffic.at(T0));
      send(worker, i, i % 7 == 0 ? Traffic.at(T0).system(4242) : Traffic.at(T0));
    }
    assertThat(harness.committedToSystemPrompt()).isFalse();
    assertThat(worker.committedToSystemPrompt()).isTrue();
  }

  @Test
  void accountRotatingTwoPrompts_isCommittedToNeither() {
    AccountState a = new AccountState(0, "r", 72);
    for (int i = 1; i <= 40; i++) {
      send(a, i, Traffic.at(T0).system(i % 2 == 0 ? 4242 : 4343));
    }
    assertThat(a.committedToSystemPrompt()).isFalse();
  }

  @Test
  void extractionUnderFourChatsInFive_isReadOnThePromptedRequests() {
    AccountState rotator = new AccountState(0, "r", 72);
    AccountState chatter = new AccountState(1, "c", 72);
    for (int i = 1; i <= 50; i++) {
      // A hydra worker rotating three prompts, with CoT on each of them, under plain chat.
      send(rotator, i, i % 5 == 0 ? Traffic.at(T0).system(100 + i % 3).cot(0.9f) : Traffic.at(T0));
      // A person who asks for step-by-step answers in one plain chat of five.
      send(chatter, i, i % 5 == 0 ? Traffic.at(T0).cot(0.9f) : Traffic.at(T0));
    }
    assertThat(rotator.committedToSystemPrompt()).isFalse();
    assertThat(rotator.behaviour()).isGreaterThanOrEqualTo(0.5);
    assertThat(chatter.behaviour()).isLessThan(0.5);
  }

  /**
   * Whatever the order of prompts, the dominant prompt's count is exact and at least that of every
   * other tracked prompt, each of which is counted exactly too.
   */
  @Test
  void dominantPrompt_isTheMostSentOfThoseTracked_withExactCounts() {
    qt().withExamples(500)
        .forAll(lists().of(integers().between(0, 7)).ofSizeBetween(1, 120))
        .checkAssert(frames -> {
          AccountState a = new AccountState(0, "x", 72);
          Map<Long, Integer> truth = new HashMap<>();
          for (int i = 0; i < frames.size(); i++) {
            long frame = frames.get(i); // 0: no prompt on this request
            send(a, i, Traffic.at(T0).system(frame));
            if (frame != 0) {
              truth.merge(frame, 1, Integer::sum);
            }
          }
          if (truth.isEmpty()) {
            assertThat(a.domSystem).isZero();
            return;
          }
          assertThat(a.domSystemCount).isEqualTo((long) truth.get(a.domSystem));
          List<Long> tracked = new java.util.ArrayList<>(List.of(a.domSystem));
          if (a.otherSystems != null) {
            for (int k = 0; k < AccountState.MAX_OTHER_SYSTEMS; k++) {
              long h = a.otherSystems[k];
              if (h != 0) {
                tracked.add(h);
                assertThat(a.otherCounts[k]).isEqualTo(truth.get(h));
                assertThat(a.otherCounts[k]).isLessThanOrEqualTo((int) a.domSystemCount);
              }
            }
          }
          assertThat(a.framed).isEqualTo(truth.values().stream().mapToLong(Integer::longValue).sum());
          // The first five distinct prompts are the ones tracked.
          assertThat(tracked).containsExactlyInAnyOrderElementsOf(
              frames.stream().filter(f -> f != 0).map(Integer::longValue).distinct()
                  .limit(1 + AccountState.MAX_OTHER_SYSTEMS).toList());
        });
  }
}
