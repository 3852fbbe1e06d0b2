package io.distillguard.core.features;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-model output-token limits, used to decide whether a request's {@code max_tokens} sits near
 * the model's ceiling (a harvesting habit: always take the longest answer the model can give).
 * Models match by the longest configured prefix of their lower-cased name; unknown models use
 * {@code defaultMaxOutput}.
 *
 * @param maxOutputByPrefix lower-case model-name prefix to maximum output tokens
 * @param defaultMaxOutput limit for models matching no prefix, positive
 * @param nearLimitFraction share of the limit from which max_tokens counts as "near", in (0, 1]
 */
public record ModelLimits(
    Map<String, Integer> maxOutputByPrefix, int defaultMaxOutput, double nearLimitFraction) {

  public ModelLimits {
    Objects.requireNonNull(maxOutputByPrefix, "maxOutputByPrefix");
    maxOutputByPrefix = Map.copyOf(maxOutputByPrefix);
    for (Map.Entry<String, Integer> e : maxOutputByPrefix.entrySet()) {
      if (e.getValue() <= 0 || !e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "maxOutputByPrefix: limits must be positive and prefixes lower-case: " + e.getKey());
      }
    }
    if (defaultMaxOutput <= 0) {
      throw new IllegalArgumentException("defaultMaxOutput must be positive: " + defaultMaxOutput);
    }
    if (!(nearLimitFraction > 0 && nearLimitFraction <= 1)) {
      throw new IllegalArgumentException("nearLimitFraction must be in (0, 1]: " + nearLimitFraction);
    }
  }

  /**
   * Public output limits of common model families (as documented by their vendors in 2025-26) and
   * the simulator's models; 16k tokens for anything else, "near" from 90%.
   */
  public static ModelLimits defaults() {
    return new ModelLimits(
        Map.ofEntries(
            Map.entry("gpt-3.5", 4096),
            Map.entry("gpt-4-turbo", 4096),
            Map.entry("gpt-4", 8192),
            Map.entry("gpt-4o", 16384),
            Map.entry("gpt-4.1", 32768),
            Map.entry("gpt-5", 128000),
            Map.entry("o1", 100000),
            Map.entry("o3", 100000),
            Map.entry("o4", 100000),
            Map.entry("claude-3-haiku", 4096),
            Map.entry("claude-3-sonnet", 4096),
            Map.entry("claude-3-opus", 4096),
            Map.entry("claude-3-5", 8192),
            Map.entry("claude-3-7", 64000),
            Map.entry("claude-sonnet-4", 64000),
            Map.entry("claude-opus-4", 32000),
            Map.entry("frontier-mini", 16384),
            Map.entry("frontier-large", 16384),
            Map.entry("frontier-code", 16384)),
        16384,
        0.9);
  }

  /** Maximum output tokens of {@code model} (longest matching prefix, else the default). */
  public int maxOutputTokens(String model) {
    if (model == null || model.isEmpty()) {
      return defaultMaxOutput;
    }
    int best = -1;
    int limit = defaultMaxOutput;
    for (Map.Entry<String, Integer> e : maxOutputByPrefix.entrySet()) {
      String p = e.getKey();
      if (p.length() > best && model.regionMatches(true, 0, p, 0, p.length())) {
        best = p.length();
        limit = e.getValue();
      }
    }
    return limit;
  }

  /** Whether {@code maxTokens} is at or above the near-limit share of the model's limit. */
  public boolean nearLimit(String model, int maxTokens) {
    return maxTokens > 0 && maxTokens >= nearLimitFraction * maxOutputTokens(model);
  }
}
