package io.distillguard.core.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in prompt text before it leaves the engine as evidence (a campaign's example
 * prompts, which go into reports, the HTML page and alerts). People paste keys into prompts ("why
 * does {@code sk-proj-...} get 401?"), and attackers' scripts carry their own; an analyst needs the
 * shape of the prompt, never the secret, and a report is mailed and stored far more widely than the
 * traffic log it came from.
 *
 * <p>Matches the well-known key formats by their fixed prefixes (OpenAI and Anthropic {@code sk-},
 * AWS access key ids, GitHub, GitLab, Slack, Google, Stripe, Hugging Face), bearer tokens, JWTs,
 * PEM private-key blocks, and {@code api_key=...}-style assignments. Each match becomes {@value
 * #MASK}, keeping the text around it (and the word "Bearer" or the field name). One regex pass
 * with bounded quantifiers; callers pass a bounded window of text (a private key's block runs to
 * its end).
 */
public final class Secrets {

  public static final String MASK = "[redacted]";

  private static final Pattern SECRET =
      Pattern.compile(
          String.join(
              "|",
              // PEM private key: the head and everything after it (callers pass a bounded window)
              "-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\\s\\S]*",
              // provider keys by prefix
              // sk-...: OpenAI (sk-proj-...), Anthropic (sk-ant-api03-...); a digit is required so
              // that a hyphenated phrase ("sk-learn-style-pipelines-for-text") is left alone
              "\\bsk-(?=[A-Za-z_\\-]{0,512}[0-9])[A-Za-z0-9_\\-]{20,512}",
              "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,256}",
              "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
              "\\bgh[pousr]_[A-Za-z0-9]{20,255}",
              "\\bgithub_pat_[A-Za-z0-9_]{20,255}",
              "\\bglpat-[A-Za-z0-9_\\-]{20,255}",
              "\\bxox[abposr]-[A-Za-z0-9\\-]{10,255}",
              "\\bAIza[0-9A-Za-z_\\-]{35}",
              "\\bhf_[A-Za-z0-9]{30,255}",
              // JSON Web Tokens: header.payload.signature, base64url
              "\\beyJ[A-Za-z0-9_\\-]{8,4096}\\.[A-Za-z0-9_\\-]{8,8192}\\.[A-Za-z0-9_\\-]{8,4096}",
              // "Bearer <token>" and "api_key: <value>" / "password=<value>"
              // the scheme or the field name stays, so the prompt still reads as what it was
              "(?<bearer>(?i:\\bbearer\\s{1,8}))[A-Za-z0-9._~+/\\-]{12,4096}=*",
              "(?<field>(?i:\\b(?:api[_\\-]?key|secret|token|passwd|password|access[_\\-]?key)[\"']?\\s{0,4}[:=]\\s{0,4}[\"']?))[^\\s\"',;]{6,512}"));

  private Secrets() {}

  /** {@code text} with every credential-like span replaced by {@value #MASK}; itself if none. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = SECRET.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int last = 0;
    do {
      b.append(text, last, m.start());
      String kept = m.group("bearer") != null ? m.group("bearer") : m.group("field");
      b.append(kept == null ? "" : kept).append(MASK);
      last = m.end();
    } while (m.find());
    return b.append(text, last, text.length()).toString();
  }
}
