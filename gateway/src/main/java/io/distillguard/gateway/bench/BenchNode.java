package io.distillguard.gateway.bench;

import io.distillguard.core.engine.ExchangeDetector;
import io.distillguard.gateway.Gateway;
import io.distillguard.gateway.GatewayClock;
import io.distillguard.gateway.GatewayConfig;
import io.distillguard.gateway.KeyTable;
import io.distillguard.gateway.demo.StandInModel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One process under test in {@link GatewayBench}: the instant upstream or the gateway, each in its
 * own JVM so that neither shares heap, GC or JIT threads with the load generator or the other.
 * Prints {@code READY <port>} on stdout once listening, and stops when stdin closes (the parent
 * ended or died), so no process outlives the benchmark.
 *
 * <p>Usage: {@code BenchNode upstream} or {@code BenchNode gateway UPSTREAM_PORT EVENT_LOOPS
 * real|none LOG_DIR [ACCOUNTS]}: the key table holds {@link GatewayBench#key} of accounts 0 to
 * ACCOUNTS - 1 (default 1).
 */
public final class BenchNode {

  private BenchNode() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("upstream")) {
      try (StandInModel up = StandInModel.start("127.0.0.1", 0, 0, true)) {
        ready(up.port());
      }
      return;
    }
    if ((args.length == 5 || args.length == 6) && args[0].equals("gateway")) {
      Path dir = Path.of(args[4]);
      int accounts = args.length == 6 ? Integer.parseInt(args[5]) : 1;
      List<String[]> keys = new ArrayList<>(accounts);
      for (int i = 0; i < accounts; i++) {
        keys.add(new String[] {GatewayBench.key(i), i == 0 ? "acct_bench" : "acct_bench_" + i, null});
      }
      GatewayConfig cfg =
          GatewayConfig.builder()
              .listen("127.0.0.1", 0)
              .upstream(URI.create("http://127.0.0.1:" + Integer.parseInt(args[1])))
              .keys(KeyTable.of(keys))
              .exchangeLogDir(dir.resolve("exchange-log"))
              .eventLoops(Integer.parseInt(args[2]))
              .build();
      ExchangeDetector detector =
          args[3].equals("real") ? Gateway.defaultDetector(cfg) : new GatewayBench.NoOpDetector();
      try (PrintStream log =
              new PrintStream(Files.newOutputStream(dir.resolve("gateway.log")), true, StandardCharsets.UTF_8);
          Gateway gw = Gateway.start(cfg, detector, GatewayClock.system(), log)) {
        ready(gw.port());
      }
      return;
    }
    System.err.println("usage: BenchNode upstream | gateway UPSTREAM_PORT EVENT_LOOPS real|none LOG_DIR [ACCOUNTS]");
    System.exit(2);
  }

  private static void ready(int port) throws IOException {
    System.out.println("READY " + port);
    System.out.flush();
    // Blocks until the parent closes our stdin (or exits).
    while (System.in.read() >= 0) {
      // ignore input
    }
  }
}
