package io.distillguard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One account's lazy timeline: {@link #step} fills the exchange due at {@link #next} and returns
 * when the following one is due. Each actor owns its random stream, so output does not depend on
 * how the simulator interleaves accounts. The persona behaviours are the nested subclasses.
 */
abstract class Actor {

  final Account a;
  final SplittableRandom rnd;
  final World w;
  /** Epoch ms of the next exchange; {@link Long#MAX_VALUE} when done. */
  long next;
  /** Exchanges per day at this scenario's scale (varies per account). */
  final double perDay;

  Actor(Account a, SplittableRandom rnd, World w) {
    this.a = a;
    this.rnd = rnd;
    this.w = w;
    this.perDay = a.persona.nominalPerDay() * w.rateScale * w.cohortRate(a) * Math.min(4, Timing.lognormal(rnd, 1, 0.35));
  }

  /** Sets the first event time; called once after construction. */
  abstract long first();

  /** Fills {@code c} (already reset) for time {@code t}; returns the next event time. */
  abstract long step(Call c, long t);

  static Actor create(Account a, SplittableRandom rnd, World w) {
    Actor actor =
        switch (a.persona) {
          case CASUAL_CHAT -> new CasualChat(a, rnd, w);
          case APP_BACKEND -> new AppBackend(a, rnd, w);
          case CODING_ASSISTANT -> new Coding(a, rnd, w);
          case BATCH_LABELLING -> new BatchLabelling(a, rnd, w);
          case EVAL_HARNESS -> new EvalHarness(a, rnd, w);
          case RAG_APP -> new Rag(a, rnd, w);
          case RESELLER -> new Reseller(a, rnd, w, 0);
          case ENTERPRISE_NAT -> new Enterprise(a, rnd, w);
          case SHARED_CLIENT -> new SharedClient(a, rnd, w);
          case SINGLE_HARVESTER -> new SingleHarvester(a, rnd, w);
          case HYDRA_COT -> new Hydra(a, rnd, w);
          case LOW_AND_SLOW -> new LowAndSlow(a, rnd, w);
          case RESELLER_MIXING -> new Reseller(a, rnd, w, 0.05 + 0.25 * rnd.nextDouble());
          case META_REASONING -> new MetaReasoning(a, rnd, w);
          case AGENTIC_TOOL_HARVEST -> new AgenticTools(a, rnd, w);
          case GRADER_HARVEST -> new Grader(a, rnd, w);
          case RELEASE_PIVOT -> new ReleasePivot(a, rnd, w);
        };
    actor.next = actor.first();
    return actor;
  }

  // ---- shared helpers ----

  String key() {
    return a.apiKeys[a.apiKeys.length == 1 ? 0 : rnd.nextInt(a.apiKeys.length)];
  }

  /** The pool a casual user's conversation comes from, for a uniform draw {@code d}. */
  static Corpus.Pool casualPool(double d) {
    return d < 0.4 ? Corpus.Pool.HH_RLHF : d < 0.7 ? Corpus.Pool.SHAREGPT
        : d < 0.9 ? Corpus.Pool.OASST : Corpus.Pool.NATURAL_QUESTIONS;
  }

  /** Time to the last token of a successful call with its token counts set, {@code n} completions. */
  static int latencyMs(Call c, int n, SplittableRandom rnd) {
    return (int) Math.min(600_000,
        250 + c.promptTokens / 20 + (long) c.completionTokens * (12 + rnd.nextInt(15)) / Math.max(1, n));
  }

  String benignModel(long t, String base) {
    return rnd.nextDouble() < w.newModelShare(t) ? Scenario.NEW_MODEL : base;
  }

  /** Applies the account's endpoint style; OpenAI completions only suit single-turn prompts. */
  void style(Call c) {
    c.endpoint = a.endpoint;
    if (c.endpoint.equals(Call.MESSAGES)) {
      c.systemBlocks = (a.index & 1) == 1;
      c.contentBlocks = (a.index & 2) == 2;
    } else if (c.endpoint.equals(Call.CHAT)) {
      c.contentBlocks = (a.index % 5) == 0;
    }
  }

  Corpus.Entry pick(Corpus.Pool p) {
    return w.corpus.pick(p, rnd);
  }

  String distillPrompt() {
    double d = rnd.nextDouble();
    Corpus.Pool p = d < 0.5 ? Corpus.Pool.ALPACA : d < 0.7 ? Corpus.Pool.CODE_ALPACA
        : d < 0.9 ? Corpus.Pool.GPTEACHER_CODEGEN : Corpus.Pool.SELF_INSTRUCT;
    return pick(p).prompt();
  }

