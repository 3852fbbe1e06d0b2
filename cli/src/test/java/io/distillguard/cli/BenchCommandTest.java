package io.distillguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void bench_tinyTrafficInProcess_printsEveryStageAndRatio(@TempDir Path dir) {
    String[] r = run("bench", "--exchanges", "400", "--accounts", "40", "--state-accounts", "100",
        "--heap-mb", "0", "--threads", "2", "--file", dir.resolve("t.jsonl").toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("parse only (1 thread)", "parse + features (1 thread)",
        "full pipeline (analyze, 2 threads)", "full pipeline, JIT-warm second pass", "full / parse", "features / parse", "memory check",
        "engine heap per account, no linker", "campaign linker heap per account",
        "profile serialised, mean / max");
    assertThat(r[1]).containsPattern("accounts analysed +[1-9]");
    // A profile serialises to a few hundred bytes at least, and the max is never below the mean.
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("profile serialised, mean / max +([0-9,]+) / ([0-9,]+) bytes").matcher(r[1]);
    assertThat(m.find()).as(r[1]).isTrue();
    long mean = Long.parseLong(m.group(1).replace(",", ""));
    long max = Long.parseLong(m.group(2).replace(",", ""));
    assertThat(mean).isGreaterThan(100);
    assertThat(max).isGreaterThanOrEqualTo(mean);
  }

  @Test
  void bench_childJvm_getsThisJvmsOptionsButItsOwnHeap() {
    java.util.List<String> opts = BenchCommand.childJvmOptions();
    assertThat(opts).noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-Xms"));
    java.util.List<String> mine = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(opts).isSubsetOf(mine);
    assertThat(mine.stream().filter(o -> o.startsWith("-XX:") && !o.startsWith("-XX:StartFlightRecording")
        && !o.startsWith("-XX:FlightRecorderOptions"))).allMatch(opts::contains);
  }

  @Test
  void bench_badThreads_usageError() {
    assertThat(run("bench", "--threads", "0")[0]).isEqualTo("2");
  }
}
