package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeLogTest {

  @TempDir Path tmp;

  private static byte[] line(int i) {
    return ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private List<Path> files(String suffix) throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void append_overMaxBytes_rotatesAndGzipsWithoutLosingLines() throws Exception {
    try (ExchangeLog log = new ExchangeLog(tmp, 2048, 3600)) {
      for (int i = 0; i < 100; i++) {
        byte[] l = line(i);
        log.append(l, l.length, 1_000_000L + i);
      }
    }
    List<Path> gz = files(".jsonl.gz");
    assertThat(gz).hasSizeGreaterThan(3);
    StringBuilder all = new StringBuilder();
    for (Path p : gz) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
        all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    all.append(Files.readString(tmp.resolve(ExchangeLog.CURRENT)));
    assertThat(all.toString().split("\n")).hasSize(100);
    assertThat(files(".jsonl")).containsExactly(tmp.resolve(ExchangeLog.CURRENT));
  }

  @Test
  void append_overMaxAgeOfEventTime_rotates() throws Exception {
    try (ExchangeLog log = new ExchangeLog(tmp, 1 << 20, 60)) {
      byte[] l = line(0);
      log.append(l, l.length, 0);
      log.append(l, l.length, 59_000);
      assertThat(files(".gz")).isEmpty();
      log.append(l, l.length, 61_000);
    }
    assertThat(files(".jsonl.gz")).hasSize(1);
    assertThat(files(".jsonl.gz").get(0).getFileName().toString()).startsWith("exchanges-19700101T000000Z-0");
  }
}
