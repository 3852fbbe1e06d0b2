package io.distillguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.distillguard.core.detect.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

  @Test
  void defaults_distillationBlockedSuspiciousThrottledBenignAllowed() {
    Policy p = Policy.defaults();
    assertThat(p.decide(Verdict.DISTILLATION, 0.9).action()).isEqualTo(Action.BLOCK);
    assertThat(p.decide(Verdict.DISTILLATION, 0.9).retryAfterSeconds()).isEqualTo(3600);
    assertThat(p.decide(Verdict.SUSPICIOUS, 0.5).action()).isEqualTo(Action.THROTTLE);
    assertThat(p.decide(Verdict.SUSPICIOUS, 0.5).tokensPerMinute()).isEqualTo(20_000);
    assertThat(p.decide(Verdict.BENIGN, 0.1)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void decide_unassessedAccount_allowed() {
    assertThat(Policy.defaults().decide((Verdict) null, 0)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void decide_globalShadow_decidesButEnforcesNothing() {
    Decision d = Policy.defaults().withShadow(true).decide(Verdict.DISTILLATION, 0.95);
    assertThat(d.action()).isEqualTo(Action.BLOCK);
    assertThat(d.shadow()).isTrue();
    assertThat(d.enforced()).isEqualTo(Action.ALLOW);
  }

  @Test
  void decide_shadowRule_onlyThatRuleShadowed() {
    Policy p =
        new Policy(
            List.of(
                PolicyRule.block("b", Verdict.DISTILLATION, 60).withShadow(true),
                PolicyRule.throttle("t", Verdict.SUSPICIOUS, 1000)),
            false);
    assertThat(p.decide(Verdict.DISTILLATION, 0.9).enforced()).isEqualTo(Action.ALLOW);
    assertThat(p.decide(Verdict.SUSPICIOUS, 0.5).enforced()).isEqualTo(Action.THROTTLE);
  }

  @Test
  void decide_minRisk_ruleAppliesOnlyAboveIt() {
    Policy p =
        new Policy(
            List.of(
                new PolicyRule("hi", Verdict.SUSPICIOUS, 0.7, Action.BLOCK, 0, 10, false),
                PolicyRule.throttle("lo", Verdict.SUSPICIOUS, 500)),
            false);
    assertThat(p.decide(Verdict.SUSPICIOUS, 0.69).action()).isEqualTo(Action.THROTTLE);
    assertThat(p.decide(Verdict.SUSPICIOUS, 0.7).action()).isEqualTo(Action.BLOCK);
  }

  @Test
  void decide_reasonNamesVerdictRiskAndRule() {
    assertThat(Policy.defaults().decide(Verdict.SUSPICIOUS, 0.5).reason())
        .isEqualTo("verdict suspicious, risk 0.50 (rule throttle-suspicious)");
  }

  @Test
  void rule_throttleWithoutBudget_rejectedNamingTheRule() {
    assertThatThrownBy(() -> PolicyRule.throttle("slow", Verdict.SUSPICIOUS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slow")
        .hasMessageContaining("tokens_per_minute");
  }

  @Test
  void decide_anyRiskAndRuleOrder_strictestMatchingActionWins() {
    // Property: with one rule per action for the same verdict, given in any order, the decision is
    // the strictest rule whose min_risk the risk reaches; and it never depends on the order.
    qt().forAll(doubles().between(0, 1), doubles().between(0, 1), doubles().between(0, 1), integers().between(0, 5))
        .checkAssert(
            (risk, blockMin, throttleMin, perm) -> {
              PolicyRule b = new PolicyRule("b", Verdict.SUSPICIOUS, blockMin, Action.BLOCK, 0, 1, false);
              PolicyRule t = new PolicyRule("t", Verdict.SUSPICIOUS, throttleMin, Action.THROTTLE, 100, 0, false);
              List<PolicyRule> rules = perm % 2 == 0 ? List.of(b, t) : List.of(t, b);
              Action got = new Policy(rules, false).decide(Verdict.SUSPICIOUS, risk).action();
              Action want = risk >= blockMin ? Action.BLOCK : risk >= throttleMin ? Action.THROTTLE : Action.ALLOW;
              assertThat(got).isEqualTo(want);
            });
  }
}
