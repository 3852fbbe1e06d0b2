package io.distillguard.core.features;

import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.Request;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Computes {@link ExchangeFeatures} for one exchange: template identity, reasoning-elicitation
 * scores, grader/task-generation flags, harvest parameters and shape counters.
 *
 * <p>Bounded work: only the first {@value #HEAD} characters of the system prompt and of the last
 * user turn, the last {@value #TAIL} characters of that turn (where "answer step by step" tends to
 * follow a long document), and the first {@value #EARLIER} characters of up to {@value
 * #EARLIER_TURNS} earlier user turns are normalised and scanned, so a 10 MB prompt costs what a
 * 5 KB one does. Everything else is arithmetic on the parsed request.
 *
 * <p>Pure per-text work (normalising, skeleton, lexicon scan) is memoised per thread in a small
 * {@link TextMemo}: templated traffic repeats system prompts and often whole user turns.
 *
 * <p>Thread-safe, and stateless as far as callers can tell: one instance can serve every thread.
 */
public final class FeatureExtractor {

  static final int HEAD = 4096;
  static final int TAIL = 1024;
  static final int EARLIER = 512;
  static final int EARLIER_TURNS = 3;
  static final int HISTORY_HASHED = 16;
  /** Chars of a turn hashed for its identity across requests. */
  static final int HISTORY_HEAD = 1024;
  static final int HIGH_THINKING_BUDGET = 16_000;
  static final int RESULT_HASHED = 256;
  /** Shortest opening paragraph that counts as a user turn's fixed instructions ("lead"). */
  static final int MIN_LEAD_CHARS = 24;
  /** Feature strength from which an exchange counts as eliciting CoT (as in the account profile). */
  public static final float STRONG = 0.5f;

  private static final int TAG_SEGMENT = 1;
  private static final int TAG_SCAN = 2;
  /** Per-thread memo: the extractor stays stateless and thread-safe to its callers. */
  private static final ThreadLocal<TextMemo> MEMO = ThreadLocal.withInitial(TextMemo::new);

  private final String[] limitPrefixes;
  private final int[] limitValues;
  private final int defaultLimit;
  private final double nearFraction;

  /** Extractor with {@link ModelLimits#defaults()}. */
  public FeatureExtractor() {
    this(ModelLimits.defaults());
  }

  /** Extractor judging "max_tokens near the model limit" against {@code limits}. */
  public FeatureExtractor(ModelLimits limits) {
    Objects.requireNonNull(limits, "limits");
    // Longest prefix first, so the first match is the best one; arrays avoid iterator garbage.
    List<Map.Entry<String, Integer>> es = new java.util.ArrayList<>(limits.maxOutputByPrefix().entrySet());
    es.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
    limitPrefixes = new String[es.size()];
    limitValues = new int[es.size()];
    for (int i = 0; i < es.size(); i++) {
      limitPrefixes[i] = es.get(i).getKey();
      limitValues[i] = es.get(i).getValue();
    }
    defaultLimit = limits.defaultMaxOutput();
    nearFraction = limits.nearLimitFraction();
  }

  /** Features of {@code e}; never throws on any text content. */
  public ExchangeFeatures extract(Exchange e) {
    Request r = e.request();
    String system = r.system();
    List<Request.Message> msgs = r.messages();
    int lastUser = -1;
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).role() == Request.Role.USER) {
        lastUser = i;
        break;
      }
    }
    String user = lastUser >= 0 ? msgs.get(lastUser).text() : "";
    if (lastUser < 0 && !msgs.isEmpty()) {
      // No user turn (e.g. a completions prompt mapped to another role): use the last turn.
      user = msgs.get(msgs.size() - 1).text();
    }

    TextMemo memo = MEMO.get();
    Segment sysSeg = segment(system, memo);
    Segment userSeg = user.length() <= HEAD ? segment(user, memo) : null;
    String sysNorm = sysSeg != null ? sysSeg.norm
        : TextNormalizer.normalize(system, 0, Math.min(system.length(), HEAD));
    String userHead = userSeg != null ? userSeg.norm
        : TextNormalizer.normalize(user, 0, Math.min(user.length(), HEAD));
    String userTail = "";
    if (user.length() > HEAD) {
      userTail = TextNormalizer.normalize(user, Math.max(HEAD, user.length() - TAIL), user.length());
    }
    // An answer schema's descriptions are instructions too ("explain each step"); scanned with the
    // system prompt. The parser already bounds them.
    String notes = r.answerNotes();
    String notesNorm = notes.isEmpty() ? "" : TextNormalizer.normalize(notes, 0, notes.length());

    // One scan text: system, sampled earlier user turns, last user turn (head, tail). Segments are
    // separated by blank lines, which also end sentences, so no window spans two segments.
    String scanText;
    int userFrom;
    int userTo;
    boolean hasEarlier = false;
    for (int i = (lastUser >= 0 ? lastUser : msgs.size()) - 1; i >= 0 && !hasEarlier; i--) {
      hasEarlier = msgs.get(i).role() == Request.Role.USER;
    }
    if (sysNorm.isEmpty() && notesNorm.isEmpty() && !hasEarlier && userTail.isEmpty()) {
      scanText = userHead; // the common single-turn case: no copy
      userFrom = 0;
      userTo = userHead.length();
    } else {
      StringBuilder scan = new StringBuilder(
          sysNorm.length() + notesNorm.length() + userHead.length() + userTail.length() + 64);
      if (!sysNorm.isEmpty()) {
        scan.append(sysNorm).append("\n\n");
      }
      if (!notesNorm.isEmpty()) {
        scan.append(notesNorm).append("\n\n");
      }
      int sampled = 0;
      for (int i = (lastUser >= 0 ? lastUser : msgs.size()) - 1;
          i >= 0 && sampled < EARLIER_TURNS; i--) {
        Request.Message m = msgs.get(i);
        if (m.role() == Request.Role.USER) {
          String t = m.text();
          scan.append(TextNormalizer.normalize(t, 0, Math.min(t.length(), EARLIER))).append("\n\n");
          sampled++;
        }
      }
      userFrom = scan.length();
      scan.append(userHead);
      userTo = scan.length();
      if (!userTail.isEmpty()) {
        scan.append("\n\n").append(userTail);
      }
      scanText = scan.toString();
    }
    int topicFrom = userFrom;
    int topicTo = userTo;
    if (userHead.isEmpty()) {
      topicFrom = 0;
      topicTo = sysNorm.length();
    }
    SignalScanner sig = scan(memo, scanText, topicFrom, topicTo);
    // A schema whose fields are the working ("reasoning", steps with explanations) asks for it as
    // the sentence does.
    float schemaCot = AnswerSchema.cot(r.answerFields());
    float cot = Math.max(sig.cot, schemaCot);
    // Where the step-by-step cue comes from: a fixed instruction (system prompt, answer schema) is
    // one product decision, not a per-request ask. Only requests that have both pay for the second
    // (user-only) scan.
    boolean cotFromSystem = false;
    if (cot >= STRONG) {
      if (sig.cot < STRONG) {
        cotFromSystem = true; // the schema's fields alone: the user turns were scanned and had none
      } else if (!sysNorm.isEmpty() || !notesNorm.isEmpty()) {
        String own = userTail.isEmpty() ? userHead : userHead + "\n\n" + userTail;
        cotFromSystem = scan(memo, own, 0, Math.min(own.length(), userHead.length())).cot < STRONG;
      }
    }

    // Template: skeleton of the system prompt and of the last user turn together.
    String sysSkel = sysSeg != null ? sysSeg.skel : TemplateFingerprint.skeletonOfNormalized(sysNorm);
    String userSkel = userSeg != null ? userSeg.skel : TemplateFingerprint.skeletonOfNormalized(userHead);
    if (!userTail.isEmpty()) {
      int para = userTail.indexOf("\n\n");
      String rest = para < 0 ? "" : TemplateFingerprint.skeletonOfNormalized(userTail.substring(para + 2));
      userSkel = TemplateFingerprint.collapse(userSkel + "\n\n<x>" + (rest.isEmpty() ? "" : "\n\n" + rest));
    }
    long sysSkelHash = sysSeg != null ? sysSeg.skelHash : TemplateFingerprint.hash(sysSkel);
    // A long user turn's skeleton also covers its tail, so it is never the memoised one.
    boolean userSkelMemo = userSeg != null && userTail.isEmpty();
    long userSkelHash = userSkelMemo ? userSeg.skelHash : TemplateFingerprint.hash(userSkel);
    long templateHash = 0;
    long templateSimhash = 0;
    if (sysSkelHash != 0 || userSkelHash != 0) {
      templateHash = nonZero(TemplateFingerprint.mix(sysSkelHash * 0x9E3779B97F4A7C15L + userSkelHash));
      long us = userSkelMemo ? userSeg.simhash() : TemplateFingerprint.simhash(userSkel);
      templateSimhash = us != 0 ? us : sysSeg != null ? sysSeg.simhash() : TemplateFingerprint.simhash(sysSkel);
    }

    // The system prompt's identity is its frame (numbers, quotes, URLs, e-mails, code masked): a
    // campaign that stamps each request's system prompt with a date, counter or session id is still
    // one prompt to the linker. Exact repeats (promptHash) keep the exact text.
    TemplateFingerprint.Frame sysFrame = sysSeg != null ? sysSeg.frame() : TemplateFingerprint.frame(sysNorm);
    long systemHash = sysFrame.hash();
    long systemExact = sysSeg != null ? sysSeg.normHash : TemplateFingerprint.hash(sysNorm);
    long userHash = userSeg != null ? userSeg.normHash : TemplateFingerprint.hash(userHead);
    // Without a system prompt a client's fixed instructions open the user turn as a paragraph of
    // their own ("You are ...\n\n<question>"); its frame stands in for the system prompt's.
    TemplateFingerprint.Frame lead = systemHash != 0 ? TemplateFingerprint.Frame.NONE
        : userSeg != null ? userSeg.lead() : lead(userHead);
    long leadHash = lead.hash();
    FrameVariants frameVariants = systemHash != 0 ? sysFrame.variants() : lead.variants();
    long promptHash = 0;
    if (systemExact != 0 || userHash != 0 || msgs.size() > 1) {
      long h = TemplateFingerprint.mix(systemExact * 0x9E3779B97F4A7C15L + userHash);
      // Earlier turns enter by a cheap raw hash of their heads: exact repeats of a whole
      // conversation collide, any edit does not.
      int hashed = 0;
      for (int i = msgs.size() - 1; i >= 0 && hashed < HISTORY_HASHED; i--) {
        if (i == lastUser) {
          continue;
        }
        String t = msgs.get(i).text();
        h = TemplateFingerprint.mix(h * 31 + TemplateFingerprint.hashChars(t, 0, Math.min(t.length(), HISTORY_HEAD))
            + msgs.get(i).role().ordinal());
        hashed++;
      }
      promptHash = nonZero(h);
    }

    long chars = system.length();
    int assistantTurns = 0;
    boolean toolUse = !r.toolNames().isEmpty();
    boolean sawToolCall = false;
    boolean orphan = false;
    int toolResults = 0;
    String lastResult = null;
    String task = null;
    for (Request.Message m : msgs) {
      chars += m.text().length();
      if (m.role() == Request.Role.ASSISTANT) {
        assistantTurns++;
        sawToolCall |= m.toolCall();
      }
      if (m.role() == Request.Role.TOOL || m.toolCall()) {
        toolUse = true;
      }
      // OpenAI/Responses tool outputs are TOOL turns; Anthropic tool_result blocks ride in user turns.
      boolean result = m.role() == Request.Role.TOOL || (m.role() == Request.Role.USER && m.toolCall());
      if (result) {
        toolResults++;
        orphan |= !sawToolCall;
        lastResult = m.text();
      } else if (task == null && m.role() == Request.Role.USER) {
        task = m.text();
      }
    }
    // A follow-up in a real chat repeats, as the turn its last assistant turn answered, the last
    // user turn of the account's own earlier request; the account decides that (AccountProfile).
    long turnHash = 0;
    long repliesTo = 0;
    if (lastUser >= 0) {
      turnHash = headHash(user);
      boolean answered = false;
      for (int i = lastUser - 1; i >= 0; i--) {
        Request.Message m = msgs.get(i);
        if (m.role() == Request.Role.ASSISTANT) {
          answered = true;
        } else if (m.role() == Request.Role.USER) {
          repliesTo = answered ? headHash(m.text()) : 0;
          break;
        }
      }
    }
    long toolResultHash = 0;
    long taskHash = 0;
    if (toolResults > 0) {
      toolResultHash = nonZero(TemplateFingerprint.hashChars(lastResult, 0, Math.min(lastResult.length(), RESULT_HASHED)));
      if (task != null) {
        taskHash = nonZero(TemplateFingerprint.hashChars(task, 0, Math.min(task.length(), RESULT_HASHED)));
      }
    }

    Exchange.ResponseInfo resp = e.response();
    float completionRatio = -1f;
    if (resp.promptTokens() > 0 && resp.completionTokens() >= 0) {
      completionRatio = (float) resp.completionTokens() / resp.promptTokens();
    }

    return new ExchangeFeatures(
        templateHash,
        templateSimhash,
        systemHash,
        promptHash,
        (int) Math.min(Integer.MAX_VALUE, chars),
        sig.topic & 63,
        cot,
        sig.meta,
        sig.grader,
        sig.taskGeneration,
        harvestFlags(e.model(), r),
        assistantTurns,
        toolUse,
        completionRatio,
        cotFromSystem,
        toolResults,
        orphan,
        toolResultHash,
        taskHash,
        leadHash,
        frameVariants,
        turnHash,
        repliesTo);
  }

  /** A turn's identity across requests: a hash of its raw head, as the client resends it. */
  private static long headHash(String t) {
    return nonZero(TemplateFingerprint.hashChars(t, 0, Math.min(t.length(), HISTORY_HEAD)));
  }

  /** Normalised text, skeleton and their hashes of a whole text of at most {@value #HEAD} chars, memoised. */
  private static Segment segment(String raw, TextMemo memo) {
    if (raw.length() > HEAD || !TextMemo.cacheable(raw)) {
      return null;
    }
    Object v = memo.get(raw, TAG_SEGMENT);
    if (v != null) {
      return (Segment) v;
    }
    String norm = TextNormalizer.normalize(raw, 0, raw.length());
    String skel = TemplateFingerprint.skeletonOfNormalized(norm);
    Segment seg = new Segment(norm, skel, TemplateFingerprint.hash(skel), TemplateFingerprint.hash(norm));
    memo.put(raw, TAG_SEGMENT, seg);
    return seg;
  }

  /** {@link SignalScanner#scan}, memoised on the exact text and topic range. */
  private static SignalScanner scan(TextMemo memo, String text, int topicFrom, int topicTo) {
    if (!TextMemo.cacheable(text)) {
      return SignalScanner.scan(text, topicFrom, topicTo);
    }
    int tag = TAG_SCAN + 31 * (topicFrom * 31 + topicTo);
    Object v = memo.get(text, tag);
    if (v instanceof ScanResult r && r.from == topicFrom && r.to == topicTo) {
      return r.sig;
    }
    SignalScanner sig = SignalScanner.scan(text, topicFrom, topicTo);
    memo.put(text, tag, new ScanResult(topicFrom, topicTo, sig));
    return sig;
  }

  /** Frame of a normalised user turn's opening paragraph, if it is a lead; else none. */
  private static TemplateFingerprint.Frame lead(String norm) {
    int para = norm.indexOf("\n\n");
    return para >= MIN_LEAD_CHARS
        ? TemplateFingerprint.frame(norm.substring(0, para))
        : TemplateFingerprint.Frame.NONE;
  }

  /**
   * A memoised text's derived values; the SimHash, frame and lead are computed on first use
   * (thread-confined).
   */
  private static final class Segment {
    final String norm;
    final String skel;
    final long skelHash;
    final long normHash;
    private long simhash;
    private boolean simhashDone;
    private TemplateFingerprint.Frame frame;
    private TemplateFingerprint.Frame lead;

    Segment(String norm, String skel, long skelHash, long normHash) {
      this.norm = norm;
      this.skel = skel;
      this.skelHash = skelHash;
      this.normHash = normHash;
    }

    long simhash() {
      if (!simhashDone) {
        simhash = TemplateFingerprint.simhash(skel);
        simhashDone = true;
      }
      return simhash;
    }

    TemplateFingerprint.Frame frame() {
      if (frame == null) {
        frame = TemplateFingerprint.frame(norm);
      }
      return frame;
    }

    TemplateFingerprint.Frame lead() {
      if (lead == null) {
        lead = FeatureExtractor.lead(norm);
      }
      return lead;
    }
  }

  private record ScanResult(int from, int to, SignalScanner sig) {}

  int harvestFlags(String model, Request r) {
    int f = 0;
    if (r.logprobs() || r.topLogprobs() > 0) {
      f |= ExchangeFeatures.HARVEST_LOGPROBS;
    }
    if (r.n() > 1) {
      f |= ExchangeFeatures.HARVEST_MULTI_N;
    }
    if (r.maxTokens() > 0 && r.maxTokens() >= nearFraction * maxOutputTokens(model)) {
      f |= ExchangeFeatures.HARVEST_MAX_TOKENS;
    }
    String effort = r.reasoningEffort();
    if (r.thinkingBudget() >= HIGH_THINKING_BUDGET
        || (effort != null && (effort.equalsIgnoreCase("high") || effort.equalsIgnoreCase("xhigh")
            || effort.equalsIgnoreCase("max") || effort.equalsIgnoreCase("maximum")))) {
      f |= ExchangeFeatures.HARVEST_HIGH_REASONING;
    }
    return f;
  }

  int maxOutputTokens(String model) {
    if (model != null) {
      for (int i = 0; i < limitPrefixes.length; i++) {
        String p = limitPrefixes[i];
        if (model.regionMatches(true, 0, p, 0, p.length())) {
          return limitValues[i];
        }
      }
    }
    return defaultLimit;
  }

  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FeatureExtractor[models=%d, default=%d]", limitPrefixes.length, defaultLimit);
  }
}
