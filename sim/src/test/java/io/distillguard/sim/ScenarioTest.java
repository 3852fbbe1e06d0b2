package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void named_targets_matchTheBrief() {
    Scenario mw = Scenario.named("mixed-week");
    assertThat(mw.accounts()).isBetween(4_500, 5_500);
    assertThat(mw.expectedExchanges()).isCloseTo(1_000_000, within(1.0));
    assertThat(mw.duration().toDays()).isEqualTo(7);
    Scenario big = Scenario.named("anthropic-scale");
    assertThat(big.accounts()).isBetween(23_000, 25_000);
    assertThat(big.expectedExchanges()).isCloseTo(16_000_000, within(1.0));
    assertThat(Scenario.named("demo").accounts()).isBetween(80, 120);
    assertThat(Scenario.named("smoke").start()).hasToString("2026-11-02T00:00:00Z");
  }

  @Test
  void mixedWeek_everyPersonaAndCampaignsOfAtLeast20() {
    Scenario s = Scenario.named("mixed-week");
    Population p = new Population(s, 7);
    Map<String, Integer> sizes = new HashMap<>();
    java.util.Set<Persona> personas = java.util.EnumSet.noneOf(Persona.class);
    for (Account a : p.accounts) {
      personas.add(a.persona);
      if (a.campaign != null) {
        sizes.merge(a.campaign, 1, Integer::sum);
      }
    }
    assertThat(personas).containsExactlyInAnyOrder(Persona.values());
    assertThat(sizes).hasSizeGreaterThanOrEqualTo(3);
    assertThat(sizes.values()).allMatch(n -> n >= 20);
  }

  @Test
  void population_accountIds_uniqueAndNotGroupedByPersona() {
    Population p = new Population(Scenario.named("mixed-week"), 7);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Account a : p.accounts) {
      assertThat(ids.add(a.id)).isTrue();
    }
    // hydra accounts are spread over the id space, not a contiguous block
    int[] hydra = p.accounts.stream().filter(a -> a.persona == Persona.HYDRA_COT)
        .mapToInt(a -> Integer.parseInt(a.id.substring(5))).sorted().toArray();
    assertThat(hydra[hydra.length - 1] - hydra[0]).isGreaterThan(p.accounts.size() / 2);
  }

  @Test
  void overrides_resizeAndRescale() {
    Scenario s = Scenario.named("mixed-week");
    assertThat(s.withAccounts(1_000).accounts()).isBetween(900, 1_200);
    assertThat(s.withScale(2).expectedExchanges()).isCloseTo(2 * s.expectedExchanges(), within(1.0));
    Scenario d = s.withDays(1);
    assertThat(d.duration().toHours()).isEqualTo(24);
    assertThat(d.releaseAt()).isAfter(d.start()).isBefore(d.start().plus(d.duration()));
  }

  @Test
  void named_unknownOrInvalid_isRejected() {
    assertThatThrownBy(() -> Scenario.named("nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known");
    assertThatThrownBy(() -> Scenario.named("smoke").withDays(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scenario.named("smoke").withScale(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
