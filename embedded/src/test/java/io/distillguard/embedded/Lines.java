package io.distillguard.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds api-exchange/v1 lines for tests. */
final class Lines {

  private Lines() {}

  static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

  static String line(long tsMillis, String requestId, String account, String prompt) {
    return "{\"ts\":\"" + Instant.ofEpochMilli(tsMillis) + "\",\"request_id\":\"" + requestId
        + "\",\"account_id\":\"" + account + "\",\"client\":{\"ip\":\"198.51.100.7\",\"user_agent\":\"python-httpx/0.27\"},"
        + "\"endpoint\":\"/v1/chat/completions\",\"model\":\"frontier-large\",\"request\":{\"messages\":["
        + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":1024},"
        + "\"response\":{\"status\":200,\"prompt_tokens\":40,\"completion_tokens\":300}}";
  }

  static byte[] join(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(plain);
    }
    return b.toByteArray();
  }
}
