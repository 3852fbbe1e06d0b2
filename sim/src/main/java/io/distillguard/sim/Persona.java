package io.distillguard.sim;

import java.util.Locale;

/**
 * Who an account is. Each persona has a ground-truth label, whether its accounts act as one
 * coordinated campaign (and so share a campaign id in the labels), and a nominal volume in
 * exchanges per account per day at scale 1 (scenarios rescale it).
 */
public enum Persona {
  CASUAL_CHAT("casual-chat", false, false, 10),
  APP_BACKEND("app-backend", false, false, 300),
  CODING_ASSISTANT("coding-assistant", false, false, 40),
  BATCH_LABELLING("batch-labelling", false, false, 1500),
  EVAL_HARNESS("eval-harness", false, false, 500),
  RAG_APP("rag-app", false, false, 400),
  RESELLER("reseller", false, false, 2000),
  ENTERPRISE_NAT("enterprise-nat", false, false, 30),
  SINGLE_HARVESTER("single-harvester", true, false, 3000),
  HYDRA_COT("hydra-cot", true, true, 60),
  LOW_AND_SLOW("low-and-slow", true, true, 25),
  RESELLER_MIXING("reseller-mixing", true, false, 1500),
  META_REASONING("meta-reasoning", true, false, 150),
  AGENTIC_TOOL_HARVEST("agentic-tool-harvest", true, false, 400),
  GRADER_HARVEST("grader-harvest", true, false, 500),
  RELEASE_PIVOT("release-pivot", true, true, 300),
  // last: the named scenarios draw every other persona's accounts from the same random streams
  SHARED_CLIENT("shared-client", false, false, 15);

  private final String json;
  private final boolean attack;
  private final boolean coordinated;
  private final double perDay;

  Persona(String json, boolean attack, boolean coordinated, double perDay) {
    this.json = json;
    this.attack = attack;
    this.coordinated = coordinated;
    this.perDay = perDay;
  }

  /** The name used in labels and on the command line, e.g. {@code hydra-cot}. */
  public String json() {
    return json;
  }

  /** True for distillation personas (label {@code attack}). */
  public boolean attack() {
    return attack;
  }

  /** True when the persona's accounts are grouped into campaigns with a shared campaign id. */
  public boolean coordinated() {
    return coordinated;
  }

  /**
   * True when the persona's accounts come in groups: campaigns, enterprise-nat organisations, and
   * the users of one shared chat client (who are unrelated and share no organisation).
   */
  public boolean grouped() {
    return coordinated || this == ENTERPRISE_NAT || this == SHARED_CLIENT;
  }

  /** Nominal exchanges per account per day before scenario scaling. */
  public double nominalPerDay() {
    return perDay;
  }

  /** The label string of {@code traffic-log.md}: {@code attack} or {@code benign}. */
  public String label() {
    return attack ? "attack" : "benign";
  }

  public static Persona fromJson(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT);
    for (Persona p : values()) {
      if (p.json.equals(k)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown persona: " + s);
  }
}
