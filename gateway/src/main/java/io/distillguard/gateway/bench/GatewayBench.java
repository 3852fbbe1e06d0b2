package io.distillguard.gateway.bench;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.gateway.Gateway;
import io.distillguard.gateway.GatewayClock;
import io.distillguard.gateway.GatewayConfig;
import io.distillguard.gateway.KeyTable;
import io.distillguard.gateway.demo.StandInModel;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
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
 * Measures what the gateway adds. One run: an instant upstream (the stand-in model in tiny mode),
 * then, at each fixed rate, open-loop load sent (a) directly to it, (b) through the gateway with the
 * real detection engine and exchange log, (c) through nginx as a plain reverse proxy when {@code
 * /usr/sbin/nginx} exists; then saturation throughput of each (wrk when installed, else the built-in
 * closed-loop generator). Prints one table with added p50/p99 and ratios. Loopback only.
 *
 * <p>Usage: {@code GatewayBench [--rates 500,1000,2000] [--seconds 10] [--warmup 5] [--engine
 * real|none]}.
 */
public final class GatewayBench {

  static final String KEY = "sk-bench-0000000000000000";
  static final String BODY =
      "{\"model\":\"frontier-large\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful"
          + " assistant.\"},{\"role\":\"user\",\"content\":\"Summarise the following paragraph in one"
          + " sentence: The committee met on Tuesday to review the quarterly budget, approved two new"
          + " hires for the data team, and postponed the decision on the office move until the landlord"
          + " confirms the renovation schedule.\"}],\"temperature\":0.2,\"max_tokens\":256}";

  private GatewayBench() {}

  record Row(String target, double rate, double p50us, double p99us, double p999us, long errors) {}

