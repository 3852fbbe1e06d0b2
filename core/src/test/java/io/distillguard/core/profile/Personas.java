package io.distillguard.core.profile;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FrameVariants;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hand-built traffic of the personas the scorer must tell apart: attackers (CoT and meta-reasoning
 * harvesters, task generators, tool-use harvesters) and hard negatives (batch labelling, eval
 * harness, RAG app, reseller, enterprise NAT, casual user). Each returns (exchange, features) pairs in
 * time order; features are what the feature extractor would say about such a request.
 */
public final class Personas {
  public static final long T0 = 1_793_000_000_000L; // 2026-10-25
  public static final long DAY = 86_400_000L;

  /** One exchange and its features. */
  public record Event(Exchange exchange, ExchangeFeatures features) {}

  private Personas() {}

  /** Mutable builder for one event; defaults are a plain verified single-turn chat request. */
  public static final class Ev {
    long ts = T0;
    String account = "acct";
    String ip = "203.0.113.7";
    String ua = "openai-python/1.54.0";
    long asn = 64500;
    long createdAt = T0 - 400 * DAY;
    int verified = 1;
    String model = "frontier-large";
    int status = 200;
    int promptTokens = 60;
    int completionTokens = 200;
    List<String> tools = List.of();
    long template = 11;
    long prompt = 12;
    long system;
    int promptChars = 240;
    int topic;
    float cot;
    float meta;
    boolean grader;
    boolean taskGen;
    int harvest;
    int assistantTurns;
    boolean madeUpTurns;
    boolean cotFromSystem;
    int toolResults;
    boolean orphan;
    long toolResult;
    long task;

    public Ev ts(long v) { ts = v; return this; }
    public Ev account(String v) { account = v; return this; }
    public Ev ip(String v) { ip = v; return this; }
    public Ev ua(String v) { ua = v; return this; }
    public Ev asn(long v) { asn = v; return this; }
    public Ev created(long v) { createdAt = v; return this; }
    public Ev verified(int v) { verified = v; return this; }
    public Ev model(String v) { model = v; return this; }
    public Ev status(int v) { status = v; return this; }
    public Ev tokens(int p, int c) { promptTokens = p; completionTokens = c; return this; }
    public Ev tools(List<String> v) { tools = v; return this; }
    public Ev template(long v) { template = v; return this; }
    public Ev prompt(long v) { prompt = v; return this; }
    public Ev system(long v) { system = v; return this; }
    public Ev topic(int v) { topic = v; return this; }
    public Ev cot(float v) { cot = v; return this; }
    public Ev meta(float v) { meta = v; return this; }
    public Ev grader(boolean v) { grader = v; return this; }
    public Ev taskGen(boolean v) { taskGen = v; return this; }
    public Ev harvest(int v) { harvest = v; return this; }
    /** A follow-up of the account's own earlier request, {@code v} assistant turns in its history. */
    public Ev turns(int v) { assistantTurns = v; madeUpTurns = false; return this; }
    /** {@code v} assistant turns in a history the account never sent (few-shot, replayed logs). */
    public Ev madeUpTurns(int v) { assistantTurns = v; madeUpTurns = true; return this; }
    public Ev cotFromSystem(boolean v) { cotFromSystem = v; return this; }
    /** An agent-loop step: {@code results} tool results, the newest hashing to {@code result}. */
    public Ev toolStep(int results, long result, long task) {
      toolResults = results; toolResult = result; this.task = task; return this;
    }
    public Ev orphan(boolean v) { orphan = v; return this; }

    /**
     * The account's opening turns all hash alike, and each follow-up answers one of them, so any
     * follow-up after the account's first opening request is its own.
     */
    static long ownTurn(String account) {
      return 0x5EED_0000_0000L | (account.hashCode() & 0xFFFF_FFFFL);
    }

    private long turnHash() {
      return assistantTurns == 0 ? ownTurn(account) : ownTurn(account) ^ (ts * 0x9E3779B97F4A7C15L);
    }

    private long repliesTo() {
      return assistantTurns == 0 ? 0 : madeUpTurns ? ~ownTurn(account) ^ ts : ownTurn(account);
    }

