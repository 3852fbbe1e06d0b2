package io.distillguard.embedded;

/**
 * HTML escaping for attacker-controlled text (account ids, reasons, prompt templates).
 *
 * <p>Escapes the five characters that matter in element content and quoted attribute values, and
 * replaces control characters (other than tab and newline) and bidi embedding, override and isolate
 * characters with U+FFFD so they cannot disturb rendering or reorder the text shown around them.
 * Text is cut to a maximum length first, so a hostile value cannot bloat the page.
 *
 * <p>The result is always well-formed UTF-16: the cut never splits a surrogate pair, and a lone
 * surrogate (JSON lets a client send one as a {@code \ud800} escape) becomes U+FFFD. A strict
 * UTF-8 writer fails on a lone surrogate, and one such account id used to abort the whole page.
 */
public final class Html {

  private Html() {}

  static String esc(String s) {
    return esc(s, 4096);
  }

  static String esc(String s, int max) {
    if (s == null) {
      return "";
    }
    int n = Math.min(s.length(), max);
    StringBuilder b = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          b.append(c).append(s.charAt(++i));
        } else if (!(Character.isHighSurrogate(c) && i + 1 == n && n < s.length()
            && Character.isLowSurrogate(s.charAt(n)))) {
          b.append('\uFFFD'); // lone surrogate; a pair split by the cut is dropped instead
        }
        continue;
      }
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        case '\t':
        case '\n':
          b.append(c);
          break;
        case '\u2028':
        case '\u2029':
          b.append("&#").append((int) c).append(';');
          break;
        default:
          if (controlOrBidi(c)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
      }
    }
    if (s.length() > n) {
      b.append('…');
    }
    return b.toString();
  }

  /**
   * C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates, which would let a
   * hostile id or prompt reorder how the text after it displays: never shown as they are, on a
   * page or on a terminal.
   */
  public static boolean controlOrBidi(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}
