package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full mixed-week scenario: about a million exchanges, every persona well represented. */
@Tag("slow")
class MixedWeekVolumeTest {

  @Test
  void mixedWeek_fullRun_volumeNearTargetAndEveryPersonaActive() {
    long[] count = new long[1];
    ExchangeSink sink =
        new ExchangeSink() {
          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            count[0]++;
          }
        };
    Simulator.Summary s = Simulator.run(Scenario.named("mixed-week"), 7, SimTestSupport.CORPUS, sink);
    assertThat(s.exchanges()).isEqualTo(count[0]).isBetween(850_000L, 1_200_000L);
    for (Map.Entry<Persona, Long> e : s.byPersona().entrySet()) {
      assertThat(e.getValue()).as(e.getKey().json()).isGreaterThan(5_000L);
    }
  }
}
