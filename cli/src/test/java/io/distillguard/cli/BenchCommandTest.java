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
        "full pipeline (analyze, 2 threads)", "full / parse", "features / parse", "memory check",
        "engine heap per account");
    assertThat(r[1]).containsPattern("accounts analysed +[1-9]");
  }

  @Test
  void bench_badThreads_usageError() {
    assertThat(run("bench", "--threads", "0")[0]).isEqualTo("2");
  }
}
