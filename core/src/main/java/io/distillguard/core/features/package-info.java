/**
 * Features: what a single exchange says about its sender, computed once per exchange by {@link
 * io.distillguard.core.features.FeatureExtractor} into the primitive-only {@link
 * io.distillguard.core.features.ExchangeFeatures}. Text is first normalised (NFKC, lower case,
 * format characters stripped, whitespace collapsed) over bounded slices, so cost does not grow with
 * prompt size. {@link io.distillguard.core.features.TemplateFingerprint} masks the variable input
 * (numbers, quotes, code, URLs, labelled or introduced documents, long runs) to find the
 * instruction frame; its xxh3 hash is the template identity and a SimHash over word bigrams finds
 * near-duplicate frames. One Aho–Corasick pass over a multilingual lexicon (English, Chinese,
 * Spanish, French, German, Russian, Japanese, Korean, Portuguese, Arabic) yields chain-of-thought
 * cues, the parts from which meta-reasoning requests ("repeat your hidden reasoning verbatim") are
 * recognised by proximity rather than by listed sentences, grader and task-generation cues and a
 * coarse topic bucket. Request parameters give the harvest flags (logprobs, n &gt; 1, max_tokens
 * near the model's limit via {@link io.distillguard.core.features.ModelLimits}, high reasoning
 * effort). The extractor is thread-safe and, to its callers, stateless: the only state is a small
 * per-thread memo of pure per-text results ({@code TextMemo}, equality-checked), because templated
 * traffic repeats its system prompts and often whole turns. Nothing here does I/O or reads a clock.
 */
package io.distillguard.core.features;
