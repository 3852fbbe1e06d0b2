package io.distillguard.sim;

import java.util.Objects;

/**
 * Ground truth for one account, one line of the labels file of {@code traffic-log.md}.
 *
 * @param accountId the account
 * @param label {@code attack} or {@code benign}
 * @param campaign the coordinated operation's id, null for benign and lone attackers
 * @param persona the persona's name, e.g. {@code hydra-cot}
 */
public record Label(String accountId, String label, String campaign, String persona) {
  public Label {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(persona, "persona");
    if (!"attack".equals(label) && !"benign".equals(label)) {
      throw new IllegalArgumentException("label must be attack or benign: " + label);
    }
  }

  public boolean attack() {
    return "attack".equals(label);
  }
}
