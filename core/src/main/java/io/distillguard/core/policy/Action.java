package io.distillguard.core.policy;

import java.util.Locale;

/** What the gateway does with a request. Ordered from mildest to strictest. */
public enum Action {
  ALLOW,
  THROTTLE,
  BLOCK;

  /** Lower-case name used in configuration, logs and metric labels. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Action fromJson(String s) {
    for (Action a : values()) {
      if (a.json().equalsIgnoreCase(s)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action: " + s + " (allow, throttle, block)");
  }
}
