package io.distillguard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Shared, read-only inputs of one run: the corpus, derived prompt pools, token distributions. */
final class World {

  final Corpus corpus;
  final long start;
  final long end;
  final long release;
  final double rateScale;
  private final double[] cohortRate = new double[Persona.values().length];
  /** Human prompts about code, from the benign pools. */
  final List<String> codingPrompts;
  /** Longer human texts, used as retrieved passages and documents. */
  final List<String> passages;
  /** Pre-quoted JSON of every corpus text, keyed by identity (see {@link LineWriter}). */
  final java.util.IdentityHashMap<String, com.fasterxml.jackson.core.io.SerializedString> quoted =
      new java.util.IdentityHashMap<>();
  private final int[] convTokens;
  private final int[] codeTokens;

  World(Scenario s, Corpus corpus) {
    this.corpus = corpus;
    this.start = s.start().toEpochMilli();
    this.end = start + s.duration().toMillis();
    this.release = s.releaseAt().toEpochMilli();
    this.rateScale = s.rateScale();
    java.util.Arrays.fill(cohortRate, 1.0);
    for (Scenario.Cohort c : s.cohorts()) {
      cohortRate[c.persona().ordinal()] = c.rate();
    }
    this.convTokens = corpus.generatedTokensConv();
    this.codeTokens = corpus.generatedTokensCode();
    List<String> code = new ArrayList<>();
    List<String> pass = new ArrayList<>();
    for (Corpus.Pool p : new Corpus.Pool[] {Corpus.Pool.ARENA_HARD, Corpus.Pool.SHAREGPT, Corpus.Pool.OASST}) {
      for (Corpus.Entry e : corpus.pool(p)) {
        if (isCode(e.prompt())) {
          code.add(e.prompt());
        } else if (e.prompt().length() >= 200 && e.prompt().length() <= 3000) {
          pass.add(e.prompt());
        }
      }
    }
    if (code.isEmpty()) {
      code.add(corpus.pool(Corpus.Pool.OASST).get(0).prompt());
    }
    if (pass.isEmpty()) {
      pass.add(corpus.pool(Corpus.Pool.OASST).get(0).prompt());
    }
    for (Corpus.Pool p : Corpus.Pool.values()) {
      for (Corpus.Entry e : corpus.pool(p)) {
        quote(e.prompt());
        for (String t : e.turns()) {
          quote(t);
        }
        if (e.system() != null) {
          quote(e.system());
        }
      }
    }
    this.codingPrompts = List.copyOf(code);
    this.passages = List.copyOf(pass);
  }

  private static final String[] CODE_WORDS = {
    "python", "javascript", "typescript", "java ", "c++", "sql", "function", "code", "script",
    "regex", "bash", "rust", "golang", "html", "css", "react", "api", "class ", "compile", "def "
  };

  private void quote(String s) {
    if (s.length() >= 48) {
      quoted.computeIfAbsent(s, com.fasterxml.jackson.core.io.SerializedString::new).asQuotedUTF8();
    }
  }

  /** The cohort rate multiplier of the account's persona. */
  double cohortRate(Account a) {
    return cohortRate[a.persona.ordinal()];
  }

  static boolean isCode(String s) {
    String l = s.length() > 600 ? s.substring(0, 600).toLowerCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
    for (String w : CODE_WORDS) {
      if (l.contains(w)) {
        return true;
      }
    }
    return false;
  }

  int convTokens(SplittableRandom r) {
    if (convTokens != null) {
      return Math.max(1, convTokens[r.nextInt(convTokens.length)]);
    }
    return (int) Math.max(1, Math.min(4000, Timing.lognormal(r, 180, 0.9)));
  }

  int codeTokens(SplittableRandom r) {
    if (codeTokens != null) {
      return Math.max(1, codeTokens[r.nextInt(codeTokens.length)]);
    }
    return (int) Math.max(1, Math.min(4000, Timing.lognormal(r, 30, 1.5)));
  }

  /** Long, explanation-style outputs that distillation prompts draw out. */
  int longTokens(SplittableRandom r, double median) {
    return (int) Math.max(50, Math.min(16_000, Timing.lognormal(r, median, 0.6)));
  }

  /** Share of a benign account's requests going to the new model: ramps up over two days. */
  double newModelShare(long t) {
    if (t < release) {
      return 0;
    }
    return Math.min(0.35, 0.35 * (t - release) / (2.0 * Timing.DAY));
  }
}
