package io.distillguard.sim;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a scenario's {@link Evasion}s on attack accounts: on the account when the population is
 * built ({@link #cleanInfra}), and on each call after its persona filled it ({@link #apply}). Draws
 * from its own random streams, never the personas', so the rest of the traffic stays the same draw.
 * Not thread-safe (one per simulation run).
 */
final class Disguise {

  private static final String[] NAMES = {
    "Maya", "Liam", "Noah", "Emma", "Olivia", "Ava", "Mia", "Zoe", "Leo", "Ivy", "Kai", "Nora", "Ezra",
    "Luna", "Aria", "Milo", "Iris", "Owen", "Ruby", "Jude", "Cora", "Finn", "Rhea", "Theo", "Vera",
    "Axel", "Nina", "Hugo", "Lara", "Omar"
  };
  private static final String[] TRAITS = {
    "friendly", "careful", "precise", "thorough", "patient", "concise", "diligent", "seasoned",
    "cheerful", "meticulous"
  };

  /**
   * Rewordings of the Orca step-by-step instruction, written before they were tried on the
   * detector and not changed after: how an operation that read a CoT phrase list would ask.
   */
  static final String[] COT_WORDINGS = {
    "As you carry out the task, set down each step of your thinking and the reason for it.",
    "Lay out every step you take and say why you took it.",
    "Explain each move you make along the way and why it is right.",
    "Before the final answer, write down your working in full and defend each part of it.",
    "Go through the task methodically, giving the rationale for every stage.",
    "Make your solution path explicit and back up each step.",
    "Narrate your progress through the task, one move at a time, with reasons.",
    "Document every intermediate step and why it follows.",
    "Present the complete line of argument that leads to your answer.",
    "Show the work behind your answer, stage after stage."
  };
  private static final Pattern COT_CUE = Pattern.compile(
      "While (?:performing the task|answering) think step-by-step and justify your (?:steps|answer)\\.");

  /** Models {@link Evasion#MODEL_ROTATION} sends to besides the persona's own (two of them). */
  private static final String[] ROTATED_MODELS = {"frontier-mini", "frontier-reasoner", "frontier-large"};

  /** Share of an attack account's requests that {@link Evasion#COVER_TRAFFIC} replaces. */
  static final double COVER_SHARE = 0.5;
  /** Share that {@link Evasion#HEAVY_COVER} replaces. */
  static final double HEAVY_COVER_SHARE = 0.8;

  private final Set<Evasion> evasions;
  private final SplittableRandom rnd;
  /** Cover traffic's own stream: adding it to other disguises leaves their draws unchanged. */
  private final SplittableRandom coverRnd;
  /** Made-up turns' own stream, for the same reason. */
  private final SplittableRandom turnRnd;
  /** Model rotation's own stream. */
  private final SplittableRandom modelRnd;
  /** {@link Evasion#CHAINED_TURNS}: each attack account's last user turn sent, by account index. */
  private final Map<Integer, String> lastTurns = new HashMap<>();
  /** The disguises each attack account wears, by account index. */
  private final Map<Integer, Set<Evasion>> wornBy = new HashMap<>();
  private final World world;
  private final Rfc3339 time = new Rfc3339();

  Disguise(Set<Evasion> evasions, long seed, World world) {
    this.evasions = evasions;
    this.rnd = new SplittableRandom(Population.mix(seed, 0xD15C0));
    this.coverRnd = new SplittableRandom(Population.mix(seed, 0xC0FE4));
    this.turnRnd = new SplittableRandom(Population.mix(seed, 0x7A1E5));
    this.modelRnd = new SplittableRandom(Population.mix(seed, 0x30DE1));
    this.world = world;
  }

  boolean active() {
    return !evasions.isEmpty();
  }

  /**
   * Whether the account with index {@code index} wears {@code e}: every attack account wears the
   * scenario's disguises, or under {@link Evasion#PER_ACCOUNT} each one by a coin toss of its own
   * (a hash of the index and the disguise, so no draw moves).
   */
  static boolean wears(Set<Evasion> evasions, int index, Evasion e) {
    if (!evasions.contains(e)) {
      return false;
    }
    if (e == Evasion.ACCOUNT_CHURN || e == Evasion.PER_ACCOUNT
        || !evasions.contains(Evasion.PER_ACCOUNT)) {
      return true;
    }
    return (Population.mix(index, 0xEAC40000L + e.ordinal()) & 1) == 0;
  }

  private Set<Evasion> worn(Account a) {
    if (!evasions.contains(Evasion.PER_ACCOUNT)) {
      return evasions;
    }
    return wornBy.computeIfAbsent(a.index, i -> {
      Set<Evasion> w = EnumSet.noneOf(Evasion.class);
      for (Evasion e : evasions) {
        if (wears(evasions, i, e)) {
          w.add(e);
        }
      }
      return w;
    });
  }

  /** Own card, own user agent, created at a random time over four months before the start. */
  static void cleanInfra(Account a, long seed, long start) {
    cleanInfra(a, new SplittableRandom(Population.mix(seed, 0xC1EA0000L + a.index)), start);
  }

  /** As {@link #cleanInfra(Account, long, long)}, drawing from {@code r}. */
  static void cleanInfra(Account a, SplittableRandom r, long start) {
    a.paymentFingerprint = Population.hex(r, "pm_", 12);
    a.createdAtMillis = start - (14 + r.nextInt(120)) * Timing.DAY - r.nextLong(Timing.DAY);
    a.userAgent = r.nextBoolean()
        ? Population.HUMAN_UA[r.nextInt(Population.HUMAN_UA.length)]
        : Population.SDK_UA[r.nextInt(Population.SDK_UA.length)];
    a.emailDomain = Population.PERSONAL_DOMAINS[r.nextInt(Population.PERSONAL_DOMAINS.length)];
  }

  /**
   * Replaces the request by a casual user's first turn, keeping what the account cannot change per
   * request without standing out: endpoint and its client's JSON style, model, key, exit, streaming.
   */
  private void cover(Call c) {
    Corpus.Entry e = world.corpus.pick(Actor.casualPool(coverRnd.nextDouble()), coverRnd);
    c.system = null;
    c.msgs.clear();
    c.user(e.turns().get(0));
    c.temperature = 0.7;
    c.topP = Double.NaN;
    c.n = 0;
    c.maxTokens = 0;
    c.maxCompletionTokens = false;
    c.logprobs = false;
    c.topLogprobs = 0;
    c.tools = null;
    c.reasoningEffort = null;
    c.thinkingBudget = 0;
    c.completionTokens = world.convTokens(coverRnd);
    c.reasoningTokens = 0;
    c.status = 200;
    c.finishReason = "stop";
    c.promptTokens = c.estimatePromptTokens();
    c.latencyMs = Actor.latencyMs(c, 1, coverRnd);
  }

  /** Puts {@code question} and a reply before the call's last user turn. */
  private void insertExchange(Call c, String question) {
    int last = lastUser(c);
    if (last >= 0) {
      String reply = ProjectText.ASSISTANT_TURNS.get(turnRnd.nextInt(ProjectText.ASSISTANT_TURNS.size()));
      c.msgs.add(last, Call.Msg.assistant(reply));
      c.msgs.add(last, Call.Msg.user(question));
      c.promptTokens = c.estimatePromptTokens();
    }
  }

  private static int lastUser(Call c) {
    for (int i = c.msgs.size() - 1; i >= 0; i--) {
      if (c.msgs.get(i).kind() == Call.Msg.Kind.USER) {
        return i;
      }
    }
    return -1;
  }

  /** Disguises one call of attack account {@code a} at time {@code t}. */
  void apply(Account a, Call c, long t) {
    if (!a.persona.attack()) {
      return;
    }
    Set<Evasion> worn = worn(a);
    if (worn.contains(Evasion.CLEAN_INFRA)) {
      int asn = Population.RESIDENTIAL_ASN[rnd.nextInt(Population.RESIDENTIAL_ASN.length)];
      c.asn = asn;
      c.ip = Population.ip(rnd, asn);
    }
    double coverShare = worn.contains(Evasion.HEAVY_COVER) ? HEAVY_COVER_SHARE
        : worn.contains(Evasion.COVER_TRAFFIC) ? COVER_SHARE : 0;
    boolean covered = coverShare > 0 && coverRnd.nextDouble() < coverShare;
    if (covered) {
      cover(c);
    }
    if (worn.contains(Evasion.MODEL_ROTATION)) {
      // the persona's own model, or one of two others (the third stands in for the own one)
      int k = modelRnd.nextInt(3);
      if (k > 0) {
        String m = ROTATED_MODELS[k - 1];
        c.model = m.equals(c.model) ? ROTATED_MODELS[2] : m;
      }
    }
    boolean chat = !c.endpoint.equals(Call.COMPLETIONS);
    if (worn.contains(Evasion.FAKE_TURNS) && chat) {
      insertExchange(c, world.corpus.pick(Actor.casualPool(turnRnd.nextDouble()), turnRnd).turns().get(0));
    }
    String previous = lastTurns.get(a.index);
    if (worn.contains(Evasion.CHAINED_TURNS) && chat && previous != null) {
      insertExchange(c, previous);
    }
    if (worn.contains(Evasion.SCHEMA_COT) && chat && !covered && c.tools == null
        && c.system != null && COT_CUE.matcher(c.system).find()) {
      // The sentence goes and a schema asks instead.
      c.answerSchema = ProjectText.WORKING_SCHEMAS.get(
          perOperation(a, 0x5C4E, ProjectText.WORKING_SCHEMAS.size()));
      String s = COT_CUE.matcher(c.system).replaceAll("").strip();
      c.system = s.isEmpty() ? null : s;
    }
    disguiseSystem(a, c, t, worn);
    if (worn.contains(Evasion.CHAINED_TURNS) && chat) {
      int last = lastUser(c);
      if (last >= 0) {
        lastTurns.put(a.index, c.msgs.get(last).text());
      }
    }
  }

  /**
   * A fixed choice among {@code k} for the account's operation (for the account itself when it
   * has none): one operator writes its prompt or schema once. A hash, so no draw moves.
   */
  private static int perOperation(Account a, long salt, int k) {
    long h = Population.mix(a.group != null ? a.group.id.hashCode() : a.index, salt);
    return (int) Math.floorMod(h, (long) k);
  }

  private void disguiseSystem(Account a, Call c, long t, Set<Evasion> worn) {
    if (c.system == null) {
      return;
    }
    if (worn.contains(Evasion.REWORDED_CUES)) {
      String w = COT_WORDINGS[perOperation(a, 0xC07, COT_WORDINGS.length)];
      c.system = COT_CUE.matcher(c.system).replaceAll(Matcher.quoteReplacement(w));
    }
    if (worn.contains(Evasion.PERSONA_NAME)) {
      // Fixed per account: a hash of its index, not a draw, so every request carries the same name.
      long h = Population.mix(a.index, 0x4A3E);
      c.system = "Your name is " + NAMES[(int) Math.floorMod(h, (long) NAMES.length)] + ", a "
          + TRAITS[(int) Math.floorMod(h >>> 20, (long) TRAITS.length)] + " assistant. " + c.system;
    }
    if (worn.contains(Evasion.STAMPED_SYSTEM)) {
      c.system = String.format(Locale.ROOT, "Session %06d. Current time: %s. ",
          rnd.nextInt(1_000_000), time.format(t)) + c.system;
    }
    if (worn.contains(Evasion.SYSTEM_IN_USER)) {
      List<Call.Msg> msgs = c.msgs;
      for (int i = msgs.size() - 1; i >= 0; i--) {
        Call.Msg m = msgs.get(i);
        if (m.kind() == Call.Msg.Kind.USER) {
          msgs.set(i, Call.Msg.user(c.system + "\n\n" + m.text()));
          c.system = null;
          c.systemBlocks = false;
          break;
        }
      }
    }
    c.promptTokens = c.estimatePromptTokens(); // the prompt grew by the disguise
  }
}
