package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumpGuardTest {

  private static final long SLACK = 10_000;
  private static final long YEAR = 365L * 86_400_000L;

  /** Records what the guard passes on ("t") and what it calls outliers ("!t@present"). */
  private static final class Log implements JumpGuard.Sink<Long> {
    final List<String> out = new ArrayList<>();

    @Override
    public void pass(Long item, long tsMillis) {
      out.add(Long.toString(tsMillis));
    }

    @Override
    public void outlier(Long item, long presentMillis) {
      out.add("!" + item + "@" + presentMillis);
    }
  }

  @Test
  void offer_streamInOrderWithGapsAndDisorderWithinSlack_passedInArrivalOrderWithoutOutliers() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 2_000_000)).ofSizeBetween(0, 200),
            lists().of(integers().between(0, (int) SLACK)).ofSizeBetween(200, 200))
        .checkAssert((gaps, jitter) -> {
          Log log = new Log();
          JumpGuard<Long> g = new JumpGuard<>(SLACK, log);
          List<String> expected = new ArrayList<>();
          long t = 1_000_000_000L;
          for (int i = 0; i < gaps.size(); i++) {
            t += gaps.get(i);
            long ts = t - jitter.get(i); // at most the slack behind the newest time
            g.offer(ts, ts);
            expected.add(Long.toString(ts));
          }
          g.finish();
          assertThat(log.out).containsExactlyElementsOf(expected);
          assertThat(g.outliers()).isZero();
        });
  }

  @Test
  void offer_loneEventYearsAhead_outlierAtThePresentAfterTheStreamContradictsIt() {
    Log log = new Log();
    JumpGuard<Long> g = new JumpGuard<>(SLACK, log);
    long t0 = 1_000_000_000L;
    g.offer(t0, t0);
    g.offer(t0 + 1000, t0 + 1000);
    long future = t0 + 100 * YEAR;
    g.offer(future, future);
    for (int i = 2; i < 2 + JumpGuard.CONTRADICTIONS; i++) {
      g.offer(t0 + i * 1000L, t0 + i * 1000L);
    }
    long present = t0 + (1 + JumpGuard.CONTRADICTIONS) * 1000L;
    assertThat(log.out).contains("!" + future + "@" + present).doesNotContain(Long.toString(future));
    assertThat(g.outliers()).isOne();
  }

  @Test
  void offer_firstEventYearsAhead_outlierAndTheRestPassInOrder() {
    Log log = new Log();
    JumpGuard<Long> g = new JumpGuard<>(SLACK, log);
    long t0 = 1_000_000_000L;
    long future = t0 + 10 * YEAR;
    g.offer(future, future);
    for (int i = 0; i < 3; i++) {
      g.offer(t0 + i * 1000L, t0 + i * 1000L);
    }
    g.finish();
    assertThat(log.out).containsExactly(Long.toString(t0), Long.toString(t0 + 1000), Long.toString(t0 + 2000),
        "!" + future + "@" + (t0 + 2000));
  }

  @Test
  void offer_realJumpAfterAQuietDay_confirmedByTheNextEventAndPassedBeforeIt() {
    Log log = new Log();
    JumpGuard<Long> g = new JumpGuard<>(SLACK, log);
    long t0 = 1_000_000_000L;
    long later = t0 + 86_400_000L;
    g.offer(t0, t0);
    g.offer(later, later);
    assertThat(log.out).containsExactly(Long.toString(t0)); // waits for the stream to follow
    g.offer(later - 5000, later - 5000); // within the slack of the jump: confirms it
    assertThat(log.out).containsExactly(Long.toString(t0), Long.toString(later), Long.toString(later - 5000));
    assertThat(g.outliers()).isZero();
  }

  @Test
  void finish_lastEventFarAheadWithNothingAfterIt_passedAsIs() {
    Log log = new Log();
    JumpGuard<Long> g = new JumpGuard<>(SLACK, log);
    g.offer(1000L, 1000);
    g.offer(YEAR, YEAR);
    g.finish();
    assertThat(log.out).containsExactly("1000", Long.toString(YEAR));
  }
}
