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
 * @param systemHash hash of the system prompt's frame (normalised, with numbers, quoted spans, URLs,
 *     e-mail addresses and code masked), 0 when there is none
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
 * @param cotFromSystem the step-by-step cue comes from a fixed instruction alone, the system prompt
 *     or the answer schema (the user turns by themselves do not elicit it): a product's decision
 *     rather than a per-request ask
 * @param toolResults tool-result turns carried in the request (function/tool outputs the client sent)
 * @param orphanToolResult a tool result arrives with no assistant tool call before it in the history:
 *     the client made up the result for a call the model never made
 * @param toolResultHash hash of the newest tool result's head (0 when there is none): an agent loop's
 *     newest result is fresh output, a fabricator's comes from a small canned pool
 * @param taskHash hash of the first user turn that is not a tool result, when tool results are
 *     present (0 otherwise): the agent task the loop works on
 * @param leadHash when there is no system prompt: the frame hash (as {@code systemHash}) of the last
 *     user turn's opening paragraph, if that turn has more than one and the first is at least a
 *     short sentence; 0 otherwise. Where a client without a system prompt puts fixed instructions.
 * @param frameVariants near-duplicate keys of the frame behind {@code systemHash} (or, without a
 *     system prompt, {@code leadHash}): frames one sentence apart share one (see {@code
 *     TemplateFingerprint.frame}); {@link FrameVariants#NONE} when there are none
 * @param turnHash hash of the last user turn's head (0 when there is none): what a later request
 *     of the same conversation carries as {@code repliesTo}
 * @param repliesTo hash of the user turn that the history's last assistant turn answered, when the
 *     request continues a conversation (0 otherwise): a person's follow-up repeats their own earlier
 *     request's {@code turnHash}; made-up or replayed history repeats nothing the account sent
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
    float completionRatio,
    boolean cotFromSystem,
    int toolResults,
    boolean orphanToolResult,
    long toolResultHash,
    long taskHash,
    long leadHash,
    FrameVariants frameVariants,
    long turnHash,
    long repliesTo) {

  /** Features without the tool-loop and CoT-origin details (they read as absent). */
  public ExchangeFeatures(
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
    this(templateHash, templateSimhash, systemHash, promptHash, promptChars, topicBucket, cotElicitation,
        metaReasoning, graderPrompt, taskGeneration, harvestFlags, assistantTurns, toolUse, completionRatio,
        false, 0, false, 0, 0, 0, FrameVariants.NONE, 0, 0);
  }

  public static final int HARVEST_LOGPROBS = 1;
  public static final int HARVEST_MULTI_N = 1 << 1;
  public static final int HARVEST_MAX_TOKENS = 1 << 2;
  public static final int HARVEST_HIGH_REASONING = 1 << 3;

  public boolean hasHarvestParams() {
    return harvestFlags != 0;
  }
}
