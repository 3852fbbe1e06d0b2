package io.distillguard.core.features;

import java.text.Normalizer;

/**
 * Canonical form of attacker-written text for matching and hashing: NFKC (only when the slice holds
 * non-ASCII, since ASCII is already NFKC-stable), lower case, Unicode format characters (category
 * Cf: zero-width joiners, bidi marks, soft hyphens) removed, typographic quotes and dashes folded to
 * ASCII, horizontal whitespace collapsed to one space, and line structure kept as at most one blank
 * line ({@code "\n\n"}) because the template fingerprint reads paragraphs.
 *
 * <p>Work is bounded by the caller's slice: a 10 MB prompt costs what its first few KiB cost.
 */
final class TextNormalizer {

  private TextNormalizer() {}

  /** Normalises {@code s[from, to)}; the slice is clipped so it never splits a surrogate pair. */
  static String normalize(String s, int from, int to) {
    if (s == null || from >= to) {
      return "";
    }
    if (from > 0 && Character.isLowSurrogate(s.charAt(from))) {
      from++;
    }
    if (to < s.length() && to > from && Character.isHighSurrogate(s.charAt(to - 1))) {
      to--;
    }
    // One bulk copy, then plain array reads: far cheaper than charAt/codePointAt through a
    // CharSequence per character.
    char[] src = new char[to - from];
    s.getChars(from, to, src, 0);
    boolean ascii = true;
    for (char c : src) {
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    int end = src.length;
    if (!ascii) {
      // Format characters go before NFKC: a soft hyphen between "a" and a combining accent would
      // otherwise block composition and leave text that is not NFKC once it is stripped.
      String nf = Normalizer.normalize(stripFormat(s, from, to), Normalizer.Form.NFKC);
      src = nf.toCharArray();
      // NFKC can expand a few code points a lot (U+FDFA becomes 18 chars): bound again.
      end = Math.min(src.length, 2 * (to - from) + 16);
    }
    char[] out = new char[Math.min(end, 1 << 20) + 2];
    int n = 0;
    int newlines = 0;
    boolean space = false;
    boolean loweredNonAscii = false;
    for (int i = 0; i < end && n < out.length - 2; ) {
      int cp = src[i];
      if (cp < 0x80) {
        i++;
        if (cp == '\n') {
          newlines++;
          space = true;
          continue;
        }
        if (cp <= ' ' || cp == 0x7f) {
          space = true;
          continue;
        }
        if (cp >= 'A' && cp <= 'Z') {
          cp += 32;
        }
      } else {
        // The pair may straddle the bound: read it whole, as a slice never splits one.
        cp = Character.codePointAt(src, i, src.length);
        i += Character.charCount(cp);
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
          continue;
        }
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
          newlines++;
          space = true;
          continue;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL) {
          space = true;
          continue;
        }
        cp = fold(cp);
        if (cp < 0) {
          continue; // unpaired surrogate or other junk: drop
        }
        int lower = Character.toLowerCase(cp);
        if (lower != cp) {
          loweredNonAscii = true;
          cp = lower;
        }
      }
      if (space) {
        if (n > 0) {
          if (newlines >= 2) {
            out[n++] = '\n';
            out[n++] = '\n';
          } else if (newlines == 1) {
            out[n++] = '\n';
          } else {
            out[n++] = ' ';
          }
        }
        space = false;
        newlines = 0;
      }
      if (Character.isBmpCodePoint(cp)) {
        out[n++] = (char) cp;
      } else if (n < out.length - 3) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      }
    }
    String r = new String(out, 0, n);
    // Lower-casing can leave a composable sequence behind; rare, so check before re-normalising.
    if (loweredNonAscii && !Normalizer.isNormalized(r, Normalizer.Form.NFKC)) {
      r = Normalizer.normalize(r, Normalizer.Form.NFKC);
    }
    return r;
  }

  private static String stripFormat(String s, int from, int to) {
    int i = from;
    while (i < to && Character.getType(s.charAt(i)) != Character.FORMAT) {
      i++;
    }
    if (i == to) {
      return s.substring(from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    sb.append(s, from, i);
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (Character.getType(c) != Character.FORMAT) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Folds typographic punctuation that NFKC leaves alone; -1 drops the code point. */
  private static int fold(int cp) {
    switch (cp) {
      case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x00B4:
        return '\'';
      case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB:
        return '"';
      case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
        return '-';
      default:
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
          return -1;
        }
        return cp;
    }
  }
}
