package io.distillguard.core.detect;

import java.util.Locale;

/**
 * The interpretable per-account signals the scorer combines. Each has a stable JSON name (the key of
 * its weight in the detector config and the {@code signal} of a {@link Reason}) and a sentence
 * template for explanations. Values the scorer feeds the model ({@code x}) are in [0, 1]; the value
 * shown to people is the raw share, count or ratio.
 */
public enum Signal {
  META_REASONING_SHARE("meta_reasoning_share", "%s of prompts ask the model to reveal or restate its own reasoning", Unit.PERCENT),
  META_REASONING_EXCESS("meta_reasoning_excess_count", "%s more meta-reasoning requests than ordinary traffic would send", Unit.COUNT),
  COT_ELICITATION_SHARE("cot_elicitation_share", "%s of prompts ask for step-by-step reasoning", Unit.PERCENT),
  COT_WITH_BREADTH("cot_with_breadth", "step-by-step requests spread over diverse, non-repeating tasks (score %s)", Unit.RATIO),
  COT_EXCESS("cot_excess_count", "%s more step-by-step requests on distinct prompts than ordinary traffic would send", Unit.COUNT),
  GRADER_SHARE("grader_share", "%s of prompts ask the model to grade or judge a response", Unit.PERCENT),
  TASK_GENERATION_SHARE("task_generation_share", "%s of prompts ask the model to invent tasks or problems", Unit.PERCENT),
  GENERATOR_EXCESS("generator_excess_count", "%s more grading/task-generation requests than ordinary traffic would send", Unit.COUNT),
  HARVEST_PARAMS_SHARE("harvest_param_share", "%s of requests ask for log-probabilities, many samples, maximum length or high reasoning effort", Unit.PERCENT),
  LOGPROBS_SHARE("logprobs_share", "%s of requests ask for token log-probabilities on new prompts", Unit.PERCENT),
  TOPIC_BREADTH("topic_breadth", "prompts cover %s of the 64 topic areas", Unit.PERCENT),
  LONG_OUTPUT_SHARE("long_output_share", "%s of completions are long and much longer than their prompts", Unit.PERCENT),
  SHORT_OUTPUT_SHARE("short_output_share", "%s of completions are short, labelling-style answers", Unit.PERCENT),
  ACCOUNT_YOUTH("account_youth", "the account was %s days old when first seen", Unit.DAYS),
  UNVERIFIED("unverified", "the account has not passed identity verification", Unit.FLAG),
  IP_CHURN("ip_churn", "%s distinct client IPs, proxy-like rotation", Unit.COUNT),
  ASN_SPREAD("asn_spread", "traffic comes from %s distinct networks (ASNs)", Unit.COUNT),
  TIMING_REGULARITY("timing_regularity", "machine-regular request timing (gap variation %s)", Unit.RATIO),
  ROUND_THE_CLOCK("round_the_clock", "activity spread evenly around the clock (hour entropy %s)", Unit.RATIO),
  HARVEST_BREADTH("harvest_breadth", "%s distinct prompts sent with log-probabilities or many samples, over a broad range of topics", Unit.COUNT),
  TOOL_RESULT_FABRICATION("fabricated_tool_results", "%s of tool results look client-made: reused verbatim across unrelated tasks, or answering no tool call", Unit.PERCENT),
  MINORITY_SUBSTREAM("minority_substream", "%s requests in a minority system-prompt stream whose output is long or elicited, unlike the rest of the account", Unit.COUNT),
  TOOL_SCHEMA_DIVERSITY("tool_schema_diversity", "%s distinct tool sets offered, as when harvesting tool use", Unit.COUNT),
  RATE_LIMITED_SHARE("rate_limited_share", "%s of requests were rate limited (429)", Unit.PERCENT),
  MULTI_TURN_SHARE("multi_turn_share", "%s of requests follow up its own earlier ones, as a person's chat does", Unit.PERCENT),
  PROMPT_REPEAT_SHARE("prompt_repeat_share", "%s of prompts repeat earlier ones, as evaluation re-runs do", Unit.PERCENT),
  MODEL_ROTATION("model_rotation", "%s of requests rotate across several models, as evaluation runs do", Unit.PERCENT),
  TEMPLATE_DOMINANCE("template_dominance", "%s of prompts use one template, as batch jobs do", Unit.PERCENT);

  /** How a signal's display value is written in a sentence. */
  enum Unit {
    PERCENT,
    COUNT,
    RATIO,
    DAYS,
    FLAG
  }

  private static final Signal[] VALUES = values();

  private final String json;
  private final String template;
  private final Unit unit;

  Signal(String json, String template, Unit unit) {
    this.json = json;
    this.template = template;
    this.unit = unit;
  }

  /** Stable name used in configs and reports. */
  public String json() {
    return json;
  }

  /** One plain-English sentence for a display value. */
  public String describe(double value) {
    String v =
        switch (unit) {
          case PERCENT -> Math.round(value * 100) + "%";
          case COUNT -> Long.toString(Math.round(value));
          case RATIO -> String.format(Locale.ROOT, "%.2f", value);
          case DAYS -> String.format(Locale.ROOT, "%.1f", value);
          case FLAG -> "";
        };
    String s = template.contains("%s") ? template.replace("%s", v) : template;
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The signal with this JSON name, or null. */
  public static Signal fromJson(String name) {
    for (Signal s : VALUES) {
      if (s.json.equals(name)) {
        return s;
      }
    }
    return null;
  }

  static int count() {
    return VALUES.length;
  }

  static Signal at(int i) {
    return VALUES[i];
  }
}
