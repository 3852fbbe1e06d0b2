package io.distillguard.core.detect;

/** What to make of an account or campaign; the JSON names are those of {@code report.md}. */
public enum Verdict {
  /** Act on it. */
  DISTILLATION("distillation"),
  /** Watch it. */
  SUSPICIOUS("suspicious"),
  BENIGN("benign");

  private final String json;

  Verdict(String json) {
    this.json = json;
  }

  /** The name used in reports. */
  public String json() {
    return json;
  }

  public static Verdict fromJson(String s) {
    for (Verdict v : values()) {
      if (v.json.equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict: " + s);
  }
}
