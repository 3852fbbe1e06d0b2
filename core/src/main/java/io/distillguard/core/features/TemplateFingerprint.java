package io.distillguard.core.features;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.hashing.LongHashFunction;

/**
 * The <em>template</em> of a prompt: its instruction frame with the variable input masked out, so
 * that "Classify the sentiment of: &lt;doc&gt;" sent for ten thousand documents is one template while
 * self-instruct traffic (a different instruction every time) gives many.
 *
 * <p>How the frame is found. Two passes over normalised text, both linear and regex-free:
 *
 * <ol>
 *   <li>Token masks: fenced and inline code become {@code <code>}, URLs {@code <url>}, e-mail
 *       addresses {@code <email>}, digit runs (with their separators) {@code #}, and quoted spans
 *       (ASCII, typographic and CJK quotes; an apostrophe only opens a quote at a word start)
 *       {@code <q>}.
 *   <li>Span masks, which carry the idea "an instruction introduces its input": the rest of a line
 *       after a short "label:" or "instruction ...:" prefix ("Text:", "Review:", "Translate into
 *       French: ...") becomes {@code <x>}, continuing over the following lines of a content label;
 *       a line ending in a colon, or a paragraph that points at its input ("the following", "below",
 *       "this passage", ...), masks the paragraph(s) after it; and any line longer than
 *       {@value #LONG_LINE} characters keeps only its first sentence, because instructions are
 *       short and inputs are long. Labels that name the instruction itself ("Task:",
 *       "Instruction:", "Prompt:") are kept, so an attacker cannot hide a varying instruction behind
 *       a fixed label.
 * </ol>
 *
 * Adjacent placeholders collapse into one and the skeleton is capped at {@value #MAX_SKELETON}
 * characters. The hash is xxh3; the SimHash is over word bigrams of the skeleton (CJK characters
 * count as words), so near-identical frames ("Classify the sentiment" vs "Classify the sentiments")
 * land a few bits apart. Stateless and thread-safe.
 */
public final class TemplateFingerprint {

  /** Characters of raw text examined by {@link #skeleton(String)}. */
  public static final int MAX_INPUT = 4096;

  static final int MAX_SKELETON = 1024;
  static final int LONG_LINE = 240;
  private static final int MAX_SHINGLES = 96;
  private static final LongHashFunction XX3 = LongHashFunction.xx3();

  private static final String[] CONTENT_LABELS = {
    "text", "input", "document", "doc", "passage", "context", "article", "review", "sentence",
    "sentences", "paragraph", "tweet", "email", "comment", "message", "content", "data", "snippet",
    "code", "source", "abstract", "story", "essay", "transcript", "conversation", "dialogue",
    "dialog", "query", "question", "answer", "options", "choices", "option", "choice", "premise",
    "hypothesis", "title", "statement", "claim", "excerpt", "post", "headline", "product",
    "description", "customer", "ticket", "example", "summary", "response", "reference",
    "candidate", "translation", "word", "words", "name", "topic", "subject", "keywords", "label",
    "labels", "output", "user", "assistant", "problem", "list", "table", "json", "html", "url",
    "文本", "输入", "文章", "问题", "内容", "句子", "段落", "上下文", "texto", "entrada",
    "documento", "pregunta", "contexto", "texte", "entrée", "phrase", "eingabe", "frage",
    "kontext", "текст", "вопрос", "контекст", "テキスト", "質問", "질문", "텍스트", "نص"
  };
  private static final String[] INSTRUCTION_LABELS = {
    "task", "tasks", "instruction", "instructions", "prompt", "request", "command", "goal",
    "objective", "directive", "任务", "指令", "tarea", "instrucción", "tâche", "aufgabe",
    "задача", "инструкция"
  };
  private static final String[] CUES = {
    "following", "below", "given", "these ", "this text", "this passage", "this article",
    "this review", "this sentence", "this paragraph", "this document", "this email", "this code",
    "this story", "this conversation", "this data", "以下", "下面", "下列", "siguiente", "suivant",
    "ci-dessous", "folgende", "следующ", "次の", "다음"
  };

  private TemplateFingerprint() {}

  /**
   * The masked skeleton of {@code text} (its first {@value #MAX_INPUT} characters), as shown in
   * reports to illustrate a template. Never throws; {@code null} gives {@code ""}.
   */
  public static String skeleton(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return skeletonOfNormalized(TextNormalizer.normalize(text, 0, Math.min(text.length(), MAX_INPUT)));
  }

