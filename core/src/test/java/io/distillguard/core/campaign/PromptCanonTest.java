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
  void of_absentFramesAndFramesWithoutVariants_areThemselvesAndNotStored() {
    PromptCanon canon = new PromptCanon(100, 1000);
    assertThat(canon.of(0, A)).isZero();
    assertThat(canon.of(500, FrameVariants.NONE)).isEqualTo(500);
    assertThat(canon.frames()).isZero();
  }

  @Test
  void of_whenFull_newFramesAreStillMatchedButNameOnlyThemselves() {
    PromptCanon canon = new PromptCanon(2, 1000);
    canon.of(100, A);
    canon.of(600, FrameVariants.of(6, 60));
    assertThat(canon.of(200, B)).isEqualTo(100); // matched, not stored
    assertThat(canon.of(700, FrameVariants.of(7, 70))).isEqualTo(700);
    assertThat(canon.of(800, FrameVariants.of(8, 70))).isEqualTo(800); // 700 was never registered
    assertThat(canon.frames()).isEqualTo(2);
  }
}
