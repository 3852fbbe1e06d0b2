package io.distillguard.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GatewayBenchTest {

  @Test
  void wrkScript_manyAccounts_goesRoundTheKeysTheGatewayKnows_oneAccountKeepsItsOneKey() {
    assertThat(GatewayBench.wrkScript(1))
        .contains("\"Bearer " + GatewayBench.KEY + "\"")
        .doesNotContain("request = function");
    String lua = GatewayBench.wrkScript(20_000);
    Matcher m = Pattern.compile("i = \\(i \\+ 1\\) % (\\d+)\n.*string\\.format\\(\"([^\"]+)\", i\\)", Pattern.DOTALL)
        .matcher(lua);
    assertThat(m.find()).as(lua).isTrue();
    assertThat(m.group(1)).isEqualTo("20000");
    // Lua's string.format reads %016d as Java does: the i-th key sent is the key table's i-th.
    for (int i : new int[] {0, 7, 19_999}) {
      assertThat(String.format(Locale.ROOT, m.group(2), i)).isEqualTo("Bearer " + GatewayBench.key(i));
    }
    assertThat(GatewayBench.key(0)).isEqualTo(GatewayBench.KEY);
    assertThat(GatewayBench.key(1)).isNotEqualTo(GatewayBench.key(10));
  }

  @Test
  void printTable_threeTargets_reportsAddedLatencyAndRatiosAgainstDirectAndNginx() {
    List<GatewayBench.Row> rows =
        List.of(
            new GatewayBench.Row("direct", 2000, 100, 400, 900, 0, 50),
            new GatewayBench.Row("gateway", 2000, 250, 1000, 2100, 0, 120),
            new GatewayBench.Row("nginx", 2000, 150, 800, 1500, 0, 60));
    Map<String, Double> max = new LinkedHashMap<>();
    max.put("direct", 20_000.0);
    max.put("gateway", 8_000.0);
    max.put("nginx", 16_000.0);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    GatewayBench.printTable(new PrintStream(buf, true, StandardCharsets.UTF_8), rows, max, List.of(2000.0));
    String t = buf.toString(StandardCharsets.UTF_8);
    // gateway adds 150 / 600 / 1,200 us; nginx adds 400 us at p99, so the gateway's ratio is 1.50x.
    assertThat(t).contains("| 2000 | gateway | 250 | 1,000 | 2,100 | 150 | 600 | 1,200 | 2.50x | 1.50x | 120 | 0 |");
    assertThat(t).contains("| 2000 | direct | 100 | 400 | 900 | - | - | - | - | - | 50 | 0 |");
    assertThat(t).contains("| gateway | 8000 | 0.40 | 0.50 |");
  }

  @Test
  void medians_oneStalledRoundOfThree_doesNotDecideTheRow() {
    List<GatewayBench.Row> rounds =
        List.of(
            new GatewayBench.Row("direct", 2000, 100, 400, 900, 0, 50),
            new GatewayBench.Row("gateway", 2000, 250, 1000, 2100, 0, 120),
            new GatewayBench.Row("direct", 2000, 110, 450, 950, 0, 52),
            new GatewayBench.Row("gateway", 2000, 260, 150_000, 280_000, 2, 180),
            new GatewayBench.Row("direct", 2000, 90, 420, 1000, 0, 48),
            new GatewayBench.Row("gateway", 2000, 240, 1100, 2500, 1, 125));

    List<GatewayBench.Row> m = GatewayBench.medians(rounds);

    assertThat(m).containsExactly(
        new GatewayBench.Row("direct", 2000, 100, 420, 950, 0, 50),
        new GatewayBench.Row("gateway", 2000, 250, 1100, 2500, 3, 125));
  }

  @Test
  void cpuTicks_aProcessThatBurnedCpu_isPositiveAndNoProcessIsUnknown() throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c",
        "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo spun; sleep 30").start();
    try {
      assertThat(new String(p.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("spun");
      assertThat(GatewayBench.cpuTicks(p)).isPositive();
    } finally {
      p.destroy();
    }
    assertThat(GatewayBench.cpuTicks(null)).isEqualTo(-1);
  }

  @Test
  void threadKind_linuxThreadNamesOfTheGatewayJvm_areGroupedByRole() {
    assertThat(GatewayBench.threadKind("vert.x-eventloo")).isEqualTo(GatewayBench.LOOP);
    assertThat(GatewayBench.threadKind("distillguard-en")).isEqualTo(GatewayBench.ENGINE);
    assertThat(GatewayBench.threadKind("C2 CompilerThre")).isEqualTo(GatewayBench.JIT);
    assertThat(GatewayBench.threadKind("C1 CompilerThre")).isEqualTo(GatewayBench.JIT);
    assertThat(GatewayBench.threadKind("GC Thread#1")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("G1 Refine#0")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("VM Thread")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("ZWorker#0")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("ZDriver")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("RuntimeWorker#1")).isEqualTo(GatewayBench.GC);
    assertThat(GatewayBench.threadKind("java")).isEqualTo(GatewayBench.OTHER);
  }

  @Test
  void cpuSplit_ticksBetweenTwoReadings_areMicrosecondsPerRequestByRole() {
    // 100 ticks of 10 ms = 1 s of CPU over 10,000 requests = 100 us per request.
    String s = GatewayBench.cpuSplit(new long[] {5, 5, 5, 5, 5}, new long[] {105, 55, 15, 5, 7}, 10_000);
    assertThat(s).isEqualTo("cpu us/req by thread: event loops 100, engine 50, JIT 10, GC+VM 0, other 2");
  }

  @Test
  void threadTicks_aJvmChild_isSplitByThreadAndAShellIsNotAJvm() throws Exception {
    Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), BenchNode.class.getName(), "upstream").start();
    Process sh = new ProcessBuilder("/bin/sh", "-c", "echo up; sleep 30").start();
    try {
      assertThat(new String(jvm.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("READY ");
      long[] t = GatewayBench.threadTicks(jvm);
      assertThat(t).hasSize(5);
      // Starting a JVM and a Vert.x server takes well over one 10 ms tick of CPU.
      assertThat(t[GatewayBench.LOOP] + t[GatewayBench.JIT] + t[GatewayBench.GC] + t[GatewayBench.OTHER])
          .isPositive();
      assertThat(new String(sh.getInputStream().readNBytes(2), StandardCharsets.UTF_8)).isEqualTo("up");
      assertThat(GatewayBench.threadTicks(sh)).isNull();
    } finally {
      jvm.getOutputStream().close();
      jvm.destroy();
      sh.destroy();
    }
    assertThat(GatewayBench.threadTicks(null)).isNull();
  }
}
