package io.distillguard.cli;

import io.distillguard.sim.Corpus;
import io.distillguard.sim.Evasion;
import io.distillguard.sim.FileSink;
import io.distillguard.sim.Persona;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillguard simulate}: writes labelled simulated traffic. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes simulated api-exchange/v1 traffic (benign and distillation personas, real prompt",
      "corpora) and its labels. Same scenario and seed give the same bytes."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--scenario", defaultValue = "smoke",
      description = "smoke, demo, mixed-week, low-and-slow or anthropic-scale (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "events file (.jsonl, or .jsonl.gz for gzip)")
  Path out;

  @Option(names = "--labels", description = "labels file (JSON Lines), one line per account")
  Path labels;

  @Option(names = "--accounts", description = "resize the scenario to about this many accounts")
  Integer accounts;

  @Option(names = "--days", description = "simulated days (fractions allowed)")
  Double days;

  @Option(names = "--scale", description = "multiply every traffic rate by this factor")
  Double scale;

  @Option(names = "--corpus", description = "corpus directory (default: ../shared/data, else the bundled sample)")
  Path corpus;

  @Option(names = "--swap-corpora",
      description = "attackers send the human-written prompts (ShareGPT, Arena-Hard, OpenAssistant) and ordinary"
          + " users the harvesting sets (Alpaca, Code Alpaca, GPTeacher): a check that detection does not rest"
          + " on which texts attackers send")
  boolean swapCorpora;

  @Option(names = "--max-exchanges", description = "stop after this many exchanges")
  Long maxExchanges;

  @Option(names = "--evasion", paramLabel = "NAME[,NAME...]",
      description = "disguises every attack account puts on: stamped-system, system-in-user,"
          + " persona-name, clean-infra, cover-traffic, heavy-cover, reworded-cues, fake-turns,"
          + " chained-turns, model-rotation, schema-cot, account-churn; per-account makes each attack account"
          + " wear each of the others by a coin toss of its own (default: none; benign traffic is unchanged)")
  String evasions;

  @Override
  public Integer call() throws Exception {
    if (maxExchanges != null && maxExchanges < 0) {
      System.err.println("simulate: --max-exchanges must be >= 0: " + maxExchanges);
      return 2;
    }
    if (labels != null && AnalyzeCommand.same(out, labels)) {
      // two streams into one file would interleave exchanges and labels into something neither
      // analyze nor eval can read
      System.err.println("simulate: --out and --labels name the same file: " + out);
      return 2;
    }
    Scenario s;
    try {
      s = Scenario.named(scenario);
      if (accounts != null) {
        s = s.withAccounts(accounts);
      }
      if (days != null) {
        s = s.withDays(days);
      }
      if (scale != null) {
        s = s.withScale(scale);
      }
      if (evasions != null) {
        s = s.withEvasions(Evasion.parseList(evasions));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("simulate: " + e.getMessage());
      return 2;
    }
    Corpus c;
    try {
      c = Corpus.locate(corpus, Path.of("").toAbsolutePath());
      if (swapCorpora) {
        c = c.swapped();
      }
    } catch (RuntimeException e) {
      System.err.println("simulate: " + e.getMessage());
      return 2;
    }
    System.err.printf(Locale.ROOT, "simulate: scenario %s, seed %d, %d accounts, %.1f days, ~%,.0f exchanges expected, corpus %s%s%n",
        s.name(), seed, s.accounts(), s.duration().toMillis() / 86_400_000.0, s.expectedExchanges(), c.origin(),
        s.evasions().isEmpty() ? "" : ", evasions " + s.evasions().stream().map(Evasion::json).sorted().toList());
    String warning = corpusWarning(s, c);
    if (warning != null) {
      System.err.println(warning);
    }
    Simulator.Summary sum;
    try (FileSink sink = FileSink.open(out, labels)) {
      sum = Simulator.run(s, seed, c, sink, maxExchanges == null ? Long.MAX_VALUE : maxExchanges);
    } catch (IOException | UncheckedIOException e) {
      // a directory given as a file, no permission, a full disk: an output error, not a crash
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      System.err.println("simulate: cannot write " + out + (labels == null ? "" : " or " + labels) + ": "
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
      return 2;
    }
    System.err.printf(Locale.ROOT, "simulate: wrote %,d exchanges of %,d accounts to %s%n", sum.exchanges(), sum.accounts(), out);
    for (Map.Entry<Persona, Long> e : new java.util.TreeMap<>(sum.byPersona()).entrySet()) {
      System.err.printf(Locale.ROOT, "  %-22s %,12d%n", e.getKey().json(), e.getValue());
    }
    return 0;
  }

  /**
   * A warning when a scenario meant to measure detection would run on the bundled sample: its few
   * hundred prompts are drawn by every campaign, so unrelated campaigns share their prompts and
   * merge (mixed-week seed 7: 0 of 4 campaigns found, against 4 of 4 on the full corpora). Easy
   * to miss: run from a directory without {@code ../shared/data} the fallback is silent but for
   * the corpus named in the summary line. {@code null} when there is nothing to warn about.
   */
  static String corpusWarning(Scenario s, Corpus c) {
    if (!c.isBundledSample() || s.name().equals("smoke") || s.name().equals("demo")) {
      return null;
    }
    return "simulate: WARNING: no corpus directory found (--corpus, or shared/data beside the"
        + " working directory or a parent); using the small bundled sample. Its campaigns draw the"
        + " same few prompts, so on " + s.name() + " unrelated campaigns merge and detection"
        + " numbers are not representative.";
  }
}