    public Event build() {
      List<Request.Message> msgs = new ArrayList<>();
      for (int i = 0; i < assistantTurns; i++) {
        msgs.add(new Request.Message(Request.Role.USER, "u", false));
        msgs.add(new Request.Message(Request.Role.ASSISTANT, "a", false));
      }
      msgs.add(new Request.Message(Request.Role.USER, "prompt " + prompt, false));
      Request req =
          new Request(Request.ApiShape.OPENAI_CHAT, system == 0 ? "" : "sys", msgs, 0.7, Double.NaN,
              (harvest & ExchangeFeatures.HARVEST_MULTI_N) != 0 ? 4 : -1, 2048,
              (harvest & ExchangeFeatures.HARVEST_LOGPROBS) != 0, -1, false, tools, null, -1, 0, List.of(), "");
      Exchange e =
          new Exchange(ts, "req-" + account + "-" + ts + "-" + prompt, account, null, null,
              new Exchange.ClientInfo(ip, ua, asn),
              new Exchange.AccountInfo(createdAt, null, null, verified, null),
              "/v1/chat/completions", model, req,
              new Exchange.ResponseInfo(status, promptTokens, completionTokens, -1, 1000, "stop"));
      float ratio = promptTokens > 0 && completionTokens >= 0 ? (float) completionTokens / promptTokens : -1f;
      ExchangeFeatures f =
          new ExchangeFeatures(template, template * 31, system, prompt, promptChars, topic, cot, meta,
              grader, taskGen, harvest, assistantTurns, !tools.isEmpty() || toolResults > 0, ratio,
              cotFromSystem, toolResults, orphan, toolResults > 0 ? toolResult : 0, toolResults > 0 ? task : 0, 0,
              FrameVariants.NONE, turnHash(), repliesTo());
      return new Event(e, f);
    }
  }

  public static Ev ev() {
    return new Ev();
  }

  /**
   * The same traffic as conversation: every request with a made-up exchange in its history
   * ({@code madeUp}), or every second request a follow-up of the one before it.
   */
  public static List<Event> withTurns(List<Event> events, boolean madeUp) {
    List<Event> out = new ArrayList<>(events.size());
    long previous = 0;
    for (Event e : events) {
      ExchangeFeatures f = e.features();
      long turn = Ev.ownTurn(e.exchange().accountId()) ^ (out.size() * 0x9E3779B97F4A7C15L);
      long repliesTo = madeUp ? ~turn : out.size() % 2 == 1 ? previous : 0;
      out.add(new Event(e.exchange(), new ExchangeFeatures(f.templateHash(), f.templateSimhash(),
          f.systemHash(), f.promptHash(), f.promptChars(), f.topicBucket(), f.cotElicitation(),
          f.metaReasoning(), f.graderPrompt(), f.taskGeneration(), f.harvestFlags(),
          repliesTo == 0 ? 0 : 1, f.toolUse(), f.completionRatio(), f.cotFromSystem(),
          f.toolResults(), f.orphanToolResult(), f.toolResultHash(), f.taskHash(), f.leadHash(),
          f.frameVariants(), turn, repliesTo)));
      previous = turn;
    }
    return out;
  }

