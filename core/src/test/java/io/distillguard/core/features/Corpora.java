package io.distillguard.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the shared real-prompt corpora ({@code ../shared/data}) for tests; nothing is copied. */
final class Corpora {

  /** One corpus line: user prompt and optional system prompt. */
  record Line(String prompt, String system) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpora() {}

  /** The data directory, found by walking up from the working directory; null when absent. */
  static Path dataDir() {
    Path p = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
      Path d = p.resolve("../shared/data").normalize();
      if (Files.isDirectory(d.resolve("benign"))) {
        return d;
      }
      Path e = p.resolve("shared/data");
      if (Files.isDirectory(e.resolve("benign"))) {
        return e;
      }
    }
    return null;
  }

  static List<Line> read(String relative) {
    Path dir = dataDir();
    if (dir == null) {
      return List.of();
    }
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve(relative), StandardCharsets.UTF_8)) {
      String s;
      while ((s = r.readLine()) != null) {
        if (s.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(s);
        String prompt = n.path("prompt").asText("");
        String system = n.path("system").asText("");
        out.add(new Line(prompt, system));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
