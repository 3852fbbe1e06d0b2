package io.distillguard.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How strongly an answer schema's property names ask for the model's reasoning. A schema field is
 * the structured-output way to say "think step by step": {@code {"steps": [{"explanation",
 * "output"}], "final_answer"}} draws out the same working as the sentence, without any of its words
 * in the prompt.
 *
 * <p>A field named for the working itself ({@code reasoning}, {@code chain_of_thought},
 * {@code rationale}, {@code scratchpad}) asks for it alone. Words that products also use for other
 * things ({@code explanation}, {@code steps}, {@code reason}) ask for it only together: a
 * classifier's {@code {label, explanation}} or a recipe's {@code {ingredients, steps}} is not an
 * elicitation, a list of steps each with its explanation is. Names are split on case and
 * punctuation ({@code reasoningSteps}, {@code step-by-step}); a few renderings in other languages
 * are listed, and CJK names are matched by containment since they carry no separators.
 */
final class AnswerSchema {

  /**
   * A field naming the working: as strong as the sentences that ask for it ("show your reasoning"
   * scores 0.98 in the lexicon).
   */
  static final float NAMED = 0.95f;
  /** Two different softer words, a list of steps with explanations: "explain each step". */
  static final float PAIRED = 0.9f;
  /** One softer word: under {@link FeatureExtractor#STRONG}, so it never counts alone. */
  static final float SINGLE = 0.4f;

  private static final Set<String> WORKING = Set.of(
      "reasoning", "rationale", "rationales", "thought", "thoughts", "thinking", "scratchpad",
      "scratch", "cot", "derivation", "workings",
      "razonamiento", "raciocinio", "raisonnement", "ragionamento", "denkprozess", "überlegung",
      "рассуждение", "рассуждения");
  private static final Set<String> SOFT = Set.of(
      "explanation", "explanations", "explain", "justification", "justifications", "justify",
      "reason", "reasons", "steps", "step", "working", "logic", "why",
      "explicación", "explicacion", "pasos", "explication", "étapes", "etapes", "erklärung",
      "begründung", "schritte", "passos", "passaggi", "объяснение", "шаги");
  private static final String[] CJK_WORKING = {"推理", "思考", "思路", "思维链", "推論", "理由付け"};
  private static final String[] CJK_SOFT = {"步骤", "解释", "理由", "手順", "説明", "단계", "설명"};

  private AnswerSchema() {}

  /** Elicitation strength in [0, 1] of an answer schema with these property names. */
  static float cot(List<String> fields) {
    // distinct softer words: a schema repeating {label, explanation} per aspect is still one
    String first = null;
    for (String f : fields) {
      List<String> words = words(f);
      if (namesWorking(f, words)) {
        return NAMED;
      }
      String w = softWord(f, words);
      if (w != null) {
        if (first == null) {
          first = w;
        } else if (!first.equals(w)) {
          return PAIRED;
        }
      }
    }
    return first != null ? SINGLE : 0f;
  }

  private static boolean namesWorking(String field, List<String> words) {
    if (match(field, words, CJK_WORKING, WORKING) != null) {
      return true;
    }
    String joined = String.join("", words);
    return joined.contains("chainofthought") || joined.contains("stepbystep") || joined.contains("thoughtprocess");
  }

  /** The first softer word the name holds, or null. */
  private static String softWord(String field, List<String> words) {
    return match(field, words, CJK_SOFT, SOFT);
  }

  /** The first of {@code cjk} the name contains, else the first of its words in {@code set}, or null. */
  private static String match(String field, List<String> words, String[] cjk, Set<String> set) {
    for (String c : cjk) {
      if (field.contains(c)) {
        return c;
      }
    }
    for (String w : words) {
      if (set.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /** A name split on punctuation and lower-to-upper case changes, lower-cased. */
  static List<String> words(String field) {
    List<String> out = new ArrayList<>(4);
    StringBuilder word = new StringBuilder(16);
    int n = field.length();
    for (int i = 0; i <= n; i++) {
      char ch = i < n ? field.charAt(i) : ' ';
      boolean letter = Character.isLetterOrDigit(ch);
      boolean boundary = !letter
          || (Character.isUpperCase(ch) && word.length() > 0
              && Character.isLowerCase(word.charAt(word.length() - 1)));
      if (boundary && word.length() > 0) {
        out.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (letter) {
        word.append(ch);
      }
    }
    return out;
  }
}