  /** Diverse tasks over all topics, step-by-step asked, long answers; young unverified, proxies. */
  public static List<Event> cotHarvester(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += 1800 + r.nextInt(400);
      out.add(ev().account(account).ts(ts).ip("198.51." + r.nextInt(256) + "." + r.nextInt(256))
          .asn(64000 + r.nextInt(40)).created(T0 - 2 * DAY).verified(0)
          .template(1000 + r.nextInt(400)).prompt(r.nextLong()).topic(r.nextInt(64))
          .cot(r.nextDouble() < 0.9 ? 0.9f : 0f).tokens(80, 900 + r.nextInt(600))
          .harvest(r.nextDouble() < 0.3 ? ExchangeFeatures.HARVEST_MAX_TOKENS : 0).build());
    }
    return out;
  }

  /** Asks the model to reveal its own reasoning on diverse tasks; a verified, older account. */
  public static List<Event> metaHarvester(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += 5_000 + r.nextInt(20_000);
      out.add(ev().account(account).ts(ts).template(2000 + r.nextInt(50)).prompt(r.nextLong())
          .topic(r.nextInt(64)).meta(r.nextDouble() < 0.7 ? 0.8f : 0f).cot(0.6f)
          .tokens(120, 700 + r.nextInt(800)).build());
    }
    return out;
  }

  /** Generates tasks and grades answers, self-instruct style. */
  public static List<Event> taskGenerator(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += 3_000 + r.nextInt(1_000);
      boolean gen = r.nextBoolean();
      out.add(ev().account(account).ts(ts).created(T0 - 5 * DAY).verified(0)
          .template(3000 + r.nextInt(20)).prompt(r.nextLong()).topic(r.nextInt(64))
          .taskGen(gen).grader(!gen).tokens(300, 900 + r.nextInt(900)).build());
    }
    return out;
  }

  /** One labelling template over many documents: temperature 0, short answers, no CoT. */
  public static List<Event> batchLabeller(String account, int n, long seed) {
    return labeller(account, n, seed, false);
  }

  /**
   * As {@link #batchLabeller}, but its answer schema asks for a short reasoning before each label
   * (a field named {@code reasoning}): every request carries a fixed CoT cue, and answers are a
   * sentence or two.
   */
  public static List<Event> reasonedLabeller(String account, int n, long seed) {
    return labeller(account, n, seed, true);
  }

  private static List<Event> labeller(String account, int n, long seed, boolean reasoned) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += 500 + r.nextInt(100);
      Ev e = ev().account(account).ts(ts).template(42).prompt(r.nextLong()).topic(3 + r.nextInt(2));
      int prompt = 400 + r.nextInt(300);
      out.add((reasoned ? e.cot(0.9f).cotFromSystem(true).tokens(prompt, 30 + r.nextInt(70))
          : e.tokens(prompt, 3 + r.nextInt(10))).build());
    }
    return out;
  }

  /** Benchmark questions with "think step by step", n > 1, re-run across models. */
  public static List<Event> evalHarness(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] models = {"frontier-large", "frontier-small", "frontier-mini", "frontier-2"};
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += 2_000 + r.nextInt(500);
      int q = i % 120; // 120 benchmark questions, re-run per model
      out.add(ev().account(account).ts(ts).model(models[(i / 120) % 4]).template(500 + q % 8)
          .prompt(90_000 + q).topic(q % 20).cot(0.8f).harvest(ExchangeFeatures.HARVEST_MULTI_N)
          .tokens(150, 400 + r.nextInt(300)).turns(q % 10 == 0 ? 1 : 0).build());
    }
    return out;
  }

  /** Fixed system prompt with retrieved passages, diverse user questions, some follow-ups. */
  public static List<Event> ragApp(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += poissonGap(r, 20_000);
      out.add(ev().account(account).ts(ts).system(777).template(600 + r.nextInt(300))
          .prompt(r.nextLong()).topic(r.nextInt(24)).cot(r.nextDouble() < 0.04 ? 0.7f : 0f)
          .tokens(1500 + r.nextInt(1500), 150 + r.nextInt(300))
          .turns(r.nextDouble() < 0.35 ? 1 + r.nextInt(3) : 0).build());
    }
    return out;
  }

  /** Many end users' real, diverse traffic behind one account and a few server IPs. */
  public static List<Event> reseller(String account, int n, long seed, double attackShare) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += poissonGap(r, 4_000);
      Ev e = ev().account(account).ts(ts).ip("192.0.2." + r.nextInt(4)).ua("reseller-gw/2.1")
          .template(r.nextLong()).prompt(r.nextLong()).topic(r.nextInt(64));
      if (r.nextDouble() < attackShare) {
        e.meta(r.nextDouble() < 0.5 ? 0.8f : 0f).cot(0.9f).tokens(100, 900 + r.nextInt(800));
      } else {
        e.cot(r.nextDouble() < 0.04 ? 0.7f : 0f).tokens(200 + r.nextInt(800), 50 + r.nextInt(500))
            .turns(r.nextDouble() < 0.4 ? 1 + r.nextInt(4) : 0);
      }
      out.add(e.build());
    }
    return out;
  }

  /** A casual person: a few conversations a day in working hours. */
  public static List<Event> casual(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += r.nextDouble() < 0.3 ? 3 * 3_600_000L + r.nextInt(20 * 3_600_000) : 30_000 + r.nextInt(300_000);
      out.add(ev().account(account).ts(ts).template(r.nextLong()).prompt(r.nextLong())
          .topic(r.nextInt(30)).cot(r.nextDouble() < 0.08 ? 0.7f : 0f)
          .tokens(50 + r.nextInt(200), 100 + r.nextInt(600)).turns(r.nextDouble() < 0.5 ? 2 : 0).build());
    }
    return out;
  }

  /**
   * Agent-skill harvesting: a fixed tool set, many unrelated tasks of a few steps each, tool results
   * drawn from a small canned pool (the client fabricates them); young unverified account, 24/7.
   */
  public static List<Event> toolHarvester(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    int step = 0;
    int steps = 0;
    long task = 0;
    for (int i = 0; i < n; i++) {
      if (step >= steps) {
        task = r.nextLong();
        steps = 3 + r.nextInt(8);
        step = 0;
        ts += poissonGap(r, 600_000);
      }
      ts += 1500 + r.nextInt(6000);
      out.add(ev().account(account).ts(ts).created(T0 - 6 * DAY).verified(0)
          .tools(List.of("run_python", "read_file", "write_file")).template(task).prompt(r.nextLong())
          .topic(r.nextInt(40)).tokens(400 + 80 * step, 150 + r.nextInt(200))
          .toolStep(step, step == 0 ? 0 : 1 + r.nextInt(7), task).build());
      step++;
    }
    return out;
  }

  /**
   * A developer's coding agent: long loops on a handful of tasks in one code base, each tool result
   * fresh output (file contents, test runs), some repeating ("tests passed").
   */
  public static List<Event> agentDeveloper(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    int step = 0;
    int steps = 0;
    long task = 0;
    for (int i = 0; i < n; i++) {
      if (step >= steps) {
        task = r.nextLong();
        steps = 10 + r.nextInt(60);
        step = 0;
        ts += poissonGap(r, 3_600_000);
      }
      ts += 2000 + r.nextInt(20_000);
      long result = r.nextDouble() < 0.2 ? 1 + r.nextInt(5) : r.nextLong();
      out.add(ev().account(account).ts(ts)
          .tools(List.of("read_file", "edit_file", "run_tests", "grep", "bash")).template(task)
          .prompt(r.nextLong()).topic(r.nextInt(6)).tokens(3000 + 500 * step, 100 + r.nextInt(600))
          .toolStep(step, step == 0 ? 0 : result, task).build());
      step++;
    }
    return out;
  }

  /**
   * A product backend with "think step by step" fixed in its one system prompt and end users'
   * diverse questions: every request carries the cue, but only because of the system prompt.
   */
  public static List<Event> appBackendWithCotSystemPrompt(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += poissonGap(r, 30_000);
      out.add(ev().account(account).ts(ts).system(4242).template(r.nextLong()).prompt(r.nextLong())
          .topic(r.nextInt(64)).cot(0.8f).cotFromSystem(true)
          .tokens(200 + r.nextInt(300), 100 + r.nextInt(500)).build());
    }
    return out;
  }

  /**
   * A reseller whose end users' traffic hides a harvesting client: {@code share} of the exchanges
   * use one fixed system prompt, single-turn diverse tasks and long answers, with no CoT cue at all.
   */
  public static List<Event> resellerWithHiddenStream(String account, int n, long seed, double share) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += poissonGap(r, 4_000);
      Ev e = ev().account(account).ts(ts).ip("192.0.2." + r.nextInt(4)).ua("reseller-gw/2.1")
          .template(r.nextLong()).prompt(r.nextLong()).topic(r.nextInt(64));
      if (r.nextDouble() < share) {
        e.system(9001).tokens(60 + r.nextInt(100), 500 + r.nextInt(900));
      } else {
        e.system(r.nextDouble() < 0.15 ? 1 + r.nextInt(150) : 0)
            .cot(r.nextDouble() < 0.04 ? 0.7f : 0f).tokens(200 + r.nextInt(800), 50 + r.nextInt(500))
            .turns(r.nextDouble() < 0.4 ? 1 + r.nextInt(4) : 0);
      }
      out.add(e.build());
    }
    return out;
  }

  /**
   * One heavy account, a week old and unverified: logprobs and n > 1 on thousands of distinct prompts
   * over every topic, from one server address.
   */
  public static List<Event> logprobHarvester(String account, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += poissonGap(r, 20_000);
      // a finite source corpus: prompts come round again after 4,000
      out.add(ev().account(account).ts(ts).created(T0 - 8 * DAY).verified(0)
          .template(r.nextLong()).prompt(1 + (i * 7919L) % 4000)
          .topic(r.nextInt(64))
          .harvest(ExchangeFeatures.HARVEST_LOGPROBS | ExchangeFeatures.HARVEST_MULTI_N)
          .tokens(60 + r.nextInt(100), 1500 + r.nextInt(1500)).build());
    }
    return out;
  }

  private static long poissonGap(SplittableRandom r, double meanMillis) {
    return 1 + (long) (-Math.log(1 - r.nextDouble()) * meanMillis);
  }

  /** A profile of the events. */
  public static AccountProfile profile(List<Event> events) {
    AccountProfile p = new AccountProfile();
    for (Event e : events) {
      p.update(e.exchange(), e.features());
    }
    return p;
  }
}
