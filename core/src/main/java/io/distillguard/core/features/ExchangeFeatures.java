package io.distillguard.core.features;

/**
 * What one exchange says about its sender, computed once per exchange by the feature extractor and
 * read by account profiles and the campaign linker. Primitive fields only, so a profile update does
 * not keep references to attacker-controlled text.
 *
 * <p>Hashes are 64-bit (xxh3 of normalised text); {@code 0} means "absent".
 *
 * @param templateHash exact hash of the prompt skeleton (numbers, quoted spans, code and long
 *     variable spans masked): the template identity
 * @param templateSimhash 64-bit SimHash over shingles of the skeleton, for near-duplicate templates
 * @param systemHash hash of the normalised system prompt, 0 when there is none
 * @param promptHash hash of the normalised full prompt text, for exact repeats
 * @param promptChars length of the user-visible prompt text in characters
 * @param topicBucket coarse task/topic bucket in [0, 64), for breadth of coverage
 * @param cotElicitation 0..1: how strongly the request asks for step-by-step reasoning
 * @param metaReasoning 0..1: how strongly the request asks about the model's <em>own</em> reasoning
 *     (reveal, translate or repeat its hidden thinking), in any supported language
 * @param graderPrompt the request asks the model to grade, judge or score a response
 * @param taskGeneration the request asks the model to generate tasks/problems (with solutions)
 * @param harvestFlags bit set of {@code HARVEST_*} request parameters
 * @param assistantTurns assistant turns carried in the history (multi-turn continuity)
 * @param toolUse tools were offered or tool results sent
 * @param completionRatio completion tokens / prompt tokens, or -1 when unknown
 */
public record ExchangeFeatures(
    long templateHash,
    long templateSimhash,
    long systemHash,
    long promptHash,
    int promptChars,
    int topicBucket,
    float cotElicitation,
    float metaReasoning,
    boolean graderPrompt,
    boolean taskGeneration,
    int harvestFlags,
    int assistantTurns,
    boolean toolUse,
    float completionRatio) {

  public static final int HARVEST_LOGPROBS = 1;
  public static final int HARVEST_MULTI_N = 1 << 1;
  public static final int HARVEST_MAX_TOKENS = 1 << 2;
  public static final int HARVEST_HIGH_REASONING = 1 << 3;

  public boolean hasHarvestParams() {
    return harvestFlags != 0;
  }
}
