package io.distillguard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The real prompt text the simulator draws from: the corpora of {@code shared/data} (see its
 * README), one pool per file, plus the real token-count distributions of the Azure LLM traces.
 *
 * <p>Where a pool is missing (the bundled sample leaves out everything not permissively licensed)
 * {@link #pool} falls back to the nearest permissive pool, so every persona still runs. Immutable
 * and thread-safe once loaded.
 */
public final class Corpus {

  /** One corpus file. The order of its lines is kept, so a seed gives the same picks. */
  public enum Pool {
    ARENA_HARD("benign/arena_hard_v0.1.jsonl", null),
    SHAREGPT("benign/sharegpt_first_turns.jsonl", "OASST"),
    NATURAL_QUESTIONS("benign/natural_questions_open.jsonl", null),
    HH_RLHF("benign/hh_rlhf_harmless_test.jsonl", null),
    OASST("benign/oasst_prompts.jsonl", null),
    MT_BENCH("benign/mt_bench.jsonl", null),
    AWESOME_PROMPTS("benign/awesome_chatgpt_prompts.jsonl", null),
    ALPACA("distill/alpaca_5000.jsonl", "SELF_INSTRUCT"),
    CODE_ALPACA("distill/code_alpaca_2k.jsonl", "GPTEACHER_CODEGEN"),
    GPTEACHER_CODEGEN("distill/gpteacher_codegen.jsonl", null),
    OPENORCA("distill/openorca_dpo_sample.jsonl", null),
    ORCA_SYSTEM("distill/orca_system_messages.jsonl", "OPENORCA"),
    SELF_INSTRUCT("distill/self_instruct_seed_tasks.jsonl", null),
    META_PROMPTS("distill/meta_prompts.jsonl", null);

    final String file;
    final String fallback;

    Pool(String file, String fallback) {
      this.file = file;
      this.fallback = fallback;
    }

    /** The file's path relative to the corpus directory. */
    public String file() {
      return file;
    }
  }

  /**
   * One corpus line.
   *
   * @param prompt the user message
   * @param turns every user turn (at least the prompt)
   * @param system the system prompt it came with, or null
   * @param category the corpus's category, or an empty string
   */
  public record Entry(String prompt, List<String> turns, String system, String category) {
    public Entry {
      if (prompt == null || prompt.isEmpty()) {
        throw new IllegalArgumentException("empty prompt");
      }
      turns = turns == null || turns.isEmpty() ? List.of(prompt) : List.copyOf(turns);
      category = category == null ? "" : category;
    }
  }

  /** Bounds on corpus text: the corpus is trusted but need not be well behaved. */
  static final int MAX_TEXT = 16_000;

  static final int MAX_LINES = 200_000;

  private static final String BUNDLE = "/io/distillguard/sim/corpus/";

  private final String origin;
  private final boolean bundledSample;
  private final Map<Pool, List<Entry>> pools;
  private final int[] generatedTokensConv;
  private final int[] generatedTokensCode;

  private Corpus(
      String origin, boolean bundled, Map<Pool, List<Entry>> pools, int[] conv, int[] code) {
    this.origin = origin;
    this.bundledSample = bundled;
    this.pools = pools;
    this.generatedTokensConv = conv;
    this.generatedTokensCode = code;
  }

  /** Where the text came from (a directory, or "bundled sample"). */
  public String origin() {
    return origin;
  }

  /** True for the small bundled sample ({@link #bundled}), not corpora read from a directory. */
  public boolean isBundledSample() {
    return bundledSample;
  }

  /** True when the pool's own file was loaded (not a fallback). */
  public boolean has(Pool p) {
    return pools.containsKey(p);
  }

  /** The pool's lines, or those of its fallback when its file is missing; never empty. */
  public List<Entry> pool(Pool p) {
    Pool q = p;
    for (int i = 0; i < 4; i++) {
      List<Entry> l = pools.get(q);
      if (l != null) {
        return l;
      }
      q = q.fallback == null ? Pool.OASST : Pool.valueOf(q.fallback);
    }
    List<Entry> any = pools.values().iterator().next();
    return any;
  }

  /**
   * The same corpora with the prompt sources of attackers and ordinary users traded: the pools the
   * attack personas draw their tasks from (Alpaca, Code Alpaca, GPTeacher) read the human-written
   * ones (ShareGPT, Arena-Hard, OpenAssistant), and the reverse. Everything else stays. Detection
   * that rests on behaviour and coordination, not on which texts attackers send, should come out
   * the same (the held-back evaluation has corpora we never see).
   */
  public Corpus swapped() {
    Map<Pool, List<Entry>> m = new EnumMap<>(pools);
    Pool[][] trades = {
      {Pool.SHAREGPT, Pool.ALPACA}, {Pool.ARENA_HARD, Pool.CODE_ALPACA}, {Pool.OASST, Pool.GPTEACHER_CODEGEN}
    };
    for (Pool[] t : trades) {
      // resolved through fallbacks first: the bundled sample lacks some of these files
      List<Entry> a = pool(t[0]);
      List<Entry> b = pool(t[1]);
      m.put(t[0], b);
      m.put(t[1], a);
    }
    return new Corpus(origin + " (attack and benign prompt sources swapped)", bundledSample, m,
        generatedTokensConv, generatedTokensCode);
  }

  /** A uniformly random line of the pool. */
  public Entry pick(Pool p, SplittableRandom rnd) {
    List<Entry> l = pool(p);
    return l.get(rnd.nextInt(l.size()));
  }

  /** Real completion lengths of conversation traffic (Azure 2023 trace), or null if absent. */
  int[] generatedTokensConv() {
    return generatedTokensConv;
  }

  /** Real completion lengths of coding traffic (Azure 2023 trace), or null if absent. */
  int[] generatedTokensCode() {
    return generatedTokensCode;
  }

  /** Every prompt and turn of every benign and distill pool (tests check provenance with it). */
  public List<String> allTexts() {
    List<String> out = new ArrayList<>();
    for (List<Entry> l : pools.values()) {
      for (Entry e : l) {
        out.addAll(e.turns());
        if (!e.turns().contains(e.prompt())) {
          out.add(e.prompt());
        }
      }
    }
    return out;
  }

  /** Loads the corpora under {@code dir} ({@code benign/}, {@code distill/}, {@code timing/}). */
  public static Corpus load(Path dir) {
    Map<Pool, List<Entry>> pools = new EnumMap<>(Pool.class);
    ObjectMapper json = new ObjectMapper();
    for (Pool p : Pool.values()) {
      Path f = dir.resolve(p.file);
      if (Files.isRegularFile(f)) {
        try (InputStream in = Files.newInputStream(f)) {
          List<Entry> l = read(in, json);
          if (!l.isEmpty()) {
            pools.put(p, l);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read corpus " + f, e);
        }
      }
    }
    if (pools.isEmpty()) {
      throw new IllegalArgumentException("no corpus files under " + dir);
    }
    int[] conv = readGenerated(dir.resolve("timing/azure_llm_inference_trace_2023_conv.csv"));
    int[] code = readGenerated(dir.resolve("timing/azure_llm_inference_trace_2023_code.csv"));
    return new Corpus(dir.toString(), false, Collections.unmodifiableMap(pools), conv, code);
  }

  /** The small permissively licensed sample shipped in this module (see its NOTICE). */
  public static Corpus bundled() {
    Map<Pool, List<Entry>> pools = new EnumMap<>(Pool.class);
    ObjectMapper json = new ObjectMapper();
    for (Pool p : Pool.values()) {
      try (InputStream in = Corpus.class.getResourceAsStream(BUNDLE + p.file)) {
        if (in != null) {
          List<Entry> l = read(in, json);
          if (!l.isEmpty()) {
            pools.put(p, l);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled corpus " + p.file, e);
      }
    }
    return new Corpus("bundled sample", true, Collections.unmodifiableMap(pools), null, null);
  }

  /**
   * Finds the corpus: {@code explicit} if given; else {@code shared/data} beside the working
   * directory ({@code ../shared/data}) or beside any parent of it; else beside the repository that
   * holds this jar; else the bundled sample.
   */
  public static Corpus locate(Path explicit, Path workingDir) {
    if (explicit != null) {
      return load(explicit);
    }
    return findDataDir(workingDir).map(Corpus::load).orElseGet(Corpus::bundled);
  }

  static Optional<Path> findDataDir(Path workingDir) {
    List<Path> starts = new ArrayList<>();
    if (workingDir != null) {
      starts.add(workingDir.toAbsolutePath());
    }
    try {
      var src = Corpus.class.getProtectionDomain().getCodeSource();
      if (src != null) {
        starts.add(Path.of(src.getLocation().toURI()).toAbsolutePath());
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no jar location: only the working directory is searched
    }
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        Path cand = p.resolveSibling("shared").resolve("data");
        if (p.getParent() != null && Files.isDirectory(cand.resolve("benign"))) {
          return Optional.of(cand);
        }
        Path inside = p.resolve("shared").resolve("data");
        if (Files.isDirectory(inside.resolve("benign"))) {
          return Optional.of(inside);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Entry> read(InputStream in, ObjectMapper json) throws IOException {
    List<Entry> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && out.size() < MAX_LINES) {
      if (line.isBlank() || line.length() > 1_000_000) {
        continue;
      }
      JsonNode n;
      try {
        n = json.readTree(line);
      } catch (IOException e) {
        continue; // a bad corpus line is skipped, the rest is still usable
      }
      String prompt = cap(n.path("prompt").asText(""));
      if (prompt.isBlank()) {
        continue;
      }
      List<String> turns = new ArrayList<>();
      for (JsonNode t : n.path("turns")) {
        String s = cap(t.asText(""));
        if (!s.isBlank()) {
          turns.add(s);
        }
      }
      String system = n.hasNonNull("system") ? cap(n.get("system").asText()) : null;
      out.add(new Entry(prompt, turns, system, n.path("category").asText("")));
    }
    return List.copyOf(out);
  }

  private static String cap(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  private static int[] readGenerated(Path csv) {
    if (!Files.isRegularFile(csv)) {
      return null;
    }
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      int[] buf = new int[1024];
      int n = 0;
      String line = r.readLine(); // header
      while ((line = r.readLine()) != null && n < MAX_LINES) {
        int c = line.lastIndexOf(',');
        if (c < 0) {
          continue;
        }
        try {
          int v = Integer.parseInt(line.substring(c + 1).trim());
          if (v >= 0 && v < 1_000_000) {
            if (n == buf.length) {
              buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = v;
          }
        } catch (NumberFormatException e) {
          // skip
        }
      }
      return n == 0 ? null : java.util.Arrays.copyOf(buf, n);
    } catch (IOException e) {
      return null;
    }
  }
}