  /** A fixed per-account choice among {@code k} product variants: a hash, so no draw moves. */
  static int product(Account a, long salt, int k) {
    return (int) Math.floorMod(Population.mix(a.index, salt), (long) k);
  }

  String orcaSystem(int which) {
    List<Corpus.Entry> l = w.corpus.pool(Corpus.Pool.ORCA_SYSTEM);
    Corpus.Entry e = l.get(Math.floorMod(which, l.size()));
    return e.system() != null ? e.system() : e.prompt();
  }

  /** Sets token counts, latency, status and finish reason from the wanted completion length. */
  void finish(Call c, int wanted, double errorRate) {
    c.promptTokens = c.estimatePromptTokens();
    int n = Math.max(1, c.n);
    int out = wanted * n;
    if (c.maxTokens > 0 && wanted >= c.maxTokens) {
      out = c.maxTokens * n;
      c.finishReason = "length";
    }
    c.completionTokens = out;
    if (c.reasoningEffort != null || c.thinkingBudget > 0) {
      int cap = c.thinkingBudget > 0 ? c.thinkingBudget : 8000;
      c.reasoningTokens = (int) Math.min(cap, Timing.lognormal(rnd, 900, 0.8));
      c.completionTokens += c.reasoningTokens;
    }
    c.latencyMs = latencyMs(c, n, rnd);
    double e = rnd.nextDouble();
    if (e < errorRate) {
      c.status = 429;
      c.latencyMs = 5 + rnd.nextInt(40);
    } else if (e < errorRate + 0.002) {
      c.status = 500 + (rnd.nextBoolean() ? 0 : 3);
      c.latencyMs = 1000 + rnd.nextInt(30_000);
    }
  }

  /** Adds alternating user/assistant turns for turns[0..upto] (assistant text is a placeholder). */
  void history(Call c, List<String> turns, int upto) {
    for (int i = 0; i <= upto && i < turns.size(); i++) {
      if (i > 0) {
        c.msgs.add(Call.Msg.assistant(ProjectText.ASSISTANT_TURNS.get(rnd.nextInt(ProjectText.ASSISTANT_TURNS.size()))));
      }
      c.user(turns.get(i));
    }
  }

  // ---- benign personas ----

  /**
   * Someone holding conversations in diurnal sessions: a new conversation when the last one is done
   * or a session opens, then its next user turn with the turns before it.
   */
  abstract static class Conversing extends Actor {
    final Timing.Sessions s;
    private List<String> conv;
    private int pos;

    Conversing(Account a, SplittableRandom rnd, World w, double perSession, double thinkMedianMs) {
      super(a, rnd, w);
      s = new Timing.Sessions(perDay, perSession, thinkMedianMs, Timing.diurnal(a.tzHours, 1.0));
    }

    /** The user turns of a conversation to open. */
    abstract List<String> open();

    /** Opens a new conversation when one is due: first in a step, before anything else draws. */
    void openIfDue() {
      if (conv == null || pos >= conv.size() || s.fresh()) {
        conv = open();
        pos = 0;
      }
    }

    /** Adds the conversation's next user turn, after the turns before it, to {@code c}. */
    void nextTurn(Call c) {
      history(c, conv, pos);
      pos++;
    }

    @Override
    long first() {
      return s.next(rnd, w.start);
    }
  }

  /** People chatting: sessions of multi-turn conversations from human corpora. */
  static final class CasualChat extends Conversing {
    final boolean stream;

    CasualChat(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w, 3, 40_000);
      stream = rnd.nextDouble() < 0.7;
    }

    @Override
    List<String> open() {
      return pick(casualPool(rnd.nextDouble())).turns();
    }

