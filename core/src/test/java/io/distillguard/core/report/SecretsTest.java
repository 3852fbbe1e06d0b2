package io.distillguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
        "sk-ant-api03-Zx81kQ2mNw7pLr4TvB9yHc3Ds6Fg0JeKa5Ub",
        "sk-1234567890abcdefghijklmnop",
        "sk_live_51HdfkeJ3kd93kdlsPQ",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "glpat-xxxxXXXX1234yyyyZZZZ",
        "xoxb-1234567890-0987654321-AbCdEfGhIjKl",
        "AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      })
  void redact_knownKeyFormatInsideAPrompt_masksTheKeyAndKeepsTheText(String key) {
    String prompt = "Why does my call with " + key + " return 401? Please explain.";

    String out = Secrets.redact(prompt);

    assertThat(out).isEqualTo("Why does my call with [redacted] return 401? Please explain.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "curl -H 'Authorization: Bearer abcDEF123456ghiJKL789' api|curl -H 'Authorization: Bearer [redacted]' api",
        "config: api_key = \"a9f3c2e1d0b8\" done|config: api_key = \"[redacted]\" done",
        "PASSWORD=hunter2hunter2 then login|PASSWORD=[redacted] then login",
        "key -----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----|key [redacted]",
      })
  void redact_credentialAfterItsLabel_keepsTheLabelAndMasksTheValue(String in, String expected) {
    assertThat(Secrets.redact(in.replace("\\n", "\n"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Use sk-learn-style-pipelines-for-text classification.",
        "Set max_tokens: 2048 and explain the token budget.",
        "The secret: it is simple.",
        "Hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 of the file",
        "Translate to French: good morning",
        "",
      })
  void redact_ordinaryPrompt_unchanged(String prompt) {
    assertThat(Secrets.redact(prompt)).isSameAs(prompt);
  }

  @Test
  void redact_anyTextAroundAGeneratedKey_neverLeavesTheKeyAndIsIdempotent() {
    String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    qt().forAll(
            strings().allPossible().ofLengthBetween(0, 40),
            strings().allPossible().ofLengthBetween(0, 40),
            integers().between(0, Integer.MAX_VALUE))
        .checkAssert((before, after, seed) -> {
          java.util.Random r = new java.util.Random(seed);
          StringBuilder k = new StringBuilder("sk-proj-");
          for (int i = 0; i < 40; i++) {
            k.append(alnum.charAt(r.nextInt(alnum.length())));
          }
          k.append(r.nextInt(10));
          String key = k.toString();
          String out = Secrets.redact(before + " " + key + " " + after);
          assertThat(out).doesNotContain(key.substring(8, 40));
          assertThat(Secrets.redact(out)).isEqualTo(out);
        });
  }
}
