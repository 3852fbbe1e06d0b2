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
    a.record(ts, f, 0.05, false);
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
  void hydraWorkerFavouringOneOfFourPublicPrompts_isNotCommittedToIt() {
    AccountState a = new AccountState(0, "h", 72);
    // Early in its life, 13 of 20 requests on its favourite and 3, 3 and 1 on the others: under two
    // in three of its framed requests, and the favourite is not four times the repeated others.
    long[] others = {4343, 4444, 4343, 4545, 4444, 4343, 4444};
    for (int i = 0; i < 20; i++) {
      send(a, i, Traffic.at(T0).system(i % 3 == 1 ? others[i / 3] : 4242));
    }
    assertThat(a.domSystem).isEqualTo(4242);
    assertThat(a.domSystemCount).isEqualTo(13);
    assertThat(a.committedToSystemPrompt()).isFalse();
  }

  @Test
  void judgeHeavyHarnessWhoseQuestionsEachOpenWithAParagraph_isNotCommittedToItsJudgePrompt() {
    AccountState a = new AccountState(0, "h", 72);
    // Every other request grades with the public judge prompt; every question opens with a
    // paragraph of its own, so the judge prompt is half the framed requests and outnumbers the rest.
    for (int i = 1; i <= 100; i++) {
      send(a, i, i % 2 == 0 ? Traffic.at(T0).system(555).grader(true)
          : Traffic.at(T0).system(40_000 + i));
    }
    assertThat(a.domSystem).isEqualTo(555);
    assertThat(a.committedToSystemPrompt()).isFalse();
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
  void workerWhoseCoverChatsOftenOpenWithParagraphs_isCommittedToItsPrompt() {
    AccountState a = new AccountState(0, "w", 72);
    // The prompt on 10 requests; 12 cover chats open with a paragraph sent once, so the prompt is
    // on under two in three framed requests (10 of 22), the rest is plain chat.
    int paragraphs = 0;
    for (int i = 1; i <= 100; i++) {
      Traffic t = Traffic.at(T0);
      if (i % 10 == 0) {
        t = t.system(4242);
      } else if (i % 7 == 3 && paragraphs < 12) {
        t = t.system(20_000 + paragraphs++);
      }
      send(a, i, t);
    }
    assertThat(a.domSystemCount).isEqualTo(10);
    assertThat(a.framed).isEqualTo(22);
    assertThat(a.committedToSystemPrompt()).isTrue();
  }

  @Test
  void rotatorSeenOnlyBriefly_isNotCommittedToItsFavourite() {
    AccountState a = new AccountState(0, "r", 72);
    // Its favourite five times and each of three other prompts once, so far: the others look like
    // one-off paragraphs, but the favourite has not been sent often enough to tell.
    long[] prompts = {4242, 4343, 4242, 4444, 4242, 4242, 4545, 4242};
    for (int i = 0; i < prompts.length; i++) {
      send(a, i, Traffic.at(T0).system(prompts[i]));
    }
    assertThat(a.domSystemCount).isEqualTo(5);
    assertThat(a.committedToSystemPrompt()).isFalse();
  }

  @Test
  void rotatorWhoseOtherPromptsCameAfterItsSlotsFilled_isCommittedToNone() {
    AccountState a = new AccountState(0, "r", 72);
    // Four one-off paragraphs and the first of three prompts sent in turn fill the five tracked
    // slots: that prompt becomes dominant, the other two are never tracked, and they outnumber it.
    for (int i = 1; i <= 4; i++) {
      send(a, i, Traffic.at(T0).system(30_000 + i));
    }
    for (int i = 5; i <= 60; i++) {
      send(a, i, i % 2 == 0 ? Traffic.at(T0) : Traffic.at(T0).system(4242 + i % 3));
    }
    assertThat(a.domSystem).isBetween(4242L, 4244L);
    assertThat(a.otherCounts).containsOnly(1);
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
