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
  void mixedWeek_sharedClientUsers_shareOnlyTheirClient_notAnOrganisationOrAnOrigin() {
    Population p = new Population(Scenario.named("mixed-week"), 7);
    Map<String, java.util.List<Account>> byClient = new HashMap<>();
    for (Account a : p.accounts) {
      if (a.persona == Persona.SHARED_CLIENT) {
        byClient.computeIfAbsent(a.group.id, k -> new java.util.ArrayList<>()).add(a);
      }
    }
    assertThat(byClient).hasSize(3);
    assertThat(byClient.values().stream().map(l -> l.get(0).group.client()).distinct()).hasSize(3);
    for (java.util.List<Account> users : byClient.values()) {
      assertThat(users).hasSize(50).allSatisfy(a -> {
        assertThat(a.orgId).isNull();
        assertThat(a.campaign).isNull();
      });
      assertThat(users.stream().map(a -> a.paymentFingerprint).distinct()).hasSize(users.size());
      long[] created = users.stream().mapToLong(a -> a.createdAtMillis).sorted().toArray();
      assertThat(created[created.length - 1] - created[0]).isGreaterThan(365 * Timing.DAY);
      String ua = users.get(0).group.client().userAgent();
      assertThat(users.stream().filter(a -> a.userAgent.equals(ua)).count())
          .isGreaterThan(users.size() / 2);
    }
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
