package io.distillguard.cli;

import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.embedded.AnalysisResult;
import io.distillguard.embedded.Analyzer;
import io.distillguard.embedded.AnalyzerOptions;
import io.distillguard.embedded.TrafficReader;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Label;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distillguard bench}: end-to-end throughput and memory on this machine.
 *
 * <p>Simulates a {@code mixed-week} traffic file once (real corpus prompts, all personas), then
 * measures on that same file in the same JVM: parse-only exchanges/s (reader + parser), full-pipeline
 * exchanges/s (reader, parser, dedup, reorder, detection engine, report) and their ratio; then the
 * engine's heap per account: a second population of {@code --state-accounts} accounts with a few
 * exchanges each is streamed into one engine, and the used heap after full GCs is compared with the
 * heap before ({@link MemoryMXBean}). Each throughput is the best of {@code --runs} passes, the first
 * of which also warms the JIT. Rates are given per wall-clock second and per CPU-second of the
 * measuring thread ({@link ThreadMXBean}); the second is the one to trust on a shared, loaded
 * machine. For per-operation numbers use the JMH benchmarks in {@code bench/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures parse-only and full-pipeline throughput and per-account state size.")
public final class BenchCommand implements Callable<Integer> {

  static final int STATE_EVENTS_PER_ACCOUNT = 5;

  @Spec CommandSpec spec;

  @Option(names = "--exchanges", defaultValue = "1000000", description = "Exchanges to simulate (default ${DEFAULT-VALUE}).")
  long exchanges;

  @Option(names = "--accounts", defaultValue = "20000", description = "Accounts in the simulated traffic (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--state-accounts", defaultValue = "100000",
      description = "Distinct accounts for the state-size measurement; 0 skips it (default ${DEFAULT-VALUE}).")
  int stateAccounts;

  @Option(names = "--runs", defaultValue = "2", description = "Passes per throughput measurement (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--file", description = "Keep the generated traffic file here instead of a temporary file.")
  Path file;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (exchanges < 1 || accounts < 1 || runs < 1 || stateAccounts < 0) {
      spec.commandLine().getErr().println("bench: --exchanges, --accounts, --runs must be >= 1");
      return AnalyzeCommand.EXIT_USAGE;
    }
    Clock clock = Clock.systemUTC();
    if (file != null && !Files.exists(file)) {
      Files.createFile(file);
    }
    Path traffic = file != null ? file : Files.createTempFile("distillguard-bench", ".jsonl");
    try {
      long t0 = clock.millis();
      long written;
      if (file != null && Files.size(file) > 0) {
        written = countLines(file); // reuse a file kept by an earlier run
        out.printf(Locale.ROOT, "reusing %s (%,d lines)%n", file, written);
      } else {
        written = generate(traffic);
      }
      long genMillis = clock.millis() - t0;
      long bytes = Files.size(traffic);
      out.printf(Locale.ROOT, "traffic: %,d exchanges (%,d accounts requested, %.1f MB), %.1f s%n",
          written, accounts, bytes / 1e6, genMillis / 1000.0);
      out.flush();

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      out.printf(Locale.ROOT, "%n%-44s %s%n", "measure", "value");
      row(out, "exchanges in file", String.format(Locale.ROOT, "%,d (%,d bytes/line)", written, bytes / Math.max(1, written)));
      double parseRate = 0;
      double parseCpuRate = 0;
      for (int i = 0; i < runs; i++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t1 = clock.millis();
        long n = parseOnly(traffic);
        parseRate = Math.max(parseRate, n * 1000.0 / Math.max(1, clock.millis() - t1));
        parseCpuRate = Math.max(parseCpuRate, n * 1e9 / Math.max(1, threads.getCurrentThreadCpuTime() - cpu0));
      }
      row(out, "parse only (reader + parser)", String.format(Locale.ROOT, "%,.0f exchanges/s", parseRate));
      row(out, "parse only, per CPU-second of main thread", String.format(Locale.ROOT, "%,.0f exchanges/s", parseCpuRate));
      out.flush();
      double fullRate = 0;
      double fullCpuRate = 0;
      AnalysisResult last = null;
      for (int i = 0; i < runs; i++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        try (InputStream in = Files.newInputStream(traffic)) {
          last = new Analyzer(AnalyzerOptions.defaults(clock)).analyze(in);
        }
        fullRate = Math.max(fullRate, last.exchangesPerSecond());
        fullCpuRate = Math.max(fullCpuRate,
            last.report().input().events() * 1e9 / Math.max(1, threads.getCurrentThreadCpuTime() - cpu0));
      }
      row(out, "accounts analysed", String.format(Locale.ROOT, "%,d", last.report().input().accounts()));
      row(out, "full pipeline (analyze)", String.format(Locale.ROOT, "%,.0f exchanges/s   goal >= 100,000", fullRate));
      row(out, "full pipeline, per CPU-second", String.format(Locale.ROOT, "%,.0f exchanges/s", fullCpuRate));
      row(out, "full / parse", String.format(Locale.ROOT, "%.2f   goal >= 0.33", fullRate / parseRate));
      row(out, "full / parse (CPU time)", String.format(Locale.ROOT, "%.2f", fullCpuRate / parseCpuRate));
      Runtime rt = Runtime.getRuntime();
      row(out, "max heap (-Xmx)", String.format(Locale.ROOT, "%,d MB", rt.maxMemory() >> 20));
      row(out, "processors", Integer.toString(rt.availableProcessors()));
      out.flush();
      if (stateAccounts > 0) {
        long[] state = statePerAccount();
        row(out, String.format(Locale.ROOT, "engine heap per account (%,d acc.)", state[1]),
            String.format(Locale.ROOT, "%,d bytes   goal <= 2,048 (used heap after GC, delta)", state[0]));
        out.flush();
      }
      return 0;
    } finally {
      if (file == null) {
        Files.deleteIfExists(traffic);
      }
    }
  }

  private static void row(PrintWriter out, String k, String v) {
    out.printf(Locale.ROOT, "%-44s %s%n", k, v);
  }

  private static long countLines(Path f) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  private long generate(Path traffic) throws IOException {
    Scenario s = Scenario.named("mixed-week").withAccounts(accounts);
    s = s.withScale(exchanges * 1.05 / s.expectedExchanges());
    Corpus corpus = Corpus.locate(null, Path.of("").toAbsolutePath());
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(traffic), 1 << 16)) {
      ExchangeSink sink =
          new ExchangeSink() {
            @Override
            public void label(Label label) {}

            @Override
            public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
              try {
                o.write(utf8, offset, length);
                o.write('\n');
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
      return Simulator.run(s, seed, corpus, sink, exchanges).exchanges();
    }
  }

  private static long parseOnly(Path traffic) throws IOException {
    long[] count = new long[1];
    try (InputStream in = TrafficReader.decompressIfGzip(Files.newInputStream(traffic))) {
      new TrafficReader(new ExchangeParser()).read(in, e -> count[0]++);
    }
    return count[0];
  }

  /**
   * Heap retained by an engine that has seen {@code stateAccounts} accounts, per account: a fresh
   * {@code mixed-week} population of that many accounts, about {@value #STATE_EVENTS_PER_ACCOUNT}
   * exchanges each, streamed from the simulator through the parser into one engine. Returns {bytes
   * per account, accounts seen}.
   */
  private long[] statePerAccount() {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(mem);
    DetectionEngine engine = DetectionEngine.create();
    ExchangeParser parser = new ExchangeParser();
    Scenario s = Scenario.named("mixed-week").withAccounts(stateAccounts);
    long total = (long) stateAccounts * STATE_EVENTS_PER_ACCOUNT;
    s = s.withScale(total * 1.05 / s.expectedExchanges());
    Simulator.run(s, seed + 1, Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void label(Label label) {}

          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            engine.observe(parser.parse(utf8, offset, length));
          }
        },
        total);
    long after = usedAfterGc(mem);
    long seen = engine.assessments().size();
    return new long[] {seen == 0 ? 0 : Math.max(0, after - before) / seen, seen};
  }

  private static long usedAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      mem.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
