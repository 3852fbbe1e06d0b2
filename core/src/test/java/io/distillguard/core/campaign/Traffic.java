package io.distillguard.core.campaign;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FrameVariants;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.Request;
import java.util.List;

/** Builds exchanges and their features for linker tests, one fluent value per exchange. */
final class Traffic {
  static final long T0 = 1_793_000_000_000L; // 2026-10-25, a fixed event-time origin
  static final long MIN = 60_000L;
  static final long HOUR = 60 * MIN;
  static final long DAY = 24 * HOUR;

  private long ts = T0;
  private String account = "acct";
  private String org;
  private String ip;
  private String ua = "openai-python/1.54.0";
  private long asn = -1;
  private long createdAt = Exchange.ABSENT;
  private String payment;
  private String model = "frontier-large";
  private int status = 200;
  private long template;
  private long simhash;
  private long system;
  private String systemText = "";
  private FrameVariants variants = FrameVariants.NONE;
  private float cot;
  private float meta;
  private int harvest;
  private int topic;
  private boolean grader;
  private int turns;
  private boolean madeUpTurns;
  private String text = "prompt";
  private static int seq;

  static Traffic at(long ts) {
    Traffic t = new Traffic();
    t.ts = ts;
    return t;
  }

  Traffic account(String a) {
    account = a;
    return this;
  }

  Traffic org(String o) {
    org = o;
    return this;
  }

  Traffic ip(String v) {
    ip = v;
    return this;
  }

  Traffic ua(String v) {
    ua = v;
    return this;
  }

  Traffic asn(long v) {
    asn = v;
    return this;
  }

  Traffic created(long v) {
    createdAt = v;
    return this;
  }

  Traffic payment(String v) {
    payment = v;
    return this;
  }

  Traffic model(String v) {
    model = v;
    return this;
  }

  Traffic status(int v) {
    status = v;
    return this;
  }

  /** Exact template (and a SimHash derived from it, as a near-identical skeleton would have). */
  Traffic template(long v) {
    template = v;
    simhash = GraphCampaignLinker.mix(v * 7 + 3);
    return this;
  }

  /** A SimHash of its own, after {@link #template} (a near-duplicate sharing only some bands). */
  Traffic simhash(long v) {
    simhash = v;
    return this;
  }

  Traffic system(long v) {
    system = v;
    return this;
  }

  /** The system prompt's text as sent (the features' {@code system} hash stands for it). */
  Traffic systemText(String v) {
    systemText = v;
    return this;
  }

  /**
   * A system prompt one sentence apart from others with the same {@code shared} key (a per-sender
   * name in one prompt): frame {@code v}, variant keys its own sentence list's and {@code shared}.
   */
  Traffic system(long v, long shared) {
    system = v;
    variants = FrameVariants.of(GraphCampaignLinker.mix(v), shared);
    return this;
  }

  /** A system prompt, frame {@code v}, with the given variant keys (its sentence list's first). */
  Traffic systemWithKeys(long v, long... keys) {
    system = v;
    variants = FrameVariants.of(keys);
    return this;
  }

  Traffic cot(float v) {
    cot = v;
    return this;
  }

  Traffic meta(float v) {
    meta = v;
    return this;
  }

  Traffic harvest(int flags) {
    harvest = flags;
    return this;
  }

  Traffic topic(int v) {
    topic = v;
    return this;
  }

  Traffic grader(boolean v) {
    grader = v;
    return this;
  }

  /** Assistant turns in the history: the request follows up the account's own earlier request. */
  Traffic turns(int v) {
    turns = v;
    madeUpTurns = false;
    return this;
  }

  /** Assistant turns in a history the account never sent (few-shot prompts, replayed chat logs). */
  Traffic madeUpTurns(int v) {
    turns = v;
    madeUpTurns = true;
    return this;
  }

  Traffic text(String v) {
    text = v;
    return this;
  }

  Exchange exchange() {
    Request req =
        new Request(
            Request.ApiShape.OPENAI_CHAT,
            systemText,
            List.of(new Request.Message(Request.Role.USER, text, false)),
            Double.NaN,
            Double.NaN,
            -1,
            -1,
            false,
            -1,
            false,
            List.of(),
            null,
            -1,
            0,
            List.of(),
            "");
    return new Exchange(
        ts,
        "req-" + (seq++),
        account,
        null,
        org,
        new Exchange.ClientInfo(ip, ua, asn),
        new Exchange.AccountInfo(createdAt, payment, null, -1, null),
        "/v1/chat/completions",
        model,
        req,
        new Exchange.ResponseInfo(status, 30, 400, -1, 5000, "stop"));
  }

  ExchangeFeatures features() {
    return new ExchangeFeatures(
        template, simhash, system, template * 31 + ts, text.length(), topic, cot, meta, grader,
        false, harvest, turns, false, 10f, false, 0, false, 0, 0, 0, variants, 0, 0);
  }

  /** Whether the account's profile would count this request as conversation. */
  boolean followsUp() {
    return turns > 0 && !madeUpTurns;
  }

  /** Feeds this exchange to the linker with the given account risk. */
  void to(CampaignLinker linker, double risk) {
    linker.observe(exchange(), features(), risk, followsUp());
  }
}
