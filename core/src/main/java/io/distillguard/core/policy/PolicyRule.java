package io.distillguard.core.policy;

import io.distillguard.core.detect.Verdict;
import java.util.Objects;

/**
 * One enforcement rule: when an account has {@code verdict} and at least {@code minRisk}, apply
 * {@code action}.
 *
 * @param name stable name, shown in logs and metrics (bounded, set by the operator)
 * @param verdict the verdict this rule matches
 * @param minRisk lowest risk (0..1) the rule applies to
 * @param action what to do
 * @param tokensPerMinute for {@link Action#THROTTLE}: token budget per minute for the account (prompt
 *     plus completion tokens); ignored otherwise
 * @param retryAfterSeconds for {@link Action#BLOCK}: the retry hint sent to the client
 * @param shadow decide, log and count, but do not enforce
 */
public record PolicyRule(
    String name,
    Verdict verdict,
    double minRisk,
    Action action,
    long tokensPerMinute,
    long retryAfterSeconds,
    boolean shadow) {

  public PolicyRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(action, "action");
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("policy rule name must be 1..64 chars: '" + name + "'");
    }
    if (!(minRisk >= 0 && minRisk <= 1)) {
      throw new IllegalArgumentException("policy rule " + name + ": min_risk must be in [0, 1]");
    }
    if (action == Action.THROTTLE && tokensPerMinute <= 0) {
      throw new IllegalArgumentException(
          "policy rule " + name + ": throttle needs tokens_per_minute > 0");
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("policy rule " + name + ": retry_after_seconds < 0");
    }
  }

  public static PolicyRule throttle(String name, Verdict verdict, long tokensPerMinute) {
    return new PolicyRule(name, verdict, 0, Action.THROTTLE, tokensPerMinute, 0, false);
  }

  public static PolicyRule block(String name, Verdict verdict, long retryAfterSeconds) {
    return new PolicyRule(name, verdict, 0, Action.BLOCK, 0, retryAfterSeconds, false);
  }

  public PolicyRule withShadow(boolean s) {
    return new PolicyRule(name, verdict, minRisk, action, tokensPerMinute, retryAfterSeconds, s);
  }

  boolean matches(Verdict v, double risk) {
    return v == verdict && risk >= minRisk;
  }
}
