package io.distillguard.core.ingest;

/**
 * A traffic-log line that cannot be turned into an {@link Exchange}: invalid JSON or UTF-8, a
 * missing or mistyped required field, or a size limit exceeded.
 *
 * <p>The message is short and safe to log: it names the problem and at most a known field name,
 * and never echoes more than {@value #MAX_MESSAGE_CHARS} characters, with control characters
 * replaced, so a hostile line cannot flood or forge log output. No stack trace is captured: under
 * attack a reader may see millions of these, and the trace says nothing about the input.
 */
public final class MalformedLineException extends RuntimeException {

  /** Longest message kept. */
  public static final int MAX_MESSAGE_CHARS = 80;

  private static final long serialVersionUID = 1L;

  public MalformedLineException(String reason) {
    super(sanitize(reason), null, false, false);
  }

  static String sanitize(String s) {
    if (s == null || s.isEmpty()) {
      return "malformed line";
    }
    int n = Math.min(s.length(), MAX_MESSAGE_CHARS);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) ? '?' : c);
    }
    return b.toString();
  }
}