  /** Skeleton of text already normalised by {@link TextNormalizer}. */
  static String skeletonOfNormalized(String t) {
    if (t.isEmpty()) {
      return "";
    }
    return collapse(maskSpans(maskTokens(t)));
  }

  /**
   * A text's <em>frame</em>: normalised text with only the token masks applied (digits, quoted
   * spans, URLs, e-mail addresses, code). Unlike the skeleton it keeps long lines and the spans
   * after a label, so two different system prompts that open alike stay apart while one prompt
   * stamped with a date, counter or id per request stays one.
   *
   * @param hash the frame's hash, 0 for empty text
   * @param variants its near-duplicate keys ({@link #frame})
   */
  record Frame(long hash, FrameVariants variants) {
    static final Frame NONE = new Frame(0, FrameVariants.NONE);
  }

  /** The frame of normalised text and its variant keys, from one masking pass. */
  static Frame frame(String normalized) {
    if (normalized.isEmpty()) {
      return Frame.NONE;
    }
    String m = maskTokens(normalized);
    return new Frame(hash(m), variantsOfMasked(m));
  }

  /** A frame of more sentences has only its whole key in its variants. */
  static final int MAX_VARIANT_SENTENCES = 32;
  /** What is left of a frame when one sentence is left out must have at least this many chars. */
  static final int MIN_VARIANT_CHARS = 24;

