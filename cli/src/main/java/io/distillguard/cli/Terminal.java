package io.distillguard.cli;

import io.distillguard.embedded.Html;

/**
 * Makes attacker-controlled text (account ids, reasons) safe to print on a terminal: control
 * characters, including ESC, become {@code ?} so a hostile account id cannot move the cursor, rewrite
 * earlier lines or set the window title; long values are cut.
 */
final class Terminal {

  private Terminal() {}

  static String safe(String s, int max) {
    if (s == null) {
      return "";
    }
    int n = Math.min(s.length(), max);
    StringBuilder b = new StringBuilder(n + 1);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b.append(Html.controlOrBidi(c) || c == 0x2028 || c == 0x2029 ? '?' : c);
    }
    if (s.length() > n) {
      b.append('…');
    }
    return b.toString();
  }
}
