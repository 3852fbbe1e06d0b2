package io.distillguard.core.campaign;

/**
 * Kinds of shared keys that link two accounts, grouped into independent evidence groups. Two keys
 * of the same group (a shared IP and a shared /24) are one kind of evidence, not two.
 */
enum EvidenceKind {
  TEMPLATE(Group.CONTENT, 1.0),
  SYSTEM_PROMPT(Group.CONTENT, 1.0),
  /** One 16-bit band of the template SimHash: four bands catch near-duplicate templates. */
  SIMHASH_BAND(Group.CONTENT, 0.2),
  PAYMENT(Group.PAYMENT, 1.5),
  IP(Group.INFRA, 0.6),
  SUBNET(Group.INFRA, 0.3),
  ASN_UA(Group.INFRA, 0.15),
  CREATION(Group.CREATION, 1.0),
  PIVOT(Group.PIVOT, 1.0),
  /**
   * The name {@link PromptCanon} gives a system prompt: one per group of prompts one sentence
   * apart. Signature only (no IDF weight: the exact prompt's key already carries that), and only
   * where the group holds more than one prompt and its committed senders distil.
   */
  SYSTEM_VARIANT(Group.CONTENT, 0.0);

  static final EvidenceKind[] VALUES = values();

  final int group;
  final double base;
  final long salt;

  EvidenceKind(int group, double base) {
    this.group = group;
    this.base = base;
    this.salt = 0x9E3779B97F4A7C15L * (ordinal() + 1);
  }

  boolean content() {
    return group == Group.CONTENT;
  }

  /** A system-prompt key: can be a campaign signature. */
  boolean signature() {
    return this == SYSTEM_PROMPT || this == SYSTEM_VARIANT;
  }

  /** Evidence groups; each is one independent kind of evidence on an edge. */
  static final class Group {
    static final int CONTENT = 0;
    static final int PAYMENT = 1;
    static final int INFRA = 2;
    static final int CREATION = 3;
    static final int PIVOT = 4;
    /** Correlated activity: computed from time series at recluster, not from keys. */
    static final int SYNC = 5;

    static final int COUNT = 6;
    /** How much evidence one group may pile up on one edge, so one kind cannot swamp the rest. */
    static final float[] CAP = {10f, 3f, 2f, 1f, 1.5f, 1f};

    static final String[] NAMES = {
      "shared rare templates", "shared payment", "shared network", "creation burst",
      "joint model pivot", "correlated activity"
    };

    private Group() {}
  }
}
