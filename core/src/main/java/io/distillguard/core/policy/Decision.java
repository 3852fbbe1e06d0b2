package io.distillguard.core.policy;

import java.util.Objects;

/**
 * What to do with one request, and why. A value, not a boolean: it carries the rule, the reason
 * and the retry hint, and whether it is only shadowed.
 *
 * @param action what the policy decided
 * @param rule name of the matching rule, or {@code "default"} when none matched
 * @param reason one short sentence for logs (no attacker text)
 * @param tokensPerMinute throttle budget for {@link Action#THROTTLE}, else 0
 * @param retryAfterSeconds retry hint for {@link Action#BLOCK}, else 0
 * @param shadow decided but not enforced
 */
public record Decision(
    Action action,
    String rule,
    String reason,
    long tokensPerMinute,
    long retryAfterSeconds,
    boolean shadow) {

  /** The decision for accounts no rule matches. */
  public static final Decision ALLOW = new Decision(Action.ALLOW, "default", "no rule matched", 0, 0, false);

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }

  /** The action the gateway actually applies: {@link Action#ALLOW} when shadowed. */
  public Action enforced() {
    return shadow ? Action.ALLOW : action;
  }
}
