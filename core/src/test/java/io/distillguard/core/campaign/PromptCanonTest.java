package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.features.FrameVariants;
import org.junit.jupiter.api.Test;

class PromptCanonTest {

  // Frames 100..: variant keys stand for "one sentence apart" (shared key = one sentence apart).
  private static final FrameVariants A = FrameVariants.of(1, 10, 11);
  private static final FrameVariants B = FrameVariants.of(2, 10, 12); // one sentence from A
  private static final FrameVariants C = FrameVariants.of(3, 12, 13); // one sentence from B, two from A

  @Test
  void of_framesOneSentenceApart_areNamedByTheFirstSeen() {
    PromptCanon canon = new PromptCanon(100, 1000);
    assertThat(canon.of(100, A)).isEqualTo(100);
    assertThat(canon.of(200, B)).isEqualTo(100);
    assertThat(canon.of(200, B)).isEqualTo(100);
    assertThat(canon.of(100, A)).isEqualTo(100);
  }

  @Test
  void of_aFrameOneSentenceFromAMemberButTwoFromTheFirst_startsItsOwnName() {
    // B joined A's name without registering its keys, so C cannot drift in through B.
    PromptCanon canon = new PromptCanon(100, 1000);
    canon.of(100, A);
    canon.of(200, B);
    assertThat(canon.of(300, C)).isEqualTo(300);
    assertThat(canon.of(400, FrameVariants.of(4, 13))).isEqualTo(300);
  }

  @Test
  void hub_aCrowdsCopyOneSentenceFromTwoGroups_mergesThemAtItsNextSighting() {
    // A names the group; B joins it without registering its keys; C, two sentences from A but one
    // from B, starts a group of its own. Once B is a crowd's copy, its keys name A's group too.
    PromptCanon canon = new PromptCanon(100, 1000);
    canon.of(100, A);
    canon.of(200, B);
    assertThat(canon.of(300, C)).isEqualTo(300);
    canon.hub(200);
    assertThat(canon.known(300)).isEqualTo(300); // nothing moves before B is seen again
    assertThat(canon.of(200, B)).isEqualTo(100);
    assertThat(canon.of(300, C)).isEqualTo(100);
    assertThat(canon.known(300)).isEqualTo(100);
    assertThat(canon.of(400, FrameVariants.of(4, 13))).isEqualTo(100); // one from C
    assertThat(canon.of(500, FrameVariants.of(5, 2))).isEqualTo(100); // one from B
  }

  @Test
  void hub_unmarked_aMembersKeysNeverNameTheGroup() {
    PromptCanon canon = new PromptCanon(100, 1000);
    canon.of(100, A);
    canon.of(200, B);
    canon.of(300, C);
    canon.of(200, B);
    assertThat(canon.of(300, C)).isEqualTo(300);
    assertThat(canon.of(500, FrameVariants.of(5, 2))).isEqualTo(500);
  }

  @Test
  void of_absentFramesAndFramesWithoutVariants_areThemselvesAndNotStored() {
    PromptCanon canon = new PromptCanon(100, 1000);
    assertThat(canon.of(0, A)).isZero();
    assertThat(canon.of(500, FrameVariants.NONE)).isEqualTo(500);
    assertThat(canon.frames()).isZero();
  }

  /** Sends {@code n} unrelated one-off frames (each with keys of its own), from {@code first} up. */
  private static void flood(PromptCanon canon, long first, int n) {
    for (long f = first; f < first + n; f++) {
      canon.of(f, FrameVariants.of(f * 10 + 1, f * 10 + 2));
    }
  }

  @Test
  void of_aFloodOfOneOffFrames_doesNotStopNewGroupsFromForming() {
    // A fixed table would be full after the flood, and every later prompt would name only itself.
    PromptCanon canon = new PromptCanon(8, 1000);
    flood(canon, 10_000, 1_000);
    assertThat(canon.of(100, A)).isEqualTo(100);
    assertThat(canon.of(200, B)).isEqualTo(100);
  }

  @Test
  void of_aGroupStillBeingSent_keepsItsNameThroughAFlood() {
    PromptCanon canon = new PromptCanon(8, 1000);
    canon.of(100, A);
    for (int round = 0; round < 50; round++) {
      flood(canon, 10_000 + round * 3, 3);
      // A member is sent now and then; the representative itself never again.
      assertThat(canon.of(200, B)).isEqualTo(100);
    }
    // A new worker's variant, one sentence from the first frame, still joins the group.
    assertThat(canon.of(300, FrameVariants.of(5, 10, 14))).isEqualTo(100);
  }

  @Test
  void of_aGroupNotSentForAWholeGeneration_isForgotten_andMemoryStaysBounded() {
    PromptCanon canon = new PromptCanon(8, 1000);
    canon.of(100, A);
    flood(canon, 10_000, 20_000);
    assertThat(canon.of(200, B)).isEqualTo(200);
    assertThat(canon.frames()).isLessThanOrEqualTo(8);
  }

  @Test
  void of_keysBoundTheGenerationsToo() {
    PromptCanon canon = new PromptCanon(1_000_000, 8);
    flood(canon, 10_000, 20_000);
    assertThat(canon.of(100, A)).isEqualTo(100);
    assertThat(canon.of(200, B)).isEqualTo(100);
    assertThat(canon.frames()).isLessThanOrEqualTo(8);
  }

  @Test
  void known_namesAFrameFromEitherGeneration_withoutAddingOne_andForgetsAsOfDoes() {
    PromptCanon canon = new PromptCanon(8, 1000);
    canon.of(100, A);
    canon.of(200, B);
    assertThat(canon.known(200)).isEqualTo(100);
    assertThat(canon.known(300)).isZero(); // never sent
    assertThat(canon.frames()).isEqualTo(2);
    flood(canon, 10_000, 3); // four frames a generation: A and B are now in the old one only
    assertThat(canon.known(200)).isEqualTo(100);
    flood(canon, 20_000, 4);
    assertThat(canon.known(200)).isZero();
  }
}
