package io.distillguard.core.detect;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable detector configuration: thresholds, the logistic model's bias and per-signal weights,
 * and the evidence-strength settings. {@link #defaults()} loads the versioned resource {@code
 * detector-config.json}; every value is documented in {@code docs/detector-config.md}.
 *
 * @param version config version string (the resource's {@code "version"})
 * @param suspiciousThreshold risk from which an account is {@code suspicious}
 * @param distillationThreshold risk from which an account is {@code distillation}
 * @param bias log-odds of an account with no evidence
 * @param evidenceHalfEvents events at which behavioural evidence counts half: the evidence gate is
 *     {@code n / (n + evidenceHalfEvents)}
 * @param minEventsForDistillation fewer own events than this never give a {@code distillation}
 *     verdict on the account's own score (campaign membership still can)
 * @param weights log-odds weight per signal (a missing signal weighs 0)
 * @param campaign the campaign linker's settings by name (checked and applied by {@code
 *     CampaignConfig.from})
 */
public record DetectorConfig(
    String version,
    double suspiciousThreshold,
    double distillationThreshold,
    double bias,
    double evidenceHalfEvents,
    int minEventsForDistillation,
    Map<Signal, Double> weights,
    Map<String, Double> campaign) {

  /** Classpath location of the default config, beside this class. */
  public static final String RESOURCE = "detector-config.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(10_000).build());
  }

  public DetectorConfig {
    Objects.requireNonNull(version, "version");
    if (!(suspiciousThreshold > 0 && suspiciousThreshold < 1)) {
      throw new IllegalArgumentException("thresholds.suspicious must be in (0, 1): " + suspiciousThreshold);
    }
    if (!(distillationThreshold >= suspiciousThreshold && distillationThreshold < 1)) {
      throw new IllegalArgumentException(
          "thresholds.distillation must be in [suspicious, 1): " + distillationThreshold);
    }
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException("model.bias must be finite: " + bias);
    }
    if (!(evidenceHalfEvents >= 0 && evidenceHalfEvents < 1e6)) {
      throw new IllegalArgumentException("model.evidence_half_events must be in [0, 1e6): " + evidenceHalfEvents);
    }
    if (minEventsForDistillation < 1) {
      throw new IllegalArgumentException(
          "model.min_events_for_distillation must be >= 1: " + minEventsForDistillation);
    }
    EnumMap<Signal, Double> w = new EnumMap<>(Signal.class);
    for (Map.Entry<Signal, Double> e : weights.entrySet()) {
      double v = Objects.requireNonNull(e.getValue(), "weight");
      if (!Double.isFinite(v) || Math.abs(v) > 100) {
        throw new IllegalArgumentException(
            "model.weights." + e.getKey().json() + " must be finite and |w| <= 100: " + v);
      }
      w.put(e.getKey(), v);
    }
    weights = Collections.unmodifiableMap(w);
    campaign = Map.copyOf(campaign);
  }

  /** The weight of a signal, 0 when unset. */
  public double weight(Signal s) {
    Double w = weights.get(s);
    return w == null ? 0 : w;
  }

  /** A copy with different thresholds (e.g. for a threshold sweep). */
  public DetectorConfig withThresholds(double suspicious, double distillation) {
    return new DetectorConfig(
        version, suspicious, distillation, bias, evidenceHalfEvents, minEventsForDistillation, weights, campaign);
  }

  /** A copy with one signal's weight replaced. */
  public DetectorConfig withWeight(Signal s, double w) {
    EnumMap<Signal, Double> m = new EnumMap<>(Signal.class);
    m.putAll(weights);
    m.put(s, w);
    return new DetectorConfig(
        version, suspiciousThreshold, distillationThreshold, bias, evidenceHalfEvents, minEventsForDistillation, m, campaign);
  }

  /** The verdict for a risk under these thresholds. */
  public Verdict verdictOf(double risk) {
    if (risk >= distillationThreshold) {
      return Verdict.DISTILLATION;
    }
    return risk >= suspiciousThreshold ? Verdict.SUSPICIOUS : Verdict.BENIGN;
  }

  /** Loads the versioned default config shipped in the jar. */
  public static DetectorConfig defaults() {
    try (InputStream in = DetectorConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a config document (see {@code docs/detector-config.md}). Unknown top-level sections are
   * ignored; an unknown signal weight or a bad value is an error that names the setting.
   */
  public static DetectorConfig load(InputStream json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "detector config is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("detector config must be a JSON object");
    }
    String version = text(root, "version");
    JsonNode th = section(root, "thresholds");
    JsonNode model = section(root, "model");
    Map<Signal, Double> weights = new EnumMap<>(Signal.class);
    JsonNode w = section(model, "weights");
    for (Map.Entry<String, JsonNode> e : w.properties()) {
      Signal s = Signal.fromJson(e.getKey());
      if (s == null) {
        throw new IllegalArgumentException("model.weights: unknown signal '" + shorten(e.getKey()) + "'");
      }
      weights.put(s, number(e.getValue(), "model.weights." + s.json()));
    }
    Map<String, Double> campaign = new LinkedHashMap<>();
    JsonNode c = root.get("campaign");
    if (c != null && !c.isObject()) {
      throw new IllegalArgumentException("detector config: 'campaign' must be an object");
    }
    if (c != null) {
      // Names are checked by CampaignConfig, which knows them; values must be numbers here.
      for (Map.Entry<String, JsonNode> e : c.properties()) {
        campaign.put(e.getKey(), number(e.getValue(), "campaign." + shorten(e.getKey())));
      }
    }
    return new DetectorConfig(
        version,
        number(th.get("suspicious"), "thresholds.suspicious"),
        number(th.get("distillation"), "thresholds.distillation"),
        number(model.get("bias"), "model.bias"),
        number(model.get("evidence_half_events"), "model.evidence_half_events"),
        (int) number(model.get("min_events_for_distillation"), "model.min_events_for_distillation"),
        weights,
        campaign);
  }

  private static JsonNode section(JsonNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("detector config: missing object '" + name + "'");
    }
    return n;
  }

  private static String text(JsonNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("detector config: missing string '" + name + "'");
    }
    return shorten(n.asText());
  }

  private static double number(JsonNode n, String setting) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException("detector config: '" + setting + "' must be a number");
    }
    return n.asDouble();
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