    @Override
    long step(Call c, long t) {
      openIfDue();
      style(c);
      c.model = benignModel(t, (a.index & 4) == 0 ? "frontier-large" : "frontier-mini");
      nextTurn(c);
      c.stream = stream;
      if ((a.index & 8) == 0) {
        c.temperature = 0.7;
      }
      c.apiKeyId = key();
      finish(c, w.convTokens(rnd), 0.003);
      return s.next(rnd, t);
    }
  }

  /**
   * A product backend: one fixed system prompt, end users' questions, all day. A third extract
   * each question into JSON; a third are tutors that answer in worked steps (the documented
   * structured-output example), asking for the working on every question, as a harvester would.
   */
  static final class AppBackend extends Actor {
    final String system;
    final double temperature;
    final int maxTokens;
    final ProjectText.AnswerSchema schema;

    AppBackend(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      system = pick(Corpus.Pool.AWESOME_PROMPTS).prompt();
      temperature = new double[] {0.2, 0.5, 0.7, 1.0}[rnd.nextInt(4)];
      maxTokens = new int[] {256, 512, 1024}[rnd.nextInt(3)];
      schema = switch (product(a, 0xA5C1, 3)) {
        case 1 -> ProjectText.EXTRACTION;
        case 2 -> ProjectText.WORKING_SCHEMAS.get(0);
        default -> null;
      };
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.diurnal(a.tzHours, 0.8));
    }

    @Override
    long step(Call c, long t) {
      style(c);
      if (c.endpoint.equals(Call.COMPLETIONS)) {
        c.endpoint = Call.CHAT;
      }
      c.model = "frontier-mini";
      c.system = system;
      double d = rnd.nextDouble();
      c.user(pick(d < 0.4 ? Corpus.Pool.NATURAL_QUESTIONS : d < 0.7 ? Corpus.Pool.OASST : Corpus.Pool.SHAREGPT).prompt());
      c.temperature = temperature;
      c.maxTokens = maxTokens;
      c.answerSchema = schema;
      c.apiKeyId = a.apiKeys[0];
      finish(c, w.convTokens(rnd), 0.003);
      return Timing.nextArrival(rnd, t, perDay, Timing.diurnal(a.tzHours, 0.8));
    }
  }

  /** A developer in an IDE: bursts of coding questions, a few follow-ups each. */
  static class Coding extends Actor {
    final Timing.Sessions s;
    final List<String> thread = new ArrayList<>();

    Coding(Account a, SplittableRandom rnd, World w) {
      this(a, rnd, w, Timing.diurnal(a.tzHours, 1.0));
    }

    Coding(Account a, SplittableRandom rnd, World w, Timing.Profile profile) {
      super(a, rnd, w);
      s = new Timing.Sessions(perDay, 6, 90_000, profile);
    }

    @Override
    long first() {
      return s.next(rnd, w.start);
    }

    @Override
    long step(Call c, long t) {
      if (s.fresh() || thread.size() >= 4) {
        thread.clear();
      }
      thread.add(w.codingPrompts.get(rnd.nextInt(w.codingPrompts.size())));
      style(c);
      c.model = benignModel(t, "frontier-code");
      history(c, thread, thread.size() - 1);
      c.stream = true;
      c.maxTokens = 4096;
      c.apiKeyId = key();
      finish(c, w.codeTokens(rnd) + w.convTokens(rnd), 0.003);
      return s.next(rnd, t);
    }
  }

  /**
   * Labelling jobs: one frame x thousands of real documents, temperature 0, one-word answers. On
   * chat, a third of the accounts ask for the label as JSON and a third for a short reasoning
   * before it (a schema field named {@code reasoning}).
   */
  static final class BatchLabelling extends Actor {
    int remaining;
    String frame;
    Corpus.Pool docs;
    double perSecond;
    int cursor;
    final int maxTokens;
    final ProjectText.AnswerSchema schema;

    BatchLabelling(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      schema = switch (product(a, 0xA5C3, 3)) {
        case 1 -> ProjectText.LABEL;
        case 2 -> ProjectText.REASONED_LABEL;
        default -> null;
      };
      int drawn = 5 + rnd.nextInt(20);
      maxTokens = schema == ProjectText.REASONED_LABEL ? 300 : drawn;
    }

    private double meanJob() {
      return Math.max(20, Math.min(20_000, perDay * 1.2));
    }

    @Override
    long first() {
      // the first job starts on the first day, so that short scenarios see every persona
      return w.start + rnd.nextLong(Math.max(1, Math.min(w.end - w.start, Timing.DAY) * 4 / 5));
    }

    @Override
    long step(Call c, long t) {
      if (remaining <= 0) {
        remaining = (int) Math.max(10, Math.min(200_000, Timing.lognormal(rnd, meanJob() * 0.8, 0.6)));
        frame = ProjectText.LABEL_FRAMES.get(rnd.nextInt(ProjectText.LABEL_FRAMES.size()));
        Corpus.Pool[] ps = {Corpus.Pool.NATURAL_QUESTIONS, Corpus.Pool.OASST, Corpus.Pool.SHAREGPT, Corpus.Pool.HH_RLHF};
        docs = ps[rnd.nextInt(ps.length)];
        perSecond = 2 + rnd.nextInt(15);
        cursor = rnd.nextInt(1 << 20);
      }
      remaining--;
      c.endpoint = a.endpoint.equals(Call.COMPLETIONS) ? Call.COMPLETIONS : Call.CHAT;
      c.model = "frontier-mini";
      List<Corpus.Entry> l = w.corpus.pool(docs);
      String doc = l.get(Math.floorMod(cursor++, l.size())).prompt();
      c.user(ProjectText.fill(frame, null, doc));
      c.temperature = 0;
      c.maxTokens = maxTokens;
      boolean json = schema != null && c.endpoint.equals(Call.CHAT);
      if (json) {
        c.answerSchema = schema;
      }
      c.apiKeyId = a.apiKeys[0];
      finish(c, 1 + rnd.nextInt(6), 0.01);
      if (json && c.status == 200) {
        // the JSON around the label, and the reasoning's sentence or two (a hash: no draw)
        c.completionTokens += schema == ProjectText.REASONED_LABEL
            ? 30 + (int) Math.floorMod(Population.mix(a.index, cursor), 60L) : 8;
      }
      if (remaining > 0) {
        return t + 1 + (long) Timing.exp(rnd, 1000 / perSecond);
      }
      return Timing.nextArrival(rnd, t, perDay / meanJob(), Timing.diurnal(a.tzHours, 0.5));
    }
  }

  /** Benchmark runs (MT-Bench, Arena-Hard) across models, with CoT suffixes, n > 1, and judge calls. */
  static final class EvalHarness extends Actor {
    int remaining;
    int item;
    int offset;
    String suffix;
    String[] models;
    final int n;
    boolean releaseRunDone;
    double perSecond;

    EvalHarness(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      n = new int[] {1, 1, 3, 5}[rnd.nextInt(4)];
    }

    private double runSize() {
      return Math.max(40, Math.min(w.corpus.pool(Corpus.Pool.MT_BENCH).size() * 2.0 * 3, perDay * 0.8));
    }

    @Override
    long first() {
      return w.start + rnd.nextLong(Math.max(1, Math.min(w.end - w.start, Timing.DAY) * 4 / 5));
    }

    private void newRun(long t) {
      suffix = ProjectText.EVAL_SUFFIXES.get(rnd.nextInt(ProjectText.EVAL_SUFFIXES.size()));
      models = t >= w.release
          ? new String[] {Scenario.NEW_MODEL, "frontier-large", "frontier-mini"}
          : new String[] {"frontier-large", "frontier-mini", "frontier-code"};
      remaining = (int) runSize();
      item = 0;
      offset = rnd.nextInt(1 << 16);
      perSecond = 1 + rnd.nextInt(8);
    }

    @Override
    long step(Call c, long t) {
      if (remaining <= 0) {
        newRun(t);
      }
      remaining--;
      List<Corpus.Entry> bench = w.corpus.pool(Corpus.Pool.MT_BENCH);
      int q = item / 2;
      Corpus.Entry e = bench.get(Math.floorMod(offset + q / models.length, bench.size()));
      c.endpoint = a.endpoint.equals(Call.MESSAGES) ? Call.MESSAGES : Call.CHAT;
      c.model = models[q % models.length];
      if (rnd.nextDouble() < 0.15) {
        // LLM-as-judge call, the legitimate twin of grader harvesting
        String answer = w.passages.get(rnd.nextInt(w.passages.size()));
        c.user(ProjectText.fill(ProjectText.GRADER_TEMPLATES.get(0), e.prompt(), answer));
        c.model = "frontier-large";
        c.temperature = 0;
        finish(c, w.longTokens(rnd, 250), 0.005);
      } else {
        int turn = item % 2;
        List<String> turns = new ArrayList<>(e.turns());
        turns.set(0, turns.get(0) + suffix);
        history(c, turns, Math.min(turn, turns.size() - 1));
        c.temperature = n > 1 ? 0.7 : 0;
        c.n = c.endpoint.equals(Call.CHAT) ? n : 1;
        c.maxTokens = 2048;
        finish(c, w.longTokens(rnd, 450), 0.005);
      }
      c.apiKeyId = key();
      item++;
      if (remaining > 0) {
        return t + 1 + (long) Timing.exp(rnd, 1000 / perSecond);
      }
      if (!releaseRunDone && t < w.release) {
        // teams benchmark a new model within hours of its release
        releaseRunDone = rnd.nextDouble() < 0.7;
        if (releaseRunDone) {
          long r = w.release + Timing.HOUR / 2 + rnd.nextLong(6 * Timing.HOUR);
          long nx = Timing.nextArrival(rnd, t, perDay / runSize(), Timing.officeHours(a.tzHours));
          return Math.min(nx, Math.max(r, t));
        }
      }
      return Timing.nextArrival(rnd, t, perDay / runSize(), Timing.officeHours(a.tzHours));
    }
  }

  /**
   * Retrieval-augmented app: fixed system prompt, retrieved passages, end users' questions; half
   * ask for the answer as JSON with the passages it cites.
   */
  static final class Rag extends Actor {
    final String system;
    final ProjectText.AnswerSchema schema;

    Rag(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      schema = product(a, 0xA5C2, 2) == 1 ? ProjectText.CITED_ANSWER : null;
      String company = ProjectText.COMPANIES.get(rnd.nextInt(ProjectText.COMPANIES.size()));
      system = ProjectText.RAG_SYSTEMS.get(rnd.nextInt(ProjectText.RAG_SYSTEMS.size())).replace("{company}", company);
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.diurnal(a.tzHours, 0.8));
    }

    @Override
    long step(Call c, long t) {
      style(c);
      c.model = "frontier-mini";
      c.system = system;
      StringBuilder sb = new StringBuilder("Context:\n");
      int k = 2 + rnd.nextInt(3);
      for (int i = 1; i <= k; i++) {
        sb.append('[').append(i).append("] ").append(w.passages.get(rnd.nextInt(w.passages.size()))).append("\n\n");
      }
      sb.append("Question: ").append(pick(Corpus.Pool.NATURAL_QUESTIONS).prompt());
      c.user(sb.toString());
      c.temperature = 0.1;
      c.maxTokens = 800;
      if (!c.endpoint.equals(Call.COMPLETIONS)) {
        c.answerSchema = schema;
      }
      c.apiKeyId = a.apiKeys[0];
      finish(c, w.convTokens(rnd), 0.003);
      return Timing.nextArrival(rnd, t, perDay, Timing.diurnal(a.tzHours, 0.8));
    }
  }

  /**
   * A reseller: many end users' diverse traffic through one account and hundreds of keys. With
   * {@code distillShare > 0} it is reseller-mixing: part of the traffic is distillation.
   */
  static final class Reseller extends Actor {
    final double distillShare;
    final String distillSystem;
    final String[] ips;

    Reseller(Account a, SplittableRandom rnd, World w, double distillShare) {
      super(a, rnd, w);
      this.distillShare = distillShare;
      this.distillSystem = orcaSystem(rnd.nextInt(16));
      ips = new String[2 + rnd.nextInt(3)];
      for (int i = 0; i < ips.length; i++) {
        ips[i] = Population.ip(rnd, a.asn);
      }
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.diurnal(a.tzHours, 0.4));
    }

    @Override
    long step(Call c, long t) {
      c.endpoint = Call.CHAT;
      c.ip = ips[rnd.nextInt(ips.length)];
      c.apiKeyId = key();
      if (rnd.nextDouble() < distillShare) {
        c.model = "frontier-large";
        c.system = distillSystem;
        c.user(distillPrompt());
        c.temperature = 1.0;
        c.maxTokens = 4096;
        finish(c, w.longTokens(rnd, 700), 0.01);
      } else {
        double d = rnd.nextDouble();
        c.model = benignModel(t, d < 0.5 ? "frontier-mini" : "frontier-large");
        if (d < 0.25) {
          c.user(w.codingPrompts.get(rnd.nextInt(w.codingPrompts.size())));
          finish(c, w.codeTokens(rnd) + w.convTokens(rnd), 0.005);
        } else {
          if (d < 0.4) {
            c.system = pick(Corpus.Pool.AWESOME_PROMPTS).prompt();
          }
          Corpus.Entry e = pick(d < 0.6 ? Corpus.Pool.SHAREGPT : d < 0.75 ? Corpus.Pool.OASST
              : d < 0.9 ? Corpus.Pool.HH_RLHF : Corpus.Pool.NATURAL_QUESTIONS);
          history(c, e.turns(), rnd.nextInt(e.turns().size()));
          c.stream = rnd.nextBoolean();
          if (rnd.nextBoolean()) {
            c.temperature = 0.7;
          }
          finish(c, w.convTokens(rnd), 0.005);
        }
      }
      return Timing.nextArrival(rnd, t, perDay, Timing.diurnal(a.tzHours, 0.4));
    }
  }

  /**
   * Someone running a chat client with their own key: the client's system prompt on every request
   * (as for all its other users), their own conversations and coding questions, answers as long as
   * the client's prompt asks for. What links these accounts is what links a campaign's: one rare
   * system prompt, one user agent, nothing they chose.
   */
  static final class SharedClient extends Conversing {
    final ProjectText.Client client;

    SharedClient(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w, 4, 45_000);
      client = a.group.client();
    }

    @Override
    List<String> open() {
      return rnd.nextDouble() < 0.25
          ? List.of(w.codingPrompts.get(rnd.nextInt(w.codingPrompts.size())))
          : pick(casualPool(rnd.nextDouble())).turns();
    }

    @Override
    long step(Call c, long t) {
      openIfDue();
      style(c);
      c.model = benignModel(t, "frontier-large");
      String day = java.time.LocalDate.ofEpochDay(Math.floorDiv(t, Timing.DAY)).toString();
      c.system = client.system().replace("{date}", day);
      nextTurn(c);
      c.stream = true;
      c.maxTokens = 4096;
      c.temperature = 0.7;
      c.apiKeyId = key();
      int wanted = w.convTokens(rnd);
      finish(c, client.thorough() ? Math.max(wanted, w.longTokens(rnd, 450)) : wanted, 0.003);
      return s.next(rnd, t);
    }
  }

  /** Employees of one organisation behind one NAT: office hours, coding and chat. */
  static final class Enterprise extends Coding {
    Enterprise(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w, Timing.officeHours(a.tzHours));
    }

    @Override
    long step(Call c, long t) {
      if (rnd.nextBoolean()) {
        return super.step(c, t);
      }
      style(c);
      c.model = benignModel(t, "frontier-large");
      Corpus.Entry e = pick(rnd.nextBoolean() ? Corpus.Pool.OASST : Corpus.Pool.SHAREGPT);
      c.user(e.prompt());
      c.apiKeyId = key();
      finish(c, w.convTokens(rnd), 0.003);
      return s.next(rnd, t);
    }
  }

  // ---- attack personas ----

  /** One heavy account: systematic coverage of distillation prompts, logprobs, n > 1, 24/7. */
  static final class SingleHarvester extends Actor {
    long cursor;
    final long stride;
    final String system;
    final int n;

    SingleHarvester(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      stride = 7919;
      cursor = rnd.nextInt(1 << 16);
      system = rnd.nextBoolean() ? orcaSystem(rnd.nextInt(16)) : null;
      n = 2 + rnd.nextInt(3);
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.flat());
    }

    @Override
    long step(Call c, long t) {
      Corpus.Pool[] pools = {Corpus.Pool.ALPACA, Corpus.Pool.CODE_ALPACA, Corpus.Pool.GPTEACHER_CODEGEN, Corpus.Pool.SELF_INSTRUCT};
      Corpus.Pool p = pools[Math.floorMod(cursor, pools.length)];
      List<Corpus.Entry> l = w.corpus.pool(p);
      // walk every pool with a prime stride: covers all topics, never repeats within a cycle
      c.user(l.get(Math.floorMod((cursor / pools.length) * stride, l.size())).prompt());
      cursor++;
      c.endpoint = Call.CHAT;
      c.model = "frontier-large";
      c.system = system;
      c.temperature = 1.0;
      c.n = n;
      c.logprobs = true;
      c.topLogprobs = 5;
      c.maxTokens = 4096;
      c.apiKeyId = key();
      finish(c, w.longTokens(rnd, 650), 0.02);
      return Timing.nextArrival(rnd, t, perDay, Timing.flat());
    }
  }

  /** Hundreds of accounts as one campaign: synchronized windows, Orca-style CoT system prompts. */
  static final class Hydra extends Actor {
    final Population.Group g;
    long cursor;

    Hydra(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      g = a.group;
      cursor = a.memberIndex;
    }

    /** Six 40-minute windows a day, shared by the whole campaign (its scheduler). */
    private long windowed(long t) {
      long period = 4 * Timing.HOUR;
      long len = 40 * Timing.MINUTE;
      double inWindowPerDay = perDay * period / (double) len;
      long cand = Timing.nextArrival(rnd, t, inWindowPerDay, Timing.flat());
      long rel = Math.floorMod(cand - g.phase, period);
      if (rel < len) {
        return cand;
      }
      // jump to the next window start, jittered by a few seconds per account
      return cand - rel + period + rnd.nextLong(20_000);
    }

    @Override
    long first() {
      return windowed(Math.max(w.start, a.createdAtMillis));
    }

    @Override
    long step(Call c, long t) {
      Corpus.Entry e;
      double d = rnd.nextDouble();
      // members work disjoint shards of the prompt set: coordination without duplicates
      Corpus.Pool p = d < 0.4 ? Corpus.Pool.OPENORCA : d < 0.8 ? Corpus.Pool.ALPACA : Corpus.Pool.CODE_ALPACA;
      List<Corpus.Entry> l = w.corpus.pool(p);
      e = l.get(Math.floorMod(cursor, l.size()));
      cursor += g.size;
      style(c);
      c.model = "frontier-large";
      c.system = e.system() != null ? e.system() : orcaSystem(g.systemPick + (int) (cursor % 3));
      c.user(e.prompt());
      c.temperature = 0.7;
      c.maxTokens = 2048;
      c.ip = g.ips[rnd.nextInt(g.ips.length)];
      c.asn = g.asns[Math.floorMod(c.ip.hashCode(), g.asns.length)];
      c.apiKeyId = a.apiKeys[0];
      finish(c, w.longTokens(rnd, 600), 0.02);
      return windowed(t);
    }
  }

  /** Many accounts at a casual user's pace, one campaign: shared CoT system prompt. */
  static final class LowAndSlow extends Actor {
    final Timing.Sessions s;
    final String system;

    LowAndSlow(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      s = new Timing.Sessions(perDay, 4, 60_000, Timing.diurnal(a.tzHours, 1.0));
      system = orcaSystem(a.group.systemPick);
    }

    @Override
    long first() {
      return s.next(rnd, Math.max(w.start, a.createdAtMillis));
    }

    @Override
    long step(Call c, long t) {
      style(c);
      c.model = "frontier-large";
      c.system = system;
      c.user(distillPrompt());
      c.temperature = 0.7;
      c.maxTokens = 2048;
      c.stream = rnd.nextDouble() < 0.3;
      c.apiKeyId = key();
      finish(c, w.longTokens(rnd, 550), 0.003);
      return s.next(rnd, t);
    }
  }

  /** Coerces the model to reveal or translate its own reasoning, in the user's language. */
  static final class MetaReasoning extends Actor {
    final int lang;

    MetaReasoning(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      lang = rnd.nextInt(ProjectText.META_COERCION.size());
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.diurnal(a.tzHours, 0.5));
    }

    @Override
    long step(Call c, long t) {
      int l = rnd.nextDouble() < 0.8 ? lang : rnd.nextInt(ProjectText.META_COERCION.size());
      c.user(ProjectText.fill(ProjectText.META_COERCION.get(l), distillPrompt(), null));
      c.model = "frontier-reasoner";
      if (a.endpoint.equals(Call.MESSAGES)) {
        c.endpoint = Call.MESSAGES;
        c.thinkingBudget = 4096 << rnd.nextInt(3);
        c.maxTokens = c.thinkingBudget + 4096;
      } else {
        c.endpoint = a.endpoint.equals(Call.RESPONSES) ? Call.RESPONSES : Call.CHAT;
        c.reasoningEffort = "high";
        c.maxCompletionTokens = true;
        c.maxTokens = 16_000;
      }
      c.apiKeyId = key();
      finish(c, w.longTokens(rnd, 900), 0.01);
      return Timing.nextArrival(rnd, t, perDay, Timing.diurnal(a.tzHours, 0.5));
    }
  }

  /** Multi-step tool-use trajectories with synthetic tool results, to harvest agentic skill. */
  static final class AgenticTools extends Actor {
    final List<ProjectText.Tool> tools;
    int step;
    int steps;
    String task;
    int episode;

    AgenticTools(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      int k = 3 + rnd.nextInt(3);
      int off = rnd.nextInt(ProjectText.TOOLS.size());
      List<ProjectText.Tool> t = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        t.add(ProjectText.TOOLS.get((off + i) % ProjectText.TOOLS.size()));
      }
      tools = List.copyOf(t);
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay / 6, Timing.flat());
    }

    @Override
    long step(Call c, long t) {
      if (step >= steps) {
        task = pick(rnd.nextBoolean() ? Corpus.Pool.GPTEACHER_CODEGEN : Corpus.Pool.CODE_ALPACA).prompt();
        steps = 3 + rnd.nextInt(8);
        step = 0;
        episode++;
      }
      c.endpoint = a.endpoint.equals(Call.MESSAGES) ? Call.MESSAGES : Call.CHAT;
      c.model = "frontier-code";
      c.user(task);
      for (int i = 0; i < step; i++) {
        ProjectText.Tool tool = tools.get((episode + i) % tools.size());
        String id = "call_" + Integer.toHexString(episode * 31 + i);
        String args = tool.name().equals("run_python") ? "{\"code\":\"print(solve([3, 1, 2]))\"}"
            : tool.name().equals("read_file") ? "{\"path\":\"solution.py\"}"
            : tool.name().equals("write_file") ? "{\"path\":\"solution.py\",\"content\":\"def solve(xs):\\n    return sorted(xs)\\n\"}"
            : tool.name().equals("search_web") ? "{\"query\":\"edge cases\",\"k\":3}"
            : tool.name().equals("sql_query") ? "{\"sql\":\"SELECT id, total FROM t LIMIT 2\"}" : "{}";
        c.msgs.add(new Call.Msg(Call.Msg.Kind.TOOL_CALL, args, tool.name(), id));
        c.msgs.add(new Call.Msg(Call.Msg.Kind.TOOL_RESULT,
            ProjectText.TOOL_RESULTS.get(rnd.nextInt(ProjectText.TOOL_RESULTS.size())), tool.name(), id));
      }
      c.tools = tools;
      c.temperature = 0.2;
      c.maxTokens = 4096;
      c.apiKeyId = key();
      step++;
      finish(c, w.longTokens(rnd, step < steps ? 180 : 700), 0.01);
      if (step < steps && c.status == 200) {
        c.finishReason = "tool_calls";
      }
      if (step < steps) {
        return t + 1500 + (long) Timing.lognormal(rnd, 4000, 0.6);
      }
      return Timing.nextArrival(rnd, t, perDay / 6, Timing.flat());
    }
  }

  /** Grader / reward-model prompts: buys judgments with reasoning, to train a reward model. */
  static final class Grader extends Actor {
    final int template;

    Grader(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      template = rnd.nextInt(ProjectText.GRADER_TEMPLATES.size());
    }

    @Override
    long first() {
      return Timing.nextArrival(rnd, w.start, perDay, Timing.flat());
    }

    @Override
    long step(Call c, long t) {
      String task = distillPrompt();
      String answer = pick(rnd.nextBoolean() ? Corpus.Pool.OPENORCA : Corpus.Pool.GPTEACHER_CODEGEN).prompt();
      int tpl = rnd.nextDouble() < 0.85 ? template : rnd.nextInt(ProjectText.GRADER_TEMPLATES.size());
      c.user(ProjectText.fill(ProjectText.GRADER_TEMPLATES.get(tpl), task, answer));
      style(c);
      c.model = "frontier-large";
      c.temperature = 0;
      c.maxTokens = 1024;
      c.apiKeyId = key();
      finish(c, w.longTokens(rnd, 320), 0.01);
      return Timing.nextArrival(rnd, t, perDay, Timing.flat());
    }
  }

  /** A campaign that moves to a newly released model within hours of its release. */
  static final class ReleasePivot extends Actor {
    final Population.Group g;
    final long pivotAt;
    final String system;

    ReleasePivot(Account a, SplittableRandom rnd, World w) {
      super(a, rnd, w);
      g = a.group;
      pivotAt = w.release + g.pivotDelay + rnd.nextLong(2 * Timing.HOUR);
      system = orcaSystem(g.systemPick);
    }

    private long nextAfter(long t) {
      double rate = t < pivotAt ? perDay * 0.3 : perDay * 2.0;
      long nx = Timing.nextArrival(rnd, t, rate, Timing.flat());
      if (t < pivotAt && nx > pivotAt) {
        return pivotAt + rnd.nextLong(60_000);
      }
      return nx;
    }

    @Override
    long first() {
      return nextAfter(w.start);
    }

    @Override
    long step(Call c, long t) {
      style(c);
      c.model = t >= pivotAt && rnd.nextDouble() < 0.95 ? Scenario.NEW_MODEL : "frontier-large";
      c.system = system;
      c.user(distillPrompt());
      c.temperature = 0.8;
      c.maxTokens = 4096;
      c.ip = g.ips[rnd.nextInt(g.ips.length)];
      c.apiKeyId = a.apiKeys[0];
      finish(c, w.longTokens(rnd, 800), 0.02);
      return nextAfter(t);
    }
  }
}
