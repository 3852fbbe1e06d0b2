package io.distillguard.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FrameVariants;
import org.junit.jupiter.api.Test;

class OwnTurnsTest {

  /**
   * A request whose last user turn hashes to {@code turn}, with {@code depth} assistant turns in its
   * history, the last answering {@code repliesTo} (0: none).
   */
  private static ExchangeFeatures request(long turn, long repliesTo, int depth) {
    return new ExchangeFeatures(1, 1, 0, 1, 10, 0, 0f, 0f, false, false, 0, depth,
        false, 1f, false, 0, false, 0, 0, 0, FrameVariants.NONE, turn, repliesTo);
  }

  /** As above; one assistant turn when it answers something. */
  private static ExchangeFeatures request(long turn, long repliesTo) {
    return request(turn, repliesTo, repliesTo == 0 ? 0 : 1);
  }

  @Test
  void aFollowUpOfTheAccountsOwnRequest_withTheWholeConversationResent_follows() {
    OwnTurns t = new OwnTurns();
    assertThat(t.follows(request(101, 0, 0))).isFalse();
    assertThat(t.follows(request(102, 101, 1))).isTrue();
    assertThat(t.follows(request(103, 102, 2))).isTrue();
  }

  @Test
  void eachQuestionChainedToTheLastWithAOneLineReply_followsOnlyOnce() {
    // [previous question, a made-up reply, new question]: the history never grows
    OwnTurns t = new OwnTurns();
    t.follows(request(1, 0, 0));
    assertThat(t.follows(request(2, 1, 1))).isTrue();
    for (int i = 3; i < 40; i++) {
      assertThat(t.follows(request(i, i - 1, 1))).isFalse();
    }
  }

  @Test
  void aHistoryCutToAWindow_stillFollowsOnceItIsDeep() {
    OwnTurns t = new OwnTurns();
    t.follows(request(1, 0, OwnTurns.WINDOW_DEPTH));
    assertThat(t.follows(request(2, 1, OwnTurns.WINDOW_DEPTH))).isTrue();
    t.follows(request(3, 0, OwnTurns.WINDOW_DEPTH - 1));
    assertThat(t.follows(request(4, 3, OwnTurns.WINDOW_DEPTH - 1))).isFalse();
  }

  @Test
  void historyTheAccountNeverSent_doesNotFollow() {
    OwnTurns t = new OwnTurns();
    t.follows(request(101, 0));
    // a made-up earlier exchange before each question, as few-shot prompts and replayed logs do
    assertThat(t.follows(request(202, 909))).isFalse();
    assertThat(t.follows(request(203, 908))).isFalse();
    // a reply to the made-up question's own turn is not a follow-up either: 909 was never sent
    assertThat(t.follows(request(204, 909))).isFalse();
  }

  @Test
  void aTurnIsForgotten_afterSizeOtherTurns_andARetryKeepsOneSlot() {
    OwnTurns t = new OwnTurns();
    t.follows(request(7, 0));
    t.follows(request(7, 0)); // the same turn retried
    for (int i = 0; i < OwnTurns.SIZE - 1; i++) {
      t.follows(request(1000 + i, 0));
    }
    assertThat(t.follows(request(8, 7))).as("still among the last %d turns", OwnTurns.SIZE).isTrue();

    OwnTurns u = new OwnTurns();
    u.follows(request(7, 0));
    for (int i = 0; i < OwnTurns.SIZE; i++) {
      u.follows(request(1000 + i, 0));
    }
    assertThat(u.follows(request(8, 7))).isFalse();
  }

  @Test
  void anAccountRelayingManyChatsAtOnce_remembersMoreTurns_onceItsFollowUpsMiss() {
    // 40 people's chats through one key, each person's next turn 40 requests after their last
    OwnTurns t = new OwnTurns();
    int people = 40;
    int followed = 0;
    for (int round = 0; round < 6; round++) {
      followed = 0;
      for (int p = 0; p < people; p++) {
        long turn = 1000L * p + round;
        followed += t.follows(request(turn, round == 0 ? 0 : turn - 1, round)) ? 1 : 0;
      }
    }
    assertThat(followed).as("follow-ups of the last round").isEqualTo(people);

    // made-up history grows the memory too, and still never matches
    OwnTurns fake = new OwnTurns();
    for (int i = 0; i < 500; i++) {
      assertThat(fake.follows(request(5000 + i, 9000 + i))).isFalse();
    }
  }

  @Test
  void hashesDifferingOnlyInTheirHighHalf_areDifferentTurns() {
    OwnTurns t = new OwnTurns();
    t.follows(request(0x1_0000_0005L, 0));
    assertThat(t.follows(request(9, 0x2_0000_0005L))).isFalse();
    assertThat(t.follows(request(9, 0x1_0000_0005L))).isTrue();
  }

  @Test
  void aProfileReadFromBytes_orMergedFromAPartition_stillKnowsTheTurnsItSaw() {
    AccountProfile p = new AccountProfile();
    Personas.Event first = Personas.ev().account("a").build();
    p.update(first.exchange(), request(41, 0));
    AccountProfile q = AccountProfile.fromBytes(p.toBytes());
    q.update(first.exchange(), request(42, 41));
    assertThat(q.multiTurnCount()).isEqualTo(1);

    AccountProfile other = new AccountProfile();
    other.merge(p);
    other.update(first.exchange(), request(42, 41));
    assertThat(other.multiTurnCount()).isEqualTo(1);
  }
}
