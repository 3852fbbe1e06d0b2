package io.distillguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code demo} through {@link Main#run}. */
class GatewayCommandsTest {

  @TempDir Path tmp;

  private static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void serve_checkZeroConfig_validatesAndExits0() throws Exception {
    Files.writeString(tmp.resolve("keys.csv"), "# k\nsk-1,acct_1\nsk-2,acct_2,org_a\n");
    int[] rc = new int[1];
    String out =
        captureOut(
            () ->
                rc[0] =
                    Main.run("serve", "--check", "--upstream", "http://127.0.0.1:9", "--listen",
                        "127.0.0.1:18080", "--keys", tmp.resolve("keys.csv").toString()));
    assertThat(rc[0]).isZero();
    assertThat(out).contains("configuration ok").contains("2 keys");
  }

  @Test
  void serve_malformedYamlWithInlineKeys_errorNamesLineButNeverEchoesKeys() throws Exception {
    Files.writeString(
        tmp.resolve("bad.yaml"),
        "listen: 127.0.0.1:8081\nupstreams: {openai: http://127.0.0.1:9}\nkeys:\n"
            + "  - {key: sk-live-SECRET-ONE, account_id: a1\n  - {key: sk-live-SECRET-TWO, account_id: a2}\n");
    java.io.StringWriter err = new java.io.StringWriter();
    int rc = new picocli.CommandLine(new Main()).setErr(new java.io.PrintWriter(err))
        .execute("serve", "--check", "--config", tmp.resolve("bad.yaml").toString());
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("invalid YAML near line").doesNotContain("SECRET", "sk-live");
  }

  @Test
  void demo_outDirCannotBeCreated_exitCodeTwoWithMessageNoStackTrace() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    java.io.StringWriter err = new java.io.StringWriter();
    int rc = new picocli.CommandLine(new Main()).setErr(new java.io.PrintWriter(err))
        .setOut(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("demo", "--out-dir", file.resolve("sub").toString(), "--max-exchanges", "10");
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("demo: cannot create --out-dir").doesNotContain("\tat ");
  }

  @Test
  void serve_checkYaml_flagsOverrideFile() throws Exception {
    Files.writeString(tmp.resolve("keys.csv"), "sk-1,acct_1\n");
    Files.writeString(
        tmp.resolve("distillguard.yaml"),
        "listen: 127.0.0.1:8081\nupstreams: {anthropic: http://127.0.0.1:9}\nkeys_file: keys.csv\n");
    int[] rc = new int[1];
    String out =
        captureOut(
            () ->
                rc[0] =
                    Main.run("serve", "--check", "--shadow", "--config",
                        tmp.resolve("distillguard.yaml").toString()));
    assertThat(rc[0]).isZero();
    assertThat(out).contains("127.0.0.1:8081").contains("1 keys").contains("shadow mode");
  }

  @Test
  void serve_noUpstream_exit2() {
    assertThat(Main.run("serve", "--check")).isEqualTo(2);
  }

  @Test
  void serve_badYaml_exit2() throws Exception {
    Files.writeString(tmp.resolve("bad.yaml"), "upstreams: {openai: http://x}\nwhatever: 1\n");
    assertThat(Main.run("serve", "--check", "--config", tmp.resolve("bad.yaml").toString())).isEqualTo(2);
  }

  @Test
  void demo_shortReplay_catchesSomethingAndWritesReplayableLog() throws Exception {
    int[] rc = new int[1];
    String out =
        captureOut(
            () ->
                rc[0] =
                    Main.run("demo", "--out-dir", tmp.toString(), "--max-exchanges", "600", "--seed", "3"));
    assertThat(rc[0]).isZero();
    assertThat(out).contains("stand-in model").contains("Caught").contains("analyze --events");
    Path log = tmp.resolve("exchanges.jsonl");
    String text = Files.readString(log);
    assertThat(text.lines().count()).isGreaterThan(400);
    assertThat(text).doesNotContain("sk-demo-");
  }

  /**
   * The whole demo: four simulated hours through the gateway, so every campaign is young. Round 3's
   * first signature recount let a young low-and-slow campaign's own members count against its
   * shared prompt and the demo fell from 31 to 23 of 35 caught, while every week-long scenario still
   * passed; this floor is what notices. Tagged slow because the live replay is timing-dependent: on a
   * loaded machine (right after a build, or after the in-process bench) the same code has caught 23,
   * as if the campaign were never linked. Run it with -Pslow on a quiet machine.
   */
  @Test
  @Tag("slow")
  void demo_fullReplay_catchesMostAttackersAndNoBenignAccount() throws Exception {
    int[] rc = new int[1];
    String out = captureOut(() -> rc[0] = Main.run("demo", "--out-dir", tmp.resolve("full").toString()));
    assertThat(rc[0]).isZero();
    Matcher m = Pattern
        .compile("Caught \\(suspicious or distillation\\): (\\d+) of (\\d+) attack accounts; (\\d+) of (\\d+) benign")
        .matcher(out);
    assertThat(m.find()).as("summary line in:%n%s", out).isTrue();
    int caught = Integer.parseInt(m.group(1));
    int attackers = Integer.parseInt(m.group(2));
    assertThat(caught).as("attackers caught").isGreaterThanOrEqualTo(attackers * 4 / 5);
    assertThat(Integer.parseInt(m.group(3))).as("benign accounts flagged").isZero();
  }
}
