package io.distillguard.cli;

import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.report.Report;
import io.distillguard.embedded.AnalysisResult;
import io.distillguard.embedded.Analyzer;
import io.distillguard.embedded.AnalyzerOptions;
import io.distillguard.embedded.HtmlReport;
import io.distillguard.embedded.ReportJson;
import io.distillguard.embedded.TrafficReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distillguard analyze}: runs a traffic log through the detector and writes the report. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyses an api-exchange/v1 traffic log (.jsonl or .jsonl.gz, or - for stdin) and writes a"
          + " distillguard.report/v1 report.",
      "Exit codes: 0 ok, 2 usage or input error."
    })
public final class AnalyzeCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Option(names = "--events", required = true, paramLabel = "FILE|-", description = "Traffic log to read; - reads stdin.")
  String events;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON report here.")
  Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report here.")
  Path html;

  @Option(names = "--config", paramLabel = "FILE", description = "Detector configuration (JSON); defaults if absent.")
  Path config;

  @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "Accounts shown in the summary (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--reorder-slack", defaultValue = "10", paramLabel = "SECONDS",
      description = "Disorder in ts tolerated before events count as late (default ${DEFAULT-VALUE}, at most 86400).")
  long slackSeconds;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads in all: N-1 parse and extract features, one runs the engine; 1 runs everything on one thread (default: available processors). Results do not depend on it.")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (top < 0 || slackSeconds < 0) {
      err.println("analyze: --top and --reorder-slack must be >= 0");
      return EXIT_USAGE;
    }
    if (slackSeconds > AnalyzerOptions.MAX_SLACK_MILLIS / 1000) {
      // seconds * 1000 must not overflow, and a larger slack only holds the whole input back
      err.println("analyze: --reorder-slack must be at most " + AnalyzerOptions.MAX_SLACK_MILLIS / 1000 + " (a day)");
      return EXIT_USAGE;
    }
    if (threads != null && (threads < 1 || threads > AnalyzerOptions.MAX_THREADS)) {
      err.println("analyze: --threads must be in 1.." + AnalyzerOptions.MAX_THREADS);
      return EXIT_USAGE;
    }
    String clash = clash();
    if (clash != null) {
      err.println("analyze: " + clash);
      return EXIT_USAGE;
    }
    Clock clock = Clock.systemUTC();
    AnalyzerOptions options =
        AnalyzerOptions.defaults(clock).withReorderSlackMillis(slackSeconds * 1000);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    if (config != null) {
      try (InputStream in = Files.newInputStream(config)) {
        options = options.withConfig(DetectorConfig.load(in));
      } catch (IOException | RuntimeException e) {
        err.println("analyze: cannot load --config " + config + ": " + shortMessage(e));
        return EXIT_USAGE;
      }
    }
    AnalysisResult result;
    try (InputStream in = TrafficReader.open(events)) {
      result = new Analyzer(options).analyze(in, progress(err, clock));
    } catch (NoSuchFileException e) {
      err.println("analyze: no such file: " + events);
      return EXIT_USAGE;
    } catch (IOException e) {
      err.println("analyze: cannot read " + events + ": " + shortMessage(e));
      return EXIT_USAGE;
    }
    if (System.console() != null) {
      err.print("\r\033[K");
      err.flush();
    }
    if (result.read().inputError() != null) {
      // not fatal: the lines before the break are analysed and the break counts as a malformed line
      err.printf(Locale.ROOT, "analyze: warning: %s: %s at line %,d; the report covers the lines before it%n",
          inputName(), result.read().inputError(),
          result.read().lines());
    }
    try {
      if (out != null) {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
          ReportJson.write(result.report(), o);
        }
      }
      if (html != null) {
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
          HtmlReport.write(result, w);
        }
      }
    } catch (IOException e) {
      err.println("analyze: cannot write report: " + shortMessage(e));
      return EXIT_USAGE;
    }
    printSummary(stdout, result);
    stdout.flush();
    if (result.read().exchanges() == 0 && result.read().malformed() > 0) {
      // Not one exchange: most likely the wrong file. A report of nobody with exit 0 would read
      // as "nothing to see" to a script.
      err.printf(Locale.ROOT, "analyze: no line of %s is an api-exchange/v1 exchange (%,d malformed)%n",
          inputName(), result.read().malformed());
      return EXIT_USAGE;
    }
    return EXIT_OK;
  }

  /**
   * Why the output files cannot be used, or null. The reports are written after the input is read,
   * so {@code --out} naming the events file would silently replace the traffic log with the report.
   */
  private String clash() {
    Path in = "-".equals(events) ? null : Path.of(events);
    if (out != null && html != null && same(out, html)) {
      return "--out and --html name the same file: " + out;
    }
    for (Path p : new Path[] {out, html}) {
      if (p != null && in != null && same(p, in)) {
        return "refusing to overwrite the events file with a report: " + p;
      }
    }
    return null;
  }

  /** The events input as it may be printed. */
  private String inputName() {
    return "-".equals(events) ? "<stdin>" : Terminal.safe(events, 200);
  }

  /** Whether two paths name one file: the same file on disk, or the same normalised path. */
  static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // fall back to comparing the names
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static TrafficReader.Progress progress(PrintWriter err, Clock clock) {
    if (System.console() == null) {
      return TrafficReader.Progress.NONE;
    }
    long start = clock.millis();
    return (lines, bytes) -> {
      double s = Math.max(0.001, (clock.millis() - start) / 1000.0);
      err.printf(Locale.ROOT, "\r\033[K  %,d lines  %,.1f MB  %,.0f lines/s", lines, bytes / 1e6, lines / s);
      err.flush();
    };
  }

  /** "client.asn 12, account.verified 1": field names are the parser's own, counts ours. */
  static String fieldCounts(Report.Input in) {
    StringBuilder b = new StringBuilder();
    in.ignoredFields().forEach((f, n) -> b.append(b.length() == 0 ? "" : ", ").append(f).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
    return b.toString();
  }

  void printSummary(PrintWriter o, AnalysisResult r) {
    Report rep = r.report();
    Report.Input in = rep.input();
    long distill = rep.accounts().stream().filter(a -> "distillation".equals(a.verdict())).count();
    long susp = rep.accounts().stream().filter(a -> "suspicious".equals(a.verdict())).count();
    o.printf(Locale.ROOT, "DistillGuard analyze: %s%n", inputName());
    o.printf(Locale.ROOT, "  lines %,d   exchanges %,d   malformed %,d   duplicates %,d   late %,d%n",
        r.read().lines(), in.events(), in.malformedLines(), in.duplicates(), r.late());
    if (!r.read().samples().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (TrafficReader.MalformedLine m : r.read().samples()) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append(m.lineNumber());
      }
      o.printf(Locale.ROOT, "  malformed at lines %s (first: %s)%n", b, Terminal.safe(r.read().samples().get(0).reason(), 80));
    }
    if (!in.ignoredFields().isEmpty()) {
      o.printf(Locale.ROOT, "  optional fields dropped (wrong type or range; exchanges kept): %s%n", fieldCounts(in));
    }
    o.printf(Locale.ROOT, "  accounts %,d   distillation %,d   suspicious %,d   campaigns %,d%n",
        in.accounts(), distill, susp, rep.campaigns().size());
    o.printf(Locale.ROOT, "  time range %s .. %s%n", in.from(), in.to());
    o.printf(Locale.ROOT, "  elapsed %.2f s   %,.0f exchanges/s%n", r.elapsedMillis() / 1000.0, r.exchangesPerSecond());
    int n = Math.min(top, rep.accounts().size());
    if (n > 0) {
      o.println();
      o.printf(Locale.ROOT, "  %4s  %-28s %6s  %-12s %8s  %-10s %s%n", "#", "account", "risk", "verdict", "events", "campaign", "main reasons");
      for (int i = 0; i < n; i++) {
        Report.AccountEntry a = rep.accounts().get(i);
        StringBuilder reasons = new StringBuilder();
        int k = 0;
        for (Report.ReasonEntry re : a.reasons()) {
          if (k++ == 3) {
            break;
          }
          reasons.append(k > 1 ? ", " : "").append(Terminal.safe(re.signal(), 40));
          if (re.contribution() != null) {
            reasons.append(String.format(Locale.ROOT, " (%+.2f)", re.contribution()));
          }
        }
        o.printf(Locale.ROOT, "  %4d  %-28s %6.3f  %-12s %,8d  %-10s %s%n", i + 1, Terminal.safe(a.accountId(), 28),
            a.risk(), a.verdict(), a.events(), a.campaignId() == null ? "-" : Terminal.safe(a.campaignId(), 10), reasons);
      }
    }
    if (out != null) {
      o.println("  report: " + out);
    }
    if (html != null) {
      o.println("  html:   " + html);
    }
  }

  private static String shortMessage(Exception e) {
    String m = e.getMessage();
    return Terminal.safe(m == null ? e.getClass().getSimpleName() : m, 160);
  }
}
