package io.distillguard.gateway.bench;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.Exchange;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Measures what the gateway adds. One run: an instant upstream (the stand-in model in tiny mode) and
 * the gateway (real detection engine, exchange log on) each started as a <em>separate JVM</em>
 * ({@link BenchNode}), nginx as a plain reverse proxy when {@code /usr/sbin/nginx} exists; this JVM
 * is only the load generator. At each fixed rate, open-loop load is sent (a) directly to the
 * upstream, (b) through the gateway, (c) through nginx; then saturation throughput of each (wrk
 * when installed, else the built-in closed loop). Each rate is measured in {@code --repeat} rounds
 * per target, targets interleaved; the table gives each metric's median over the rounds (every
 * round is printed as it ends), so one host hiccup in one round does not decide a comparison.
 * Prints one table with added p50/p99/p99.9 and ratios vs direct and vs nginx. Loopback only;
 * every child stops with this process.
 *
 * <p>Usage: {@code GatewayBench [--rates 500,1000,2000,4000] [--seconds 10] [--warmup 60]
 * [--repeat 3] [--idle-gap 65] [--engine real|none] [--event-loops N] [--gateway-jvm-opts "..."]
 * [--jfr FILE] [--baseline-jar JAR] [--baseline-jvm-opts "..."] [--accounts N]}. A baseline runs as a second
 * gateway target in the same rounds: another build ({@code --baseline-jar}), other JVM options
 * ({@code --baseline-jvm-opts}, e.g. another collector), or both.
 */
public final class GatewayBench {

  static final String KEY = "sk-bench-0000000000000000";

  /** Account i's key; a format both Java and wrk's Lua read the same way. */
  private static final String KEY_FORMAT = "sk-bench-%016d";

  /** The key of bench account {@code i}; account 0's is {@link #KEY}. */
  static String key(int i) {
    return String.format(Locale.ROOT, KEY_FORMAT, i);
  }

  static final String BODY =
      "{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful"
          + " assistant.\"},{\"role\":\"user\",\"content\":\"Summarise the following paragraph in one"
          + " sentence: The committee met on Tuesday to review the quarterly budget, approved two new"
          + " hires for the data team, and postponed the decision on the office move until the landlord"
          + " confirms the renovation schedule.\"}],\"temperature\":0.2,\"max_tokens\":256}";

  private GatewayBench() {}

  record Row(
      String target, double rate, double p50us, double p99us, double p999us, long errors, double cpuUsPerRequest) {}

  /** Run parameters. */
  record Options(
      List<Double> rates, long seconds, long warmup, boolean realEngine, int eventLoops,
      List<String> gatewayJvmOpts, String jfr, String baselineJar, List<String> baselineJvmOpts,
      int repeat, long idleGap, int accounts) {}

