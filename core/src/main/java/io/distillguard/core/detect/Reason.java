package io.distillguard.core.detect;

import java.util.Objects;

/**
 * One piece of an explanation: which signal, its value, how much it contributed to the risk, and a
 * sentence a person understands.
 *
 * @param signal stable machine name, e.g. {@code cot_elicitation_share}
 * @param value the signal's value (share, count, rate, ...)
 * @param contribution how much it added to the risk (same scale as the risk, may be negative)
 * @param detail one sentence for a person, e.g. "93% of prompts ask for step-by-step reasoning"
 */
public record Reason(String signal, double value, double contribution, String detail) {
  public Reason {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(detail, "detail");
  }
}
