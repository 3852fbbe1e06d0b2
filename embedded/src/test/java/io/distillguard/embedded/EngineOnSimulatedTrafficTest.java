package io.distillguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.sim.Corpus;
import io.distillguard.sim.ExchangeSink;
import io.distillguard.sim.Label;
import io.distillguard.sim.Scenario;
import io.distillguard.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real parser, feature extractor, scorer and campaign linker over the simulator's personas
 * (real corpus prompts): attackers must rank above benign traffic. Thresholds sit below what the
 * detector reaches so that they catch breakage, not tuning drift; the per-persona table is printed
 * for calibration.
 */
class EngineOnSimulatedTrafficTest {

  record Row(Label label, Assessment assessment) {}

  static final ObjectMapper JSON = new ObjectMapper();

  static List<Row> run(Scenario scenario, long seed, boolean campaigns) {
    return run(scenario, seed, campaigns, null);
  }

  /** As above; {@code attackRewrite}, when given, edits each attacker's request before parsing. */
  static List<Row> run(
      Scenario scenario, long seed, boolean campaigns, BiConsumer<ObjectNode, String> attackRewrite) {
    Map<String, Label> labels = new HashMap<>();
    ExchangeParser parser = new ExchangeParser();
    DetectorConfig config = DetectorConfig.defaults();
    DetectionEngine engine =
        campaigns ? DetectionEngine.create() : DetectionEngine.create(config, null);
    Simulator.run(scenario, seed, Corpus.locate(null, Path.of("").toAbsolutePath()),
        new ExchangeSink() {
          @Override
          public void label(Label l) {
            labels.put(l.accountId(), l);
          }

          @Override
          public void exchange(long tsMillis, byte[] utf8, int offset, int length) {
            if (attackRewrite == null) {
              engine.observe(parser.parse(utf8, offset, length));
              return;
            }
            try {
              ObjectNode line = (ObjectNode) JSON.readTree(utf8, offset, length);
              if (labels.get(line.path("account_id").asText()).attack()) {
                attackRewrite.accept((ObjectNode) line.get("request"), line.path("ts").asText());
              }
              byte[] b = JSON.writeValueAsBytes(line);
              engine.observe(parser.parse(b, 0, b.length));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
    List<Row> rows = new ArrayList<>();
    for (Assessment a : engine.assessments()) {
      rows.add(new Row(labels.get(a.accountId()), a));
    }
    return rows;
  }

  /** Probability that a random attacker outranks a random benign account (ROC AUC). */
  static double auc(List<Row> rows) {
    List<Double> atk = new ArrayList<>();
    List<Double> ben = new ArrayList<>();
    for (Row r : rows) {
      (r.label().attack() ? atk : ben).add(r.assessment().risk());
    }
    double wins = 0;
    for (double a : atk) {
      for (double b : ben) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    return wins / Math.max(1, (double) atk.size() * ben.size());
  }

  static void print(String title, List<Row> rows) {
    Map<String, double[]> byPersona = new TreeMap<>(); // n, sum risk, flagged, suspicious+, events
    for (Row r : rows) {
      double[] s = byPersona.computeIfAbsent(
          (r.label().attack() ? "A " : "b ") + r.label().persona(), k -> new double[5]);
      s[0]++;
      s[1] += r.assessment().risk();
      s[2] += r.assessment().verdict() == Verdict.DISTILLATION ? 1 : 0;
      s[3] += r.assessment().verdict() != Verdict.BENIGN ? 1 : 0;
      s[4] += r.assessment().events();
    }
    System.out.println("== " + title + "  AUC " + String.format(Locale.ROOT, "%.3f", auc(rows)));
    byPersona.forEach((p, s) -> System.out.printf(Locale.ROOT,
        "%-28s n=%4d meanRisk=%.3f distill=%4.0f%% watch+=%4.0f%% events/acct=%.0f%n",
        p, (long) s[0], s[1] / s[0], 100 * s[2] / s[0], 100 * s[3] / s[0], s[4] / s[0]));
  }

  @Test
  void engine_smokeScenario_attackersOutrankBenignAccounts() {
    List<Row> rows = run(Scenario.named("smoke"), 7, true);
    print("smoke seed 7", rows);
    assertThat(rows).allSatisfy(r -> assertThat(r.label()).isNotNull());
    assertThat(auc(rows)).isGreaterThan(0.8);
    long benignFlagged = rows.stream()
        .filter(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION).count();
    long benign = rows.stream().filter(r -> !r.label().attack()).count();
    assertThat(benignFlagged).isLessThanOrEqualTo(Math.max(1, benign / 10));
  }

  @Test
  void engine_lowAndSlowStampingEachSystemPromptWithSessionAndTime_isStillLinkedAndFlagged() {
    // An evasion of the system-prompt signature: every request's system prompt carries its own
    // session number and timestamp, so no two requests send the same text.
    int[] session = {0};
    BiConsumer<ObjectNode, String> stamp = (req, ts) -> {
      String pre = String.format(Locale.ROOT, "Session %06d. Current time: %s. ", ++session[0] * 7919 % 1_000_000, ts);
      JsonNode sys = req.get("system");
      if (sys != null && sys.isTextual()) {
        req.set("system", TextNode.valueOf(pre + sys.asText()));
      } else if (sys != null && sys.isArray() && sys.path(0).has("text")) {
        ((ObjectNode) sys.get(0)).put("text", pre + sys.get(0).get("text").asText());
      } else {
        for (JsonNode m : req.path("messages")) {
          if ("system".equals(m.path("role").asText()) && m.path("content").isTextual()) {
            ((ObjectNode) m).put("content", pre + m.get("content").asText());
          }
        }
      }
    };
    List<Row> rows = run(Scenario.named("low-and-slow").withAccounts(470), 11, true, stamp);
    print("low-and-slow (quarter), system prompts stamped, seed 11", rows);
    List<Row> attackers = rows.stream().filter(r -> r.label().attack()).toList();
    long caught = attackers.stream().filter(r -> r.assessment().verdict() == Verdict.DISTILLATION).count();
    long benignFlagged = rows.stream()
        .filter(r -> !r.label().attack() && r.assessment().verdict() == Verdict.DISTILLATION).count();
    assertThat(attackers).hasSizeGreaterThanOrEqualTo(60);
    assertThat(caught).as("low-and-slow workers flagged").isGreaterThanOrEqualTo(attackers.size() * 9L / 10);
    assertThat(benignFlagged).isZero();
  }

  @Test
  @Tag("slow")
  void engine_mixedWeekSample_perPersonaTable() {
    List<Row> rows = run(Scenario.named("mixed-week").withAccounts(1500).withScale(0.2), 11, true);
    print("mixed-week sample seed 11", rows);
    assertThat(auc(rows)).isGreaterThan(0.8);
  }
}
