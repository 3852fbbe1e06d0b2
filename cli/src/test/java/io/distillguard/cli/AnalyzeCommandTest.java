package io.distillguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  private static String line(int i, String account) {
    return "{\"ts\":\"" + Instant.parse("2026-11-02T00:00:00Z").plusSeconds(i) + "\",\"request_id\":\"r" + i
        + "\",\"account_id\":\"" + account + "\",\"endpoint\":\"/v1/messages\",\"model\":\"m\","
        + "\"request\":{\"system\":\"Think step by step.\",\"messages\":[{\"role\":\"user\",\"content\":\"Problem "
        + i + ": show your reasoning step by step.\"}],\"max_tokens\":4096},\"response\":{\"status\":200}}";
  }

  private static Path traffic(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(line(i, i % 2 == 0 ? "acct_even" : "acct_\\u001b[2Jodd"));
    }
    lines.add("not json");
    Path f = dir.resolve("t.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void analyze_smallFile_writesJsonAndHtmlAndExitsZero(@TempDir Path dir) throws IOException {
    Path f = traffic(dir);
    Path json = dir.resolve("r.json");
    Path html = dir.resolve("r.html");
    int code = Main.run("analyze", "--events", f.toString(), "--out", json.toString(), "--html", html.toString(), "--top", "5");
    assertThat(code).isZero();
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("schema").asText()).isEqualTo("distillguard.report/v1");
    assertThat(root.get("input").get("events").asLong()).isEqualTo(40);
    assertThat(root.get("input").get("malformed_lines").asLong()).isEqualTo(1);
    assertThat(root.get("accounts")).hasSize(2);
    assertThat(Files.readString(html)).contains("acct_even").startsWith("<!DOCTYPE html>");
  }

  @Test
  void analyze_fileWithNoExchangeAtAll_writesTheReportButExitsTwo(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("wrong.csv");
    Files.write(f, List.of("key,account_id", "sk-a,acct_a"), StandardCharsets.UTF_8);
    Path json = dir.resolve("r.json");
    assertThat(Main.run("analyze", "--events", f.toString(), "--out", json.toString())).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(json.toFile()).get("input").get("malformed_lines").asLong()).isEqualTo(2);
    Path empty = Files.createFile(dir.resolve("quiet.jsonl"));
    assertThat(Main.run("analyze", "--events", empty.toString(), "--out", json.toString())).isZero();
  }

  @Test
  void analyze_dashReadsGzipFromStdin_reportWritten(@TempDir Path dir) throws IOException {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write(Files.readAllBytes(traffic(dir)));
    }
    Path json = dir.resolve("stdin.json");
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(gz.toByteArray()));
      assertThat(Main.run("analyze", "--events", "-", "--out", json.toString())).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(new ObjectMapper().readTree(json.toFile()).get("input").get("events").asLong()).isEqualTo(40);
  }

  @Test
  void analyze_accountIdsWithLoneSurrogateOrEmojiAtCut_htmlWrittenAndExitZero(@TempDir Path dir) throws IOException {
    // a lone-surrogate escape is valid JSON; an emoji at char 200 is split by the HTML's 200-char cut
    List<String> lines = List.of(line(0, "acct\\ud800x"), line(1, "A".repeat(199) + "\uD83D\uDE00"));
    Path f = dir.resolve("s.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    Path html = dir.resolve("r.html");
    assertThat(Main.run("analyze", "--events", f.toString(), "--html", html.toString())).isZero();
    assertThat(Files.readString(html)).endsWith("</html>\n").contains("acct\uFFFDx");
  }

  @Test
  void analyze_truncatedGzip_reportCoversLinesBeforeTheCutWithWarning(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      lines.add(line(i, "acct_" + (i % 5)));
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = gz.toByteArray();
    Path f = dir.resolve("cut.jsonl.gz");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    Path json = dir.resolve("r.json");
    Path html = dir.resolve("r.html");
    java.io.StringWriter err = new java.io.StringWriter();
    int code = new picocli.CommandLine(new Main()).setErr(new java.io.PrintWriter(err))
        .setOut(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("analyze", "--events", f.toString(), "--out", json.toString(), "--html", html.toString());
    assertThat(code).isZero();
    assertThat(Files.readString(html)).contains("input broke off", "gzip data ends early");
    JsonNode input = new ObjectMapper().readTree(json.toFile()).get("input");
    assertThat(input.get("events").asLong()).isBetween(100L, 2999L);
    assertThat(input.get("malformed_lines").asLong()).isOne();
    assertThat(err.toString()).contains("warning", "gzip data ends early", "the report covers the lines before it");
  }

  @Test
  void analyze_reorderSlackTooLargeOrOverflowing_usageErrorExitCodeTwo(@TempDir Path dir) throws IOException {
    String f = traffic(dir).toString();
    assertThat(Main.run("analyze", "--events", f, "--reorder-slack", "9223372036854775807")).isEqualTo(2);
    assertThat(Main.run("analyze", "--events", f, "--reorder-slack", "86401")).isEqualTo(2);
    assertThat(Main.run("analyze", "--events", f, "--reorder-slack", "86400")).isZero();
  }

  @Test
  void analyze_outNamesTheEventsFile_refusedAndTheLogKept(@TempDir Path dir) throws IOException {
    Path f = traffic(dir);
    byte[] before = Files.readAllBytes(f);
    assertThat(Main.run("analyze", "--events", f.toString(), "--out", f.toString())).isEqualTo(2);
    Path sameViaDots = dir.resolve("sub").resolve("..").resolve(f.getFileName());
    Files.createDirectories(dir.resolve("sub"));
    assertThat(Main.run("analyze", "--events", f.toString(), "--html", sameViaDots.toString())).isEqualTo(2);
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  @Test
  void analyze_outAndHtmlSameFile_usageError(@TempDir Path dir) throws IOException {
    Path r = dir.resolve("r.out");
    assertThat(Main.run("analyze", "--events", traffic(dir).toString(), "--out", r.toString(), "--html", r.toString()))
        .isEqualTo(2);
  }

  @Test
  void analyze_missingFile_exitCodeTwo(@TempDir Path dir) {
    assertThat(Main.run("analyze", "--events", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
  }

  @Test
  void analyze_withoutEvents_usageErrorExitCodeTwo() {
    assertThat(Main.run("analyze")).isEqualTo(2);
  }

  @Test
  void analyze_unreadableConfig_exitCodeTwo(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("c.json");
    Files.writeString(cfg, "{not json");
    assertThat(Main.run("analyze", "--events", traffic(dir).toString(), "--config", cfg.toString())).isEqualTo(2);
  }

  @Test
  void terminalSafe_escapeSequences_neutralised() {
    assertThat(Terminal.safe("acct\u001b[2J\u202eevil", 100)).isEqualTo("acct?[2J?evil");
    assertThat(Terminal.safe("abcdef", 3)).isEqualTo("abc…");
  }
}
