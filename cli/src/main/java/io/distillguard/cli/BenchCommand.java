package io.distillguard.cli;

import io.distillguard.core.campaign.CampaignLinkers;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.embedded.AnalysisResult;
import io.distillguard.embedded.Analyzer;
import io.distillguard.embedded.AnalyzerOptions;
import io.distillguard.embedded.TrafficReader;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * measures on that same file: parse-only exchanges/s (reader + parser, one thread), parse+features
 * (reader, parser, feature extractor, one thread) and the full pipeline ({@code analyze}: reader,
 * parser, features, dedup, reorder, detection engine, report, with {@code --threads}), and their
 * ratios. The full pipeline runs in a child JVM with {@code -Xmx<--heap-mb>m} (default 1 GiB), so the
 * same pass is the "1M exchanges / 20k accounts under -Xmx1g" check: it passes when the child
 * completes; {@code --heap-mb 0} runs it in this JVM instead. The child gets this JVM's options
 * (the launcher's compiler settings for batch commands) and, unless {@code --no-warm-pass}, times a
 * second full pass once the JIT has compiled the pipeline: on 2 cores a 1M-exchange cold run spends
 * much of its time compiling (docs/performance.md), and a week of real traffic runs mostly warm.
 * Then per-account state: a second
 * population of {@code --state-accounts} accounts with a few exchanges each is streamed into one
 * engine without the campaign linker and then into one with it; the used heap after full GCs is
 * compared with the heap before ({@link MemoryMXBean}), so the engine's own heap and the linker's
 * (the difference) are separate rows, and every profile's serialised size gives the mean and max. Single-thread rates are also given per CPU-second of the measuring thread ({@link
 * ThreadMXBean}), the figure to trust on a shared, loaded machine; the full pipeline's CPU figure is
 * the child process's CPU time (all threads, JIT and GC included). For per-operation numbers use the
 * JMH benchmarks in {@code bench/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures parse-only, parse+features and full-pipeline throughput, the -Xmx1g check and per-account state size.")
public final class BenchCommand implements Callable<Integer> {

  static final int STATE_EVENTS_PER_ACCOUNT = 5;
  /** Marks the child's one result line on its standard output. */
  static final String CHILD_RESULT = "bench-full-result";
  /** Marks the child's result line for its second, JIT-warm pass. */
  static final String CHILD_WARM_RESULT = "bench-full-warm-result";

  @Spec CommandSpec spec;

  @Option(names = "--exchanges", defaultValue = "1000000", description = "Exchanges to simulate (default ${DEFAULT-VALUE}).")
  long exchanges;

  @Option(names = "--accounts", defaultValue = "20000", description = "Accounts in the simulated traffic (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--state-accounts", defaultValue = "50000",
      description = "Distinct accounts for the state-size measurement; 0 skips it (default ${DEFAULT-VALUE}).")
  int stateAccounts;

  @Option(names = "--runs", defaultValue = "1", description = "Passes per single-thread measurement, best kept (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for the full pipeline (default: available processors).")
  Integer threads;

  @Option(names = "--heap-mb", defaultValue = "1024",
      description = "Max heap of the child JVM running the full pipeline; 0 runs it in this JVM (default ${DEFAULT-VALUE}).")
  int heapMb;

  @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--file", description = "Keep the generated traffic file here instead of a temporary file.")
  Path file;

  @Option(names = "--warm-pass", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also time a second full pass in the same JVM, once the JIT has compiled the pipeline"
          + " (default: on; --no-warm-pass skips it).")
  boolean warmPass;

  @Option(names = "--child-full", hidden = true, description = "Internal: run only the full pipeline on this file.")
  Path childFull;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    int nThreads = threads == null ? AnalyzerOptions.defaultThreads() : threads;
    if (nThreads < 1 || nThreads > AnalyzerOptions.MAX_THREADS || heapMb < 0) {
      spec.commandLine().getErr().println("bench: --threads must be in 1.." + AnalyzerOptions.MAX_THREADS + ", --heap-mb >= 0");
      return AnalyzeCommand.EXIT_USAGE;
    }
    if (childFull != null) {
      double[] r = fullPipeline(childFull, nThreads);
      out.printf(Locale.ROOT, "%s %.0f %.0f %.0f%n", CHILD_RESULT, r[0], r[1], r[2]);
      out.flush();
      if (warmPass) {
        double[] w = fullPipeline(childFull, nThreads);
        out.printf(Locale.ROOT, "%s %.0f %.0f %.0f%n", CHILD_WARM_RESULT, w[0], w[1], w[2]);
        out.flush();
      }
      return 0;
    }
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

      ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
      out.printf(Locale.ROOT, "%n%-44s %s%n", "measure", "value");
      row(out, "exchanges in file", String.format(Locale.ROOT, "%,d (%,d bytes/line)", written, bytes / Math.max(1, written)));
      double[] parse = bestOf(tmx, clock, () -> readAll(traffic, false));
      row(out, "parse only (1 thread)", rate(parse));
      out.flush();
      double[] feat = bestOf(tmx, clock, () -> readAll(traffic, true));
      row(out, "parse + features (1 thread)", rate(feat));
      out.flush();

      double[] full;
      double[] warm = null;
      String heapCheck;
      if (heapMb == 0) {
        full = fullPipeline(traffic, nThreads);
        if (warmPass) {
          warm = fullPipeline(traffic, nThreads);
        }
        heapCheck = String.format(Locale.ROOT, "not run (in-process, max heap %,d MB)", Runtime.getRuntime().maxMemory() >> 20);
      } else {
        long c0 = clock.millis();
        ChildResult child = runChild(traffic, nThreads);
        long secs = (clock.millis() - c0) / 1000;
        full = child.result;
        warm = child.warm;
        heapCheck = child.exitCode == 0 && full != null
            ? String.format(Locale.ROOT, "PASS  %,d exchanges, %,.0f accounts under -Xmx%dm (%d s%s)", written, full[2],
                heapMb, secs, warm != null ? ", both passes" : "")
            : String.format(Locale.ROOT, "FAIL  exit %d under -Xmx%dm: %s", child.exitCode, heapMb, child.tail);
      }
      if (full != null) {
        row(out, String.format(Locale.ROOT, "full pipeline (analyze, %d threads)", nThreads),
            String.format(Locale.ROOT, "%,.0f exchanges/s   goal >= 100,000", full[0]));
        row(out, "full pipeline, per CPU-second of process", String.format(Locale.ROOT, "%,.0f exchanges/s", full[1]));
        if (warm != null) {
          row(out, "full pipeline, JIT-warm second pass",
              String.format(Locale.ROOT, "%,.0f exchanges/s   (%,.0f per CPU-second; same JVM, pipeline compiled)", warm[0], warm[1]));
        }
        row(out, "accounts analysed", String.format(Locale.ROOT, "%,.0f", full[2]));
        row(out, "full / parse", String.format(Locale.ROOT, "%.2f%s   goal >= 0.33", full[0] / parse[0],
            warm == null ? "" : String.format(Locale.ROOT, " (JIT-warm pass %.2f)", warm[0] / parse[0])));
      }
      row(out, "features / parse", String.format(Locale.ROOT, "%.2f (CPU time %.2f)", feat[0] / parse[0], feat[1] / parse[1]));
      row(out, "memory check", heapCheck);
      Runtime rt = Runtime.getRuntime();
      row(out, "processors", Integer.toString(rt.availableProcessors()));
      List<String> jvm = childJvmOptions();
      row(out, "JVM options (this JVM and the child)", jvm.isEmpty() ? "none" : String.join(" ", jvm));
      out.flush();
      if (stateAccounts > 0) {
        // Same population twice (the simulator is deterministic): without and with the linker, so
        // the linker's share is the difference and the engine's own state is measured alone.
        StateSize own = statePerAccount(false);
        StateSize all = statePerAccount(true);
        String pop = String.format(Locale.ROOT, "%,d acc. x ~%d exch.", own.accounts, STATE_EVENTS_PER_ACCOUNT);
        row(out, "profile serialised, mean / max",
            String.format(Locale.ROOT, "%,d / %,d bytes   (AccountProfile.toBytes, %s, after the run)",
                own.profileBytesMean, own.profileBytesMax, pop));
        row(out, "engine heap per account, no linker",
            String.format(Locale.ROOT, "%,d bytes   goal <= 2,048 (used heap after GC, delta; %s)", own.heapPerAccount, pop));
        row(out, "campaign linker heap per account",
            String.format(Locale.ROOT, "%,d bytes   (heap with linker minus without, same %s)",
                Math.max(0, all.heapPerAccount - own.heapPerAccount), pop));
        row(out, "engine + linker heap per account",
            String.format(Locale.ROOT, "%,d bytes   (used heap after GC, delta; %s)", all.heapPerAccount, pop));
        out.flush();
      }
      return 0;
    } finally {
      if (file == null) {
        Files.deleteIfExists(traffic);
      }
    }
  }

  private interface Pass {
    long run() throws IOException;
  }

  /** Best {wall rate, thread-CPU rate} of {@code runs} single-thread passes. */
  private double[] bestOf(ThreadMXBean tmx, Clock clock, Pass pass) throws IOException {
    double wall = 0;
    double cpu = 0;
    for (int i = 0; i < runs; i++) {
      long cpu0 = tmx.getCurrentThreadCpuTime();
      long t1 = clock.millis();
      long n = pass.run();
      wall = Math.max(wall, n * 1000.0 / Math.max(1, clock.millis() - t1));
      cpu = Math.max(cpu, n * 1e9 / Math.max(1, tmx.getCurrentThreadCpuTime() - cpu0));
    }
    return new double[] {wall, cpu};
  }

  private static String rate(double[] r) {
    return String.format(Locale.ROOT, "%,.0f exchanges/s   (%,.0f per CPU-second)", r[0], r[1]);
  }

  /** {exchanges/s wall, exchanges/s per process CPU-second, accounts} of one analyze pass. */
  private static double[] fullPipeline(Path traffic, int nThreads) throws IOException {
    long cpu0 = processCpuNanos();
    AnalysisResult r;
    try (InputStream in = Files.newInputStream(traffic)) {
      r = new Analyzer(AnalyzerOptions.defaults(Clock.systemUTC()).withThreads(nThreads)).analyze(in);
    }
    long cpu = processCpuNanos() - cpu0;
    long events = r.report().input().events();
    return new double[] {
      r.exchangesPerSecond(), cpu <= 0 ? 0 : events * 1e9 / cpu, r.report().input().accounts()
    };
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private record ChildResult(int exitCode, double[] result, double[] warm, String tail) {}

  /** Runs the full pipeline in a child JVM with the configured max heap. */
  private ChildResult runChild(Path traffic, int nThreads) throws IOException, InterruptedException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin.toString());
    cmd.addAll(childJvmOptions());
    cmd.addAll(List.of("-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "bench", "--child-full", traffic.toString(), "--threads", Integer.toString(nThreads),
        warmPass ? "--warm-pass" : "--no-warm-pass"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    double[] result = null;
    double[] warm = null;
    ArrayDeque<String> tail = new ArrayDeque<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith(CHILD_RESULT + " ")) {
          result = parseResult(line);
        } else if (line.startsWith(CHILD_WARM_RESULT + " ")) {
          warm = parseResult(line);
        } else {
          tail.addLast(line.length() > 200 ? line.substring(0, 200) : line);
          if (tail.size() > 3) {
            tail.removeFirst();
          }
        }
      }
    }
    int code = p.waitFor();
    return new ChildResult(code, result, warm, String.join(" | ", tail));
  }

  private static double[] parseResult(String line) {
    String[] f = line.split(" ");
    return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
  }

  /**
   * This JVM's options for the child, so the full pipeline runs as {@code bin/distillguard analyze}
   * would (the launcher's compiler settings); the heap is the child's own, and a debugger or flight
   * recording would clash with this JVM's.
   */
  static List<String> childJvmOptions() {
    List<String> opts = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx") && !a.startsWith("-Xms") && !a.startsWith("-agentlib:")
          && !a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-XX:FlightRecorderOptions")) {
        opts.add(a);
      }
    }
    return opts;
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

  /** Reads the file on this thread: parse only, or parse and extract features. */
  private static long readAll(Path traffic, boolean features) throws IOException {
    long[] count = new long[2];
    FeatureExtractor fx = new FeatureExtractor();
    try (InputStream in = TrafficReader.decompressIfGzip(Files.newInputStream(traffic))) {
      new TrafficReader(new ExchangeParser()).read(in, e -> {
        count[0]++;
        if (features) {
          count[1] += fx.extract(e).templateHash(); // a heap write keeps the work alive
        }
      });
    }
    return count[0];
  }

  /** Per-account state of one engine run: heap delta per account, serialised profile sizes. */
  record StateSize(long accounts, long heapPerAccount, long profileBytesMean, long profileBytesMax) {}

  /**
   * Heap retained by an engine (with or without the default campaign linker) that has seen {@code
   * stateAccounts} accounts, per account: a fresh {@code mixed-week} population of that many
   * accounts, about {@value #STATE_EVENTS_PER_ACCOUNT} exchanges each, streamed from the simulator
   * through the parser into one engine; then every account's profile is serialised.
   */
  private StateSize statePerAccount(boolean withLinker) {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(mem);
    DetectorConfig config = DetectorConfig.defaults();
    DetectionEngine engine =
        DetectionEngine.create(config, withLinker ? CampaignLinkers.createDefault(config) : null);
    ExchangeParser parser = new ExchangeParser();
    Scenario s = Scenario.named("mixed-week").withAccounts(stateAccounts);
    long total = (long) stateAccounts * STATE_EVENTS_PER_ACCOUNT;
    s = s.withScale(total * 1.05 / s.expectedExchanges());
    Simulator.run(s, seed + 1, Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            engine.observe(parser.parse(utf8, offset, length));
          }
        },
        total);
    long after = usedAfterGc(mem);
    Collection<Assessment> seen = engine.assessments();
    long sum = 0;
    long max = 0;
    for (Assessment a : seen) {
      int b = engine.profile(a.accountId()).toBytes().length;
      sum += b;
      max = Math.max(max, b);
    }
    long n = seen.size();
    return new StateSize(n, n == 0 ? 0 : Math.max(0, after - before) / n, n == 0 ? 0 : sum / n, max);
  }

  private static long usedAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      mem.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
