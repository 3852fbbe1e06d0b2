package io.distillguard.core.policy;

import io.distillguard.core.detect.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Maps an account's verdict and risk to a {@link Decision}. Rules are tried strictest action first
 * (block before throttle before allow), so overlapping rules never let a worse account through
 * more easily than a milder one.
 *
 * @param rules the rules; order among rules of the same action is kept
 * @param shadow global shadow mode: every decision is made and reported but none is enforced
 */
public record Policy(List<PolicyRule> rules, boolean shadow) {

  public Policy {
    rules =
        rules.stream()
            .sorted((a, b) -> Integer.compare(b.action().ordinal(), a.action().ordinal()))
            .toList();
  }

  /** Distillation is blocked; suspicious accounts are throttled to 20k tokens a minute. */
  public static Policy defaults() {
    return new Policy(
        List.of(
            PolicyRule.block("block-distillation", Verdict.DISTILLATION, 3600),
            PolicyRule.throttle("throttle-suspicious", Verdict.SUSPICIOUS, 20_000)),
        false);
  }

  public Policy withShadow(boolean s) {
    return new Policy(rules, s);
  }

  /** Decides for an account; {@code verdict} null (account never assessed) is allowed. */
  public Decision decide(Verdict verdict, double risk) {
    if (verdict == null) {
      return Decision.ALLOW;
    }
    for (PolicyRule r : rules) {
      if (r.matches(verdict, risk)) {
        String why =
            String.format(
                Locale.ROOT, "verdict %s, risk %.2f (rule %s)", verdict.json(), risk, r.name());
        return new Decision(
            r.action(),
            r.name(),
            why,
            r.action() == Action.THROTTLE ? r.tokensPerMinute() : 0,
            r.action() == Action.BLOCK ? r.retryAfterSeconds() : 0,
            shadow || r.shadow());
      }
    }
    return Decision.ALLOW;
  }

  /** Decides for a verdict given by name, for configuration checks. */
  public Decision decide(String verdictJson, double risk) {
    return decide(Verdict.fromJson(Objects.requireNonNull(verdictJson)), risk);
  }
}