  public static void main(String[] args) throws Exception {
    List<Double> rates = List.of(500.0, 1000.0, 2000.0);
    long seconds = 10;
    long warmup = 5;
    boolean realEngine = true;
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
        default -> {
          System.err.println("usage: GatewayBench [--rates R1,R2] [--seconds N] [--warmup N] [--engine real|none]");
          System.exit(2);
        }
      }
    }
    System.exit(run(rates, seconds, warmup, realEngine, System.out));
  }

  static int run(List<Double> rates, long seconds, long warmup, boolean realEngine, PrintStream out)
      throws Exception {
    Path tmp = Files.createTempDirectory("distillguard-bench-");
    Map<String, Integer> ports = new LinkedHashMap<>();
    Process nginx = null;
    try (StandInModel upstream = StandInModel.start("127.0.0.1", 0, 0, true)) {
      ports.put("direct", upstream.port());
      GatewayConfig cfg =
          GatewayConfig.builder()
              .listen("127.0.0.1", 0)
              .upstream(URI.create("http://127.0.0.1:" + upstream.port()))
              .keys(KeyTable.of(List.<String[]>of(new String[] {KEY, "acct_bench", null})))
              .exchangeLogDir(tmp.resolve("exchange-log"))
              .eventLoops(1)
              .build();
      ExchangeDetector detector = realEngine ? engineOrNull(cfg, out) : null;
      String engineName = detector != null ? "real engine" : "no-op engine";
      if (detector == null) {
        detector = new NoOpDetector();
      }
      PrintStream gwLog = new PrintStream(Files.newOutputStream(tmp.resolve("gateway.log")), true, "UTF-8");
      try (Gateway gw = Gateway.start(cfg, detector, GatewayClock.system(), gwLog)) {
        ports.put("gateway", gw.port());
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
          int p = freePort();
          nginx = startNginx(tmp, p, upstream.port());
          if (nginx != null) {
            ports.put("nginx", p);
          }
        }
        out.printf("bench: upstream :%d, gateway :%d (%s, exchange log on), nginx %s; cores %d%n",
            upstream.port(), gw.port(), engineName,
            ports.containsKey("nginx") ? ":" + ports.get("nginx") : "not installed",
            Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>();
        Map<String, Double> max = new LinkedHashMap<>();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
            .add("content-type", "application/json").add("authorization", "Bearer " + KEY);
        Buffer body = Buffer.buffer(BODY);
        try (OpenLoopLoad load = new OpenLoopLoad(64)) {
          for (Map.Entry<String, Integer> t : ports.entrySet()) {
            load.run(t.getValue(), "/v1/chat/completions", headers, body, 1000, warmup);
          }
          for (double rate : rates) {
            for (Map.Entry<String, Integer> t : ports.entrySet()) {
              OpenLoopLoad.Result r =
                  load.run(t.getValue(), "/v1/chat/completions", headers, body, rate, seconds);
              Histogram h = r.latencyNanos();
              rows.add(new Row(t.getKey(), rate, h.getValueAtPercentile(50) / 1e3,
                  h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, r.errors()));
              out.printf(Locale.ROOT, "  %-8s %6.0f req/s: p50 %7.1f us  p99 %8.1f us  p99.9 %8.1f us  errors %d%n",
                  t.getKey(), rate, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                  h.getValueAtPercentile(99.9) / 1e3, r.errors());
            }
          }
          boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
          for (Map.Entry<String, Integer> t : ports.entrySet()) {
            double rps = wrk ? wrk(tmp, t.getValue(), seconds) : load.maxThroughput(
                t.getValue(), "/v1/chat/completions", headers, body, 64, seconds);
            max.put(t.getKey(), rps);
            out.printf(Locale.ROOT, "  %-8s max %.0f req/s (%s)%n", t.getKey(), rps, wrk ? "wrk -t2 -c64" : "built-in, 64 conns");
          }
        }
        printTable(out, rows, max, rates);
        out.printf("gateway processed %d exchanges through the engine%n", gw.processedExchanges());
      }
    } finally {
      if (nginx != null) {
        nginx.destroy();
        nginx.waitFor(5, TimeUnit.SECONDS);
      }
    }
    return 0;
  }

  private static ExchangeDetector engineOrNull(GatewayConfig cfg, PrintStream out) {
    try {
      return Gateway.defaultDetector(cfg);
    } catch (RuntimeException | LinkageError e) {
      out.println("bench: real engine unavailable (" + e.getMessage() + "); using a no-op engine");
      return null;
    }
  }

  static void printTable(PrintStream out, List<Row> rows, Map<String, Double> max, List<Double> rates) {
    out.println();
    out.println("| rate (req/s) | target | p50 (us) | p99 (us) | added p50 (us) | added p99 (us) | added p99 vs nginx |");
    out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (double rate : rates) {
      Row direct = find(rows, "direct", rate);
      Row nginx = find(rows, "nginx", rate);
      for (Row r : rows) {
        if (r.rate != rate) {
          continue;
        }
        String added50 = r.target.equals("direct") ? "-" : fmt(r.p50us - direct.p50us);
        String added99 = r.target.equals("direct") ? "-" : fmt(r.p99us - direct.p99us);
        String ratio = "-";
        if (r.target.equals("gateway") && nginx != null) {
          // A ratio only means something when both proxies measurably add latency.
          double n = nginx.p99us - direct.p99us;
          double g = r.p99us - direct.p99us;
          ratio = n > 10 && g > 0 ? String.format(Locale.ROOT, "%.2fx", g / n) : "n/a (noise)";
        }
        out.printf(Locale.ROOT, "| %.0f | %s | %.0f | %.0f | %s | %s | %s |%n",
            rate, r.target, r.p50us, r.p99us, added50, added99, ratio);
      }
    }
    out.println();
    out.println("| target | max throughput (req/s) | vs direct |");
    out.println("|---|---:|---:|");
    double d = max.getOrDefault("direct", 1.0);
    for (Map.Entry<String, Double> e : max.entrySet()) {
      out.printf(Locale.ROOT, "| %s | %.0f | %.2f |%n", e.getKey(), e.getValue(), e.getValue() / d);
    }
  }

  private static String fmt(double us) {
    return String.format(Locale.ROOT, "%.0f", us);
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

  private static Process startNginx(Path dir, int port, int upstreamPort) throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.createDirectories(dir.resolve("nginx-logs"));
    Files.writeString(
        conf,
        "worker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("nginx-logs/error.log")
            + ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n"
            + "  client_body_temp_path " + dir.resolve("nginx-body") + ";\n"
            + "  proxy_temp_path " + dir.resolve("nginx-proxy") + ";\n"
            + "  upstream up { server 127.0.0.1:" + upstreamPort + "; keepalive 64; }\n"
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

  private static double wrk(Path dir, int port, long seconds) throws Exception {
    Path lua = dir.resolve("post.lua");
    Files.writeString(
        lua,
        "wrk.method = \"POST\"\nwrk.body = [[" + BODY + "]]\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"Authorization\"] = \"Bearer " + KEY + "\"\n");
    Process p =
        new ProcessBuilder("/usr/bin/wrk", "-t2", "-c64", "-d" + seconds + "s", "-s", lua.toString(),
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