  /**
   * Near-duplicate keys of a frame (masked text {@code m}): the hash of its sentence list (stamps
   * left out), then of that list with each sentence left out in turn, when what is left is
   * most of the text (more than half its characters, at least {@value #MIN_VARIANT_CHARS}). Two
   * frames share a key exactly when they are one sentence apart and the rest is most of both: the
   * same prompt with a sentence inserted, removed or replaced anywhere ("Your name is Maya, a
   * careful assistant." opening each worker's copy), but not two prompts that merely share a
   * sentence, however common. Empty for empty text.
   */
  private static FrameVariants variantsOfMasked(String m) {
    long[] sh = new long[8];
    int[] len = new int[8];
    int k = 0;
    int total = 0;
    int n = m.length();
    int from = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? m.charAt(i) : '\n';
      boolean end = c == '\n' || c == '。' || c == '！' || c == '？'
          || ((c == '.' || c == '!' || c == '?') && (i + 1 >= n || m.charAt(i + 1) == ' ' || m.charAt(i + 1) == '\n'));
      if (!end) {
        continue;
      }
      int s = from;
      int e = c == '\n' ? i : i + 1;
      from = i + 1;
      while (s < e && m.charAt(s) == ' ') {
        s++;
      }
      while (e > s && m.charAt(e - 1) == ' ') {
        e--;
      }
      if (s == e || stamp(m, s, e)) {
        continue;
      }
      if (k == sh.length) {
        sh = Arrays.copyOf(sh, k * 2);
        len = Arrays.copyOf(len, k * 2);
      }
      sh[k] = hashChars(m, s, e - s);
      len[k] = e - s;
      total += e - s;
      k++;
    }
    if (k == 0) {
      return FrameVariants.NONE;
    }
    boolean drops = k >= 2 && k <= MAX_VARIANT_SENTENCES;
    long[] out = new long[drops ? k + 1 : 1];
    out[0] = sentenceListKey(sh, k, -1);
    int o = 1;
    for (int i = 0; drops && i < k; i++) {
      int left = total - len[i];
      if (left * 2 > total && left >= MIN_VARIANT_CHARS) {
        out[o++] = sentenceListKey(sh, k, i);
      }
    }
    return FrameVariants.wrap(o == out.length ? out : Arrays.copyOf(out, o));
  }

  /** A sentence of at most this many words around a masked number is a stamp. */
  static final int STAMP_MAX_WORDS = 3;

  /**
   * Whether masked sentence {@code m[s, e)} is a stamp: a number with at most {@value
   * #STAMP_MAX_WORDS} words around it ("Session #.", "Current time: #-#-#t#z.", "Knowledge cutoff:
   * #-#."). A client that stamps its requests sends the prompt with these sentences, one without
   * sends it bare; they are one prompt, so stamps are left out of the sentence list. (The frame
   * itself keeps them: masked, they are the same on every request.)
   */
  private static boolean stamp(String m, int s, int e) {
    boolean number = false;
    int words = 0;
    int letters = 0;
    for (int i = s; i <= e; i++) {
      char c = i < e ? m.charAt(i) : ' ';
      if (c == '#') {
        number = true;
      }
      if (Character.isLetter(c)) {
        letters++;
      } else {
        if (letters >= 2 && ++words > STAMP_MAX_WORDS) {
          return false;
        }
        letters = 0;
      }
    }
    return number;
  }

  /** Order-sensitive hash of sentence hashes {@code sh[0, k)} without index {@code skip}; never 0. */
  private static long sentenceListKey(long[] sh, int k, int skip) {
    long h = 0x51ED270B27C2B1A3L;
    for (int j = 0; j < k; j++) {
      if (j != skip) {
        h = mix(h * 31 + sh[j]);
      }
    }
    return h == 0 ? 1 : h;
  }

  /** xxh3 of a string, never 0 unless the string is empty. */
  static long hash(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    // Latin-1 text is hashed as its bytes: a bulk copy plus xxh3 over a byte[] is several times
    // faster than the library's char view of a compact string. Other text is hashed as UTF-16.
    long h = isLatin1(s) ? XX3.hashBytes(s.getBytes(StandardCharsets.ISO_8859_1)) : XX3.hashChars(s);
    return h == 0 ? 1 : h;
  }

  private static boolean isLatin1(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /**
   * xxh3 of {@code s[off, off + len)} as UTF-16 chars: the same value as {@code
   * LongHashFunction.hashChars(String, ...)}, but read from a char[] copy, which is several times
   * faster than the library's char view of a compact (Latin-1) string.
   */
  static long hashChars(String s, int off, int len) {
    if (len > 4096) {
      return XX3.hashChars(s, off, len);
    }
    char[] buf = new char[len];
    s.getChars(off, off + len, buf, 0);
    return XX3.hashChars(buf);
  }

  // ---------------------------------------------------------------- token masks

  static String maskTokens(String text) {
    // Works on a char[] copy: array reads with indices are much cheaper than String.charAt here.
    final char[] t = text.toCharArray();
    final int n = t.length;
    // Output in a char[]: a placeholder is at most three times what it replaces ("``" -> "<code>").
    char[] out = new char[3 * n + 16];
    int o = 0;
    int outWordStart = 0;
    int i = 0;
    while (i < n) {
      char c = t[i];
      boolean wordStart = i == 0 || !isWordChar(t[i - 1]);
      if (wordStart) {
        outWordStart = o;
      }
      // Fast path: plain letters and spaces are most of any text.
      if ((c >= 'a' && c <= 'z' && (!wordStart || (c != 'h' && c != 'w' && c != 'f'))) || c == ' ') {
        out[o++] = c;
        i++;
        continue;
      }
      if (c == '`') {
        if (startsWith(t, i, "```")) {
          // An unclosed fence masks only itself, so it cannot swallow the rest of the frame.
          int j = text.indexOf("```", i + 3); // String.indexOf is vectorised
          o = put(out, o, "<code>");
          i = j < 0 ? i + 3 : j + 3;
          continue;
        }
        int j = findClose(t, i + 1, '`', 200, true);
        if (j > 0) {
          o = put(out, o, "<code>");
          i = j + 1;
          continue;
        }
      } else if (wordStart && (c == 'h' || c == 'w' || c == 'f')
          && (startsWith(t, i, "http://") || startsWith(t, i, "https://") || startsWith(t, i, "www.")
              || startsWith(t, i, "ftp://"))) {
        o = put(out, o, "<url>");
        i = tokenEnd(t, i);
        continue;
      } else if (c == '@' && !wordStart && o > outWordStart) {
        // An e-mail address: drop the local part already copied, mask up to the token end.
        int e = tokenEnd(t, i);
        int dot = lastIndexOf(t, '.', e - 2);
        if (dot > i + 1) {
          o = put(out, outWordStart, "<email>");
          i = e;
          continue;
        }
      }
      boolean signed = (c == '-' || c == '+') && wordStart && i + 1 < n
          && t[i + 1] >= '0' && t[i + 1] <= '9';
      if (signed || c >= '0' && c <= '9' || (c > 127 && Character.isDigit(c))) {
        int j = i + 1;
        while (j < n) {
          char d = t[j];
          if (d >= '0' && d <= '9' || (d > 127 && Character.isDigit(d))) {
            j++;
          } else if ((d == '.' || d == ',' || d == ':' || d == '/') && j + 1 < n
              && Character.isDigit(t[j + 1])) {
            j += 2;
          } else {
            break;
          }
        }
        out[o++] = '#';
        i = j;
        continue;
      }
      int close = -1;
      switch (c) {
        case '"':
          close = findClose(t, i + 1, '"', 2000, false);
          break;
        case '\'':
          if (wordStart) {
            int j = findClose(t, i + 1, '\'', 300, true);
            // The closing apostrophe must end a word: "'yes' or" but not "'tis the dog's".
            while (j > 0 && j + 1 < n && Character.isLetterOrDigit(t[j + 1])) {
              j = findClose(t, j + 1, '\'', 300 - (j - i), true);
            }
            close = j;
          }
          break;
        case '「':
          close = findClose(t, i + 1, '」', 2000, false);
          break;
        case '『':
          close = findClose(t, i + 1, '』', 2000, false);
          break;
        case '《':
          close = findClose(t, i + 1, '》', 300, true);
          break;
        default:
          break;
      }
      if (close > 0) {
        o = put(out, o, "<q>");
        i = close + 1;
        continue;
      }
      out[o++] = c;
      i++;
    }
    return new String(out, 0, o);
  }

  private static int put(char[] out, int o, String s) {
    s.getChars(0, s.length(), out, o);
    return o + s.length();
  }

  private static boolean startsWith(char[] t, int at, String s) {
    if (at < 0 || at + s.length() > t.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (t[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** As {@code String.lastIndexOf(c, from)}. */
  private static int lastIndexOf(char[] t, char c, int from) {
    for (int j = Math.min(from, t.length - 1); j >= 0; j--) {
      if (t[j] == c) {
        return j;
      }
    }
    return -1;
  }

  private static int findClose(char[] t, int from, char close, int maxLen, boolean singleLine) {
    int limit = Math.min(t.length, from + Math.max(0, maxLen));
    for (int j = from; j < limit; j++) {
      char d = t[j];
      if (d == close) {
        return j;
      }
      if (singleLine && d == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static int tokenEnd(char[] t, int i) {
    int limit = Math.min(t.length, i + 256);
    while (i < limit && !isSpace(t[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return c < 128
        ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
            || c == '+' || (c >= 'A' && c <= 'Z')
        : Character.isLetterOrDigit(c);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n';
  }

  // ---------------------------------------------------------------- span masks

  static String maskSpans(String u) {
    final int n = u.length();
    StringBuilder sb = new StringBuilder(Math.min(n, MAX_SKELETON * 2) + 16);
    boolean maskParagraphs = false; // set by a cue: mask the input paragraphs that follow
    int masked = 0;
    int paraStart = 0;
    while (paraStart < n && sb.length() < MAX_SKELETON * 2) {
      int paraEnd = u.indexOf("\n\n", paraStart);
      if (paraEnd < 0) {
        paraEnd = n;
      }
      boolean last = paraEnd >= n;
      if (paraStart > 0) {
        sb.append("\n\n");
      }
      // After a cue the paragraphs are input, except a short closing one once some input has been
      // masked: "Classify the review below.\n\n<review>\n\nAnswer with one word."
      if (maskParagraphs && !(last && masked > 0 && paraEnd - paraStart <= 160
          && !looksLikeLabel(u, paraStart, paraEnd))) {
        sb.append("<x>");
        masked++;
      } else {
        int outStart = sb.length();
        boolean endsWithColonIntro = maskLines(u, paraStart, paraEnd, sb);
        // Cues count only in what stayed visible: "given" inside a masked document is input.
        if (endsWithColonIntro || (!last && hasCue(sb, outStart, sb.length()))) {
          maskParagraphs = true;
        }
      }
      paraStart = paraEnd + 2;
    }
    return sb.toString();
  }

  /** Masks the lines of one paragraph; true when its last line introduces an input ("...:"). */
  private static boolean maskLines(String u, int from, int to, StringBuilder sb) {
    boolean labelBlock = false;
    boolean maskRest = false;
    boolean introAtEnd = false;
    int ls = from;
    while (ls < to) {
      int le = u.indexOf('\n', ls);
      if (le < 0 || le > to) {
        le = to;
      }
      if (ls > from) {
        sb.append('\n');
      }
      introAtEnd = false;
      if (maskRest) {
        sb.append("<x>");
      } else {
        int colon = findColon(u, ls, le);
        if (colon >= 0) {
          int restStart = colon + 1;
          while (restStart < le && u.charAt(restStart) == ' ') {
            restStart++;
          }
          int prefixWords = words(u, sentenceStart(u, ls, colon), colon);
          int labelWords = words(u, ls, colon);
          if (labelWords <= 3 && lastWordIn(u, ls, colon, INSTRUCTION_LABELS)) {
            appendLine(u, ls, le, sb);
            labelBlock = false;
          } else if (prefixWords <= 16) {
            sb.append(u, ls, colon + 1);
            if (restStart < le) {
              sb.append(" <x>");
              labelBlock = labelWords <= 4 && anyWordIn(u, ls, colon, CONTENT_LABELS);
            } else {
              // "...the following review:" then the input on the next lines.
              maskRest = true;
              introAtEnd = true;
            }
          } else {
            appendLine(u, ls, le, sb);
          }
        } else if (labelBlock) {
          sb.append("<x>");
        } else {
          appendLine(u, ls, le, sb);
        }
      }
      ls = le + 1;
    }
    return introAtEnd || maskRest;
  }

  private static void appendLine(String u, int ls, int le, StringBuilder sb) {
    if (le - ls <= LONG_LINE) {
      sb.append(u, ls, le);
      return;
    }
    // Long run: keep the first sentence as the frame, mask the rest.
    int cut = -1;
    int wordsSeen = 0;
    int limit = Math.min(le, ls + 300);
    for (int i = ls; i < limit; i++) {
      char c = u.charAt(i);
      if (c == ' ') {
        if (++wordsSeen >= 40) {
          cut = i;
          break;
        }
      }
      if ((c == '.' || c == '?' || c == '!' || c == ';') && i + 1 < le && u.charAt(i + 1) == ' ') {
        cut = i + 1;
        break;
      }
      if (c == '。' || c == '？' || c == '！' || c == '；') {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      cut = limit;
    }
    sb.append(u, ls, cut).append(" <x>");
  }

  /** Position of the first ':' (or full-width '：') followed by a space or the line end. */
  private static int findColon(String u, int ls, int le) {
    int limit = Math.min(le, ls + 200);
    for (int i = ls; i < limit; i++) {
      char c = u.charAt(i);
      if (c == '：') {
        return i;
      }
      if (c == ':' && (i + 1 == le || u.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static int sentenceStart(String u, int ls, int pos) {
    for (int i = pos - 1; i > ls; i--) {
      char c = u.charAt(i);
      if ((c == '.' || c == '?' || c == '!') && u.charAt(i + 1) == ' ' || c == '。' || c == '？') {
        return i + 1;
      }
    }
    return ls;
  }

  private static int words(String u, int from, int to) {
    int w = 0;
    boolean in = false;
    for (int i = from; i < to; i++) {
      char c = u.charAt(i);
      if (c == ' ') {
        in = false;
      } else if (!in) {
        in = true;
        w++;
      }
      if (c > 0x2E80) {
        // CJK has no spaces: count roughly two characters per word.
        w += (i & 1);
      }
    }
    return w;
  }

  private static boolean lastWordIn(String u, int from, int to, String[] set) {
    int s = to;
    while (s > from && u.charAt(s - 1) != ' ') {
      s--;
    }
    for (String w : set) {
      if (w.length() == to - s && u.regionMatches(s, w, 0, w.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyWordIn(String u, int from, int to, String[] set) {
    if (to - from == 1 || (to - from <= 2 && u.charAt(from) == '#')) {
      return true; // "a:", "#:" option and numbered-item labels
    }
    int s = from;
    while (s < to) {
      int e = s;
      while (e < to && u.charAt(e) != ' ') {
        e++;
      }
      for (String w : set) {
        if (w.length() == e - s && u.regionMatches(s, w, 0, w.length())) {
          return true;
        }
        if (w.charAt(0) > 0x2E80 && e - s >= w.length() && u.startsWith(w, e - w.length())) {
          return true; // CJK label as the tail of a run: "原文本："
        }
      }
      s = e + 1;
    }
    return false;
  }

  private static boolean looksLikeLabel(String u, int from, int to) {
    return findColon(u, from, to) >= 0;
  }

  /** Whether the paragraph's first 600 characters point at an input ("the following", ...). */
  private static boolean hasCue(CharSequence u, int from, int to) {
    int limit = Math.min(to, from + 600);
    for (int k = from; k < limit; k++) {
      char c = u.charAt(k);
      // Cheap first-character filter before comparing whole cues.
      if (c != 'f' && c != 'b' && c != 'g' && c != 't' && c != 's' && c != 'c' && c < 0x0400) {
        continue;
      }
      for (String cue : CUES) {
        if (cue.charAt(0) == c && k + cue.length() <= limit && regionEquals(u, k, cue)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean regionEquals(CharSequence u, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (u.charAt(at + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Merges placeholder runs ("<x>\n<x>", "<x> <x>") into one and caps the length. */
  static String collapse(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SKELETON));
    int n = s.length();
    int i = 0;
    while (i < n && sb.length() < MAX_SKELETON) {
      if (s.startsWith("<x>", i)) {
        int j = i + 3;
        while (true) {
          int k = j;
          while (k < n && isSpace(s.charAt(k))) {
            k++;
          }
          if (s.startsWith("<x>", k)) {
            j = k + 3;
          } else {
            break;
          }
        }
        sb.append("<x>");
        i = j;
      } else {
        sb.append(s.charAt(i++));
      }
    }
    int len = Math.min(sb.length(), MAX_SKELETON);
    while (len > 0 && isSpace(sb.charAt(len - 1))) {
      len--;
    }
    return sb.substring(0, len);
  }

  // ---------------------------------------------------------------- simhash

  /**
   * 64-bit SimHash over token bigrams of a skeleton (a single token counts alone); 0 for empty
   * text. At most {@value #MAX_SHINGLES} shingles are read.
   */
  static long simhash(String s) {
    final int n = s.length();
    // Bit-sliced counters: lane k of packed[j] counts the ones of bit 8k + j. Eight byte-wide lanes
    // per long, so at most 255 shingles (MAX_SHINGLES is below that).
    long[] packed = new long[8];
    long prev = 0;
    int tokens = 0;
    int shingles = 0;
    int i = 0;
    while (i < n && shingles < MAX_SHINGLES) {
      char c = s.charAt(i);
      if (!isTokenChar(c)) {
        i++;
        continue;
      }
      // Token hash: a multiplicative hash over the chars, finished by fmix64 below; the SimHash
      // only needs well-spread bits, not xxh3's quality, and this avoids a call per token.
      long h = 0x9E3779B97F4A7C15L ^ c;
      int j = i + 1;
      if (!isCjk(c)) {
        char d;
        while (j < n && isTokenChar(d = s.charAt(j)) && !isCjk(d)) {
          h = (h + d) * 0xC2B2AE3D27D4EB4FL;
          j++;
        }
      }
      h = mix(h);
      if (tokens > 0) {
        count(packed, mix(prev * 0x9E3779B97F4A7C15L + h));
        shingles++;
      }
      prev = h;
      tokens++;
      i = j;
    }
    if (tokens == 0) {
      return 0;
    }
    if (tokens == 1) {
      count(packed, mix(prev));
      shingles = 1;
    }
    long out = 0;
    for (int b = 0; b < 64; b++) {
      int ones = (int) ((packed[b & 7] >>> ((b >>> 3) << 3)) & 0xFF);
      if (2 * ones > shingles) {
        out |= 1L << b;
      }
    }
    return out == 0 ? 1 : out;
  }

  private static void count(long[] packed, long h) {
    // Bit j of every byte of h goes to lane (byte index) of packed[j].
    for (int j = 0; j < 8; j++) {
      packed[j] += (h >>> j) & 0x0101010101010101L;
    }
  }

  private static boolean isTokenChar(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '<' || c == '>' || c == '#'
          || c == '_' || (c >= 'A' && c <= 'Z');
    }
    return Character.isLetterOrDigit(c);
  }

  /** CJK ideographs and kana (U+2E80..U+9FFF, U+F900..U+FAFF): each is a word of its own. */
  private static boolean isCjk(char c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
  }

  /** Murmur3 fmix64: spreads combined shingle hashes. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