  public static void main(String[] args) throws Exception {
    List<Double> rates = List.of(500.0, 1000.0, 2000.0, 4000.0);
    long seconds = 10;
    long warmup = 60;
    int repeat = 3;
    long idleGap = 65;
    boolean realEngine = true;
    int loops = Math.min(2, Runtime.getRuntime().availableProcessors());
    // The options bin/distillguard gives `serve` (ZGC), with a fixed, smaller heap.
    List<String> jvm = List.of("-Xms512m", "-Xmx512m", "-XX:+UseZGC");
    String jfr = null;
    String baseline = null;
    List<String> baselineJvm = null;
    int accounts = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rates" -> {
          rates = new ArrayList<>();
          for (String r : args[++i].split(",")) {
            rates.add(Double.parseDouble(r));
          }
        }
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--warmup" -> warmup = Long.parseLong(args[++i]);
        case "--engine" -> realEngine = args[++i].equals("real");
        case "--event-loops" -> loops = Integer.parseInt(args[++i]);
        case "--gateway-jvm-opts" -> jvm = List.of(args[++i].trim().split("\\s+"));
        case "--jfr" -> jfr = args[++i];
        case "--baseline-jar" -> baseline = args[++i];
        case "--baseline-jvm-opts" -> baselineJvm = List.of(args[++i].trim().split("\\s+"));
        case "--repeat" -> repeat = Math.max(1, Integer.parseInt(args[++i]));
        case "--idle-gap" -> idleGap = Long.parseLong(args[++i]);
        case "--accounts" -> accounts = Math.max(1, Integer.parseInt(args[++i]));
        default -> {
          System.err.println("usage: GatewayBench [--rates R1,R2] [--seconds N] [--warmup N] [--repeat N]"
              + " [--idle-gap S] [--engine real|none] [--event-loops N] [--gateway-jvm-opts \"...\"] [--jfr FILE]"
              + " [--baseline-jar JAR] [--baseline-jvm-opts \"...\"] [--accounts N]");
          System.exit(2);
        }
      }
    }
    System.exit(run(
        new Options(rates, seconds, warmup, realEngine, loops, jvm, jfr, baseline,
            baselineJvm == null ? jvm : baselineJvm, repeat, idleGap, accounts),
        System.out));
  }

  static int run(Options o, PrintStream out) throws Exception {
    Path tmp = Files.createTempDirectory("distillguard-bench-");
    Map<String, Integer> ports = new LinkedHashMap<>();
    Map<String, Process> procs = new LinkedHashMap<>();
    List<Process> children = new ArrayList<>();
    try {
      Process up = child(tmp, "upstream", List.of("-Xms256m", "-Xmx256m"), List.of("upstream"), null);
      children.add(up);
      int upPort = readyPort(up, tmp.resolve("upstream.err"));
      ports.put("direct", upPort);
      procs.put("direct", up);
      List<String> gwJvm = new ArrayList<>(o.gatewayJvmOpts());
      if (o.jfr() != null) {
        gwJvm.add("-XX:StartFlightRecording=filename=" + o.jfr() + ",settings=profile,dumponexit=true");
      }
      Process gw = child(tmp, "gateway", gwJvm, nodeArgs(o, upPort, tmp), null);
      children.add(gw);
      int gwPort = readyPort(gw, tmp.resolve("gateway.err"));
      ports.put("gateway", gwPort);
      procs.put("gateway", gw);
      if (o.baselineJar() != null || !o.baselineJvmOpts().equals(o.gatewayJvmOpts())) {
        // The same benchmark node from another build (e.g. the previous release) or with other JVM
        // options: a before/after comparison within one run, under the same machine conditions.
        Path bdir = Files.createDirectories(tmp.resolve("baseline"));
        Process b = child(tmp, "baseline", o.baselineJvmOpts(), nodeArgs(o, upPort, bdir), o.baselineJar());
        children.add(b);
        ports.put("gateway-baseline", readyPort(b, tmp.resolve("baseline.err")));
        procs.put("gateway-baseline", b);
      }
      if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
        int p = freePort();
        Process nginx = startNginx(tmp, p, upPort, o.eventLoops());
        if (nginx != null) {
          children.add(nginx);
          ports.put("nginx", p);
          procs.put("nginx", nginx);
        }
      }
      out.printf(Locale.ROOT,
          "bench: upstream :%d and gateway :%d (%s engine, %d event loop(s), exchange log on) in their own JVMs,"
              + " nginx %s; load generator in this JVM; cores %d; load average %s%n",
          upPort, gwPort, o.realEngine() ? "real" : "no-op", o.eventLoops(),
          ports.containsKey("nginx") ? ":" + ports.get("nginx") + " (" + o.eventLoops() + " worker(s))" : "not installed",
          Runtime.getRuntime().availableProcessors(), loadAverage());
      List<Row> rows = new ArrayList<>();
      Map<String, Double> max = new LinkedHashMap<>();
      // One header set per account: with --accounts N the requests go round the N keys, so the
      // engine holds and updates N accounts' state, as a gateway in front of many customers does.
      MultiMap[] headers = new MultiMap[o.accounts()];
      for (int i = 0; i < headers.length; i++) {
        headers[i] = MultiMap.caseInsensitiveMultiMap()
            .add("content-type", "application/json").add("authorization", "Bearer " + key(i));
      }
      Buffer body = Buffer.buffer(BODY);
      try (OpenLoopLoad load = new OpenLoopLoad(256)) {
        // Warm-up: a fresh JVM needs tens of thousands of requests before C2 has compiled the hot
        // path (measured: ~800 us CPU/request cold vs ~120 us warm; far longer on a busy machine),
        // so saturate each target closed-loop in 5 s rounds until its CPU per request is steady
        // (after 20 s, within 10% of the previous round) or the --warmup budget is spent, then settle at a fixed
        // rate. Nothing from the warm-up is reported.
        for (Map.Entry<String, Integer> t : ports.entrySet()) {
          double prev = Double.NaN;
          long spent = 0;
          int rounds = 0;
          double jitShare = Double.NaN;
          Process proc = procs.get(t.getKey());
          while (spent < o.warmup()) {
            long round = Math.min(5, o.warmup() - spent);
            long c0 = cpuTicks(proc);
            long[] s0 = threadTicks(proc);
            double rps = Files.isExecutable(Path.of("/usr/bin/wrk"))
                ? wrk(tmp, t.getValue(), round, 16, o.accounts())
                : load.maxThroughput(t.getValue(), "/v1/chat/completions", headers, body, 16, round);
            long c1 = cpuTicks(proc);
            double cpu = (c1 - c0) * 10_000.0 / Math.max(1, rps * round);
            long[] s1 = threadTicks(proc);
            // For a JVM, "steady" also means the JIT compilers have gone quiet: while C2 still
            // compiles (and deoptimises), it takes a core from the request path and the numbers
            // measured next are warm-up, not the gateway.
            jitShare = s0 == null || s1 == null || c1 == c0
                ? 0 : (s1[JIT] - s0[JIT]) / (double) (c1 - c0);
            spent += round;
            rounds++;
            if (spent >= Math.min(20, o.warmup()) && Math.abs(cpu - prev) <= 0.10 * prev && jitShare < 0.05) {
              prev = cpu;
              break;
            }
            prev = cpu;
          }
          out.printf(Locale.ROOT, "  warm-up %-8s %d round(s), %d s, last %.0f us CPU/req%s%n",
              t.getKey(), rounds, spent, prev,
              Double.isNaN(jitShare) || threadTicks(proc) == null ? ""
                  : String.format(Locale.ROOT, ", JIT %.0f%% of it", 100 * jitShare));
          // Then open-loop at each measured rate until the JIT is quiet there too. Saturation and
          // paced traffic take different branches (an idle event loop woken per request, the engine
          // thread sleeping between exchanges): measured, C2 was still compiling and deoptimising
          // during the first paced round after a saturated warm-up (JIT ~50 us of CPU per request
          // at 1,000 req/s), which is warm-up, not the gateway.
          long paced = 0;
          double pacedJit = Double.NaN;
          for (double rate : o.rates()) {
            for (int round = 0; round < 3; round++) {
              long c0 = cpuTicks(proc);
              long[] s0 = threadTicks(proc);
              load.run(t.getValue(), "/v1/chat/completions", headers, body, rate, 4);
              long c1 = cpuTicks(proc);
              long[] s1 = threadTicks(proc);
              paced += 4;
              pacedJit = s0 == null || s1 == null || c1 == c0
                  ? 0 : (s1[JIT] - s0[JIT]) / (double) (c1 - c0);
              if (pacedJit < 0.05) {
                break;
              }
            }
          }
          if (threadTicks(proc) != null) {
            out.printf(Locale.ROOT, "  warm-up %-8s paced at each rate, %d s, JIT %.0f%% in the last round%n",
                t.getKey(), paced, 100 * pacedJit);
          }
        }
        if (o.idleGap() > 0) {
          // Connection turnover is part of the steady state: clients drop idle connections and the
          // gateway's upstream pool expires its own (60 s keep-alive). The first time the pool
          // takes those branches, HotSpot deoptimises the compiled request path (JFR: unstable_if
          // traps in Vert.x's Http1xClientConnection.isValid and ResourceManager.withResourceAsync)
          // and the event loops run it interpreted until C2 recompiles: measured, a one-off 100-300
          // ms stall. Idling past the keep-alive and then sending load takes those paths here, in
          // the warm-up, rather than in whichever measured round first outlives a pooled connection.
          double top = o.rates().stream().mapToDouble(Double::doubleValue).max().orElse(1000);
          out.printf(Locale.ROOT, "  warm-up: idle %d s (past the HTTP clients' 60 s keep-alive), then %.0f req/s"
              + " for 4 s per target%n", o.idleGap(), top);
          Thread.sleep(o.idleGap() * 1000);
          for (Map.Entry<String, Integer> t : ports.entrySet()) {
            load.run(t.getValue(), "/v1/chat/completions", headers, body, top, 4);
          }
        }
        for (int round = 1; round <= o.repeat(); round++) {
          for (double rate : o.rates()) {
            for (Map.Entry<String, Integer> t : ports.entrySet()) {
              long cpu0 = cpuTicks(procs.get(t.getKey()));
              long[] th0 = threadTicks(procs.get(t.getKey()));
              OpenLoopLoad.Result r =
                  load.run(t.getValue(), "/v1/chat/completions", headers, body, rate, o.seconds());
              long cpu1 = cpuTicks(procs.get(t.getKey()));
              long[] th1 = threadTicks(procs.get(t.getKey()));
              // CPU time the serving process(es) spent per answered request: unlike latency, barely
              // affected by what else the machine runs (10 ms ticks; ~0.5 us resolution here).
              double cpuUs = cpu0 < 0 || cpu1 < 0 || r.ok() == 0 ? Double.NaN : (cpu1 - cpu0) * 10_000.0 / r.ok();
              Histogram h = r.latencyNanos();
              rows.add(new Row(t.getKey(), rate, h.getValueAtPercentile(50) / 1e3,
                  h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, r.errors(), cpuUs));
              out.printf(Locale.ROOT,
                  "  %d/%d %-8s %6.0f req/s: p50 %7.1f us  p99 %8.1f us  p99.9 %8.1f us  errors %d  cpu %.0f us/req"
                      + "  (load %s)%n",
                  round, o.repeat(), t.getKey(), rate, h.getValueAtPercentile(50) / 1e3,
                  h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, r.errors(), cpuUs, loadAverage());
              if (th0 != null && th1 != null && r.ok() > 0) {
                out.println("               " + cpuSplit(th0, th1, r.ok()));
              }
            }
          }
        }
        boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
        for (Map.Entry<String, Integer> t : ports.entrySet()) {
          double rps = wrk ? wrk(tmp, t.getValue(), o.seconds(), 64, o.accounts()) : load.maxThroughput(
              t.getValue(), "/v1/chat/completions", headers, body, 64, o.seconds());
          max.put(t.getKey(), rps);
          out.printf(Locale.ROOT, "  %-8s max %.0f req/s (%s)%n", t.getKey(), rps,
              wrk ? "wrk -t2 -c64" : "built-in, 64 conns");
        }
      }
      if (o.repeat() > 1) {
        out.printf(Locale.ROOT, "%nMedians over %d rounds per target and rate:%n", o.repeat());
      }
      printTable(out, medians(rows), max, o.rates());
      out.println("gateway engine: " + engineCounters(gwPort));
      if (ports.containsKey("gateway-baseline")) {
        out.println("baseline engine: " + engineCounters(ports.get("gateway-baseline")));
      }
      out.println("load average at end: " + loadAverage());
    } finally {
      for (Process p : children) {
        stop(p);
      }
    }
    return 0;
  }

  /** {@link BenchNode}'s arguments for a gateway; the account count only when above one, so a
   *  baseline jar from before {@code --accounts} still starts. */
  private static List<String> nodeArgs(Options o, int upPort, Path dir) {
    List<String> a = new ArrayList<>(List.of("gateway", Integer.toString(upPort),
        Integer.toString(o.eventLoops()), o.realEngine() ? "real" : "none", dir.toString()));
    if (o.accounts() > 1) {
      a.add(Integer.toString(o.accounts()));
    }
    return a;
  }

  /** Starts {@link BenchNode} in a fresh JVM with this JVM's class path. */
  private static Process child(
      Path dir, String name, List<String> jvmOpts, List<String> args, String classPathOrNull)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmOpts);
    cmd.add("-cp");
    cmd.add(classPathOrNull != null ? classPathOrNull : System.getProperty("java.class.path"));
    cmd.add(BenchNode.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  private static int readyPort(Process p, Path err) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    // The JVM may print to stdout before READY (e.g. -XX:StartFlightRecording announces itself
    // there): skip such lines rather than failing the run.
    java.util.concurrent.CompletableFuture<String> line =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            String l;
            while ((l = r.readLine()) != null && !l.startsWith("READY ")) {
              // not ours
            }
            return l;
          } catch (IOException e) {
            return null;
          }
        });
    String l = line.get(60, TimeUnit.SECONDS);
    if (l == null || !l.startsWith("READY ")) {
      throw new IllegalStateException("bench child failed to start: " + l + "; see " + err);
    }
    return Integer.parseInt(l.substring(6).trim());
  }

  private static void stop(Process p) {
    try {
      p.getOutputStream().close();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      p.destroyForcibly();
    }
  }

  /** utime + stime (clock ticks) of a process and its descendants (nginx workers), or -1. */
  static long cpuTicks(Process p) {
    if (p == null) {
      return -1;
    }
    long sum = 0;
    List<ProcessHandle> all = new ArrayList<>();
    all.add(p.toHandle());
    p.descendants().forEach(all::add);
    for (ProcessHandle h : all) {
      try {
        String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
        // The command name may contain spaces: fields are counted after its closing parenthesis.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return sum;
  }

  static final int LOOP = 0;
  static final int ENGINE = 1;
  static final int JIT = 2;
  static final int GC = 3;
  static final int OTHER = 4;
  private static final String[] THREAD_KINDS = {"event loops", "engine", "JIT", "GC+VM", "other"};

  /** Thread kind of a JVM thread by its name as Linux shows it (15 chars). */
  static int threadKind(String comm) {
    if (comm.startsWith("vert.x-eventloo")) {
      return LOOP;
    }
    if (comm.startsWith("distillguard-en")) {
      return ENGINE;
    }
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
        || comm.startsWith("ZWorker") || comm.startsWith("ZDriver") || comm.startsWith("ZDirector")
        || comm.startsWith("RuntimeWorker")) {
      return GC;
    }
    return OTHER;
  }

  /**
   * CPU ticks of a JVM child's threads by kind ({@link #LOOP} .. {@link #OTHER}), or null when this
   * is not a JVM with such threads (nginx) or /proc is unreadable. Separates the request path
   * (event loops) from scoring (engine thread) and from JIT and GC work.
   */
  static long[] threadTicks(Process p) {
    if (p == null) {
      return null;
    }
    long[] sum = new long[THREAD_KINDS.length];
    boolean jvm = false;
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + p.pid() + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(t.resolve("comm")).trim();
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          int k = threadKind(comm);
          jvm |= k == JIT;
          sum[k] += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return jvm ? sum : null;
  }

  /** "cpu us/req by thread: event loops 80, engine 40, ..." between two {@link #threadTicks}. */
  static String cpuSplit(long[] before, long[] after, long requests) {
    StringBuilder sb = new StringBuilder("cpu us/req by thread:");
    for (int i = 0; i < THREAD_KINDS.length; i++) {
      sb.append(i == 0 ? " " : ", ").append(THREAD_KINDS[i]).append(' ')
          .append(String.format(Locale.ROOT, "%.0f", (after[i] - before[i]) * 10_000.0 / requests));
    }
    return sb.toString();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** The gateway's engine counters from its /metrics. */
  private static String engineCounters(int port) {
    try {
      HttpClient c = HttpClient.newHttpClient();
      String text = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      StringBuilder sb = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.startsWith("distillguard_engine_") && !line.startsWith("#")) {
          sb.append(line.replace("_total", "").replace("distillguard_engine_", "")).append("  ");
        }
      }
      return sb.toString().trim();
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "n/a (" + e.getClass().getSimpleName() + ")";
    }
  }

  static void printTable(PrintStream out, List<Row> rows, Map<String, Double> max, List<Double> rates) {
    out.println();
    out.println("| rate (req/s) | target | p50 | p99 | p99.9 | added p50 | added p99 | added p99.9"
        + " | p99 vs direct | added p99 vs nginx | server CPU us/req | errors |");
    out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (double rate : rates) {
      Row direct = find(rows, "direct", rate);
      Row nginx = find(rows, "nginx", rate);
      for (Row r : rows) {
        if (r.rate != rate) {
          continue;
        }
        boolean d = r.target.equals("direct");
        String ratio = "-";
        if (r.target.startsWith("gateway") && nginx != null) {
          // A ratio only means something when nginx measurably adds latency.
          double n = nginx.p99us - direct.p99us;
          double g = r.p99us - direct.p99us;
          ratio = n > 10 ? String.format(Locale.ROOT, "%.2fx", g / n) : "n/a (nginx adds < 10 us)";
        }
        out.printf(Locale.ROOT, "| %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
            rate, r.target, fmt(r.p50us), fmt(r.p99us), fmt(r.p999us),
            d ? "-" : fmt(r.p50us - direct.p50us), d ? "-" : fmt(r.p99us - direct.p99us),
            d ? "-" : fmt(r.p999us - direct.p999us),
            d ? "-" : String.format(Locale.ROOT, "%.2fx", r.p99us / Math.max(1, direct.p99us)), ratio,
            Double.isNaN(r.cpuUsPerRequest) ? "n/a" : fmt(r.cpuUsPerRequest), r.errors);
      }
    }
    out.println("(latencies in microseconds, from the scheduled send time: coordinated omission corrected;"
        + " server CPU = user+system time of the process answering that target: upstream for direct,"
        + " gateway JVM incl. engine thread, nginx master+workers)");
    out.println();
    out.println("| target | max throughput (req/s) | vs direct | vs nginx |");
    out.println("|---|---:|---:|---:|");
    double d = max.getOrDefault("direct", 1.0);
    Double n = max.get("nginx");
    for (Map.Entry<String, Double> e : max.entrySet()) {
      out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %s |%n", e.getKey(), e.getValue(), e.getValue() / d,
          n == null ? "-" : String.format(Locale.ROOT, "%.2f", e.getValue() / n));
    }
  }

  /**
   * One row per (target, rate): each metric's median over that pair's rounds (for an even count,
   * the upper middle), errors summed. Rows keep the order in which pairs first appear.
   */
  static List<Row> medians(List<Row> rounds) {
    Map<String, List<Row>> byPair = new LinkedHashMap<>();
    for (Row r : rounds) {
      byPair.computeIfAbsent(r.target() + "@" + r.rate(), k -> new ArrayList<>()).add(r);
    }
    List<Row> out = new ArrayList<>();
    for (List<Row> rs : byPair.values()) {
      out.add(new Row(rs.get(0).target(), rs.get(0).rate(), median(rs, Row::p50us), median(rs, Row::p99us),
          median(rs, Row::p999us), rs.stream().mapToLong(Row::errors).sum(), median(rs, Row::cpuUsPerRequest)));
    }
    return out;
  }

  private static double median(List<Row> rs, java.util.function.ToDoubleFunction<Row> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }

  private static String fmt(double us) {
    return String.format(Locale.ROOT, "%,.0f", us);
  }

  private static Row find(List<Row> rows, String target, double rate) {
    for (Row r : rows) {
      if (r.target.equals(target) && r.rate == rate) {
        return r;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process startNginx(Path dir, int port, int upstreamPort, int workers) throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.createDirectories(dir.resolve("nginx-logs"));
    Files.writeString(
        conf,
        "worker_processes " + workers + ";\npid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("nginx-logs/error.log")
            + ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n"
            + "  client_body_temp_path " + dir.resolve("nginx-body") + ";\n"
            + "  proxy_temp_path " + dir.resolve("nginx-proxy") + ";\n"
            + "  upstream up { server 127.0.0.1:" + upstreamPort + "; keepalive 256; }\n"
            + "  server {\n    listen 127.0.0.1:" + port + ";\n    location / {\n"
            + "      proxy_pass http://up;\n      proxy_http_version 1.1;\n"
            + "      proxy_set_header Connection \"\";\n      proxy_buffering off;\n    }\n  }\n}\n",
        StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx-logs/stdout.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException e) {
        if (!p.isAlive()) {
          return null;
        }
        Thread.sleep(50);
      }
    }
    p.destroy();
    return null;
  }

  /** The wrk Lua script: POST {@link #BODY}, with {@link #KEY} or, for several accounts, each
   *  thread going round their keys. */
  static String wrkScript(int accounts) {
    String script = "wrk.method = \"POST\"\nwrk.body = [[" + BODY + "]]\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "wrk.headers[\"Authorization\"] = \"Bearer " + KEY + "\"\n";
    if (accounts > 1) {
      script += "local i = 0\nrequest = function()\n  i = (i + 1) % " + accounts + "\n"
          + "  wrk.headers[\"Authorization\"] = string.format(\"Bearer " + KEY_FORMAT + "\", i)\n"
          + "  return wrk.format()\nend\n";
    }
    return script;
  }

  private static double wrk(Path dir, int port, long seconds, int connections, int accounts) throws Exception {
    Path lua = dir.resolve("post.lua");
    Files.writeString(lua, wrkScript(accounts));
    Process p =
        new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s", lua.toString(),
            "http://127.0.0.1:" + port + "/v1/chat/completions")
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(seconds + 30, TimeUnit.SECONDS);
    Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** Benchmark-only detector that scores nothing (used with {@code --engine none}). */
  static final class NoOpDetector implements ExchangeDetector {
    @Override
    public Assessment observe(Exchange exchange) {
      return null;
    }

    @Override
    public Assessment assessment(String accountId) {
      return null;
    }
  }
}
