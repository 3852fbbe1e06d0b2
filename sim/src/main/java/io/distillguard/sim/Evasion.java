package io.distillguard.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A disguise that every attack account of a scenario puts on (or, under {@link #PER_ACCOUNT}, each
 * by its own coin), on top of its persona: how an operation that knows what gives it away would
 * change its traffic. Benign accounts are never touched, and the traffic under a disguise is
 * otherwise the same draw (same seed, same prompts, same times), so a run with and without one
 * isolates what the disguise costs the detector.
 */
public enum Evasion {
  /** Each request's system prompt opens with its own session number and timestamp. */
  STAMPED_SYSTEM("stamped-system"),
  /** No system prompt: its text opens the last user turn as its own paragraph. */
  SYSTEM_IN_USER("system-in-user"),
  /** Each account's system prompt opens with an assistant name and trait of its own. */
  PERSONA_NAME("persona-name"),
  /**
   * Each account on infrastructure of its own: its own card and user agent, created at a random
   * time over four months, and a fresh residential exit address on every request.
   */
  CLEAN_INFRA("clean-infra"),
  /**
   * Half of each account's requests are ordinary one-turn chat from the benign corpora (no system
   * prompt, no harvest parameters), on the same schedule, key and exits: its extraction is diluted
   * to half of what it sends.
   */
  COVER_TRAFFIC("cover-traffic"),
  /**
   * As {@link #COVER_TRAFFIC}, but four of every five requests are cover: extraction is a fifth of
   * what each account sends, under any share an operator might guess a detector keys on.
   */
  HEAVY_COVER("heavy-cover"),
  /**
   * The step-by-step instruction in an attack account's system prompt is reworded, one wording per
   * operation (per account when it has none), with none of the usual elicitation phrases.
   */
  REWORDED_CUES("reworded-cues"),
  /**
   * Each chat request is dressed as a conversation's follow-up: a made-up earlier exchange (a
   * person's question from the human corpora and an assistant's reply) comes before its last user
   * turn, as few-shot prompts and replayed chat logs do. No earlier request of the account sent it.
   */
  FAKE_TURNS("fake-turns"),
  /**
   * Each chat request continues the account's own previous one: that request's last question and a
   * one-line reply come before its own question, so its history names a turn the account sent, but
   * never grows beyond one exchange.
   */
  CHAINED_TURNS("chained-turns"),
  /**
   * Each request goes to one of three models at random, the persona's own and two others, as an
   * operation harvesting several of a provider's models through the same accounts does.
   */
  MODEL_ROTATION("model-rotation"),
  /**
   * The working is asked for by a structured-output schema instead of a sentence: wherever an
   * attack chat request's system prompt says to think step by step and justify the steps, that
   * sentence goes, and the answer must follow a schema whose fields hold the working (steps with
   * their explanations, a chain of thought, a rationale; one schema per operation). OpenAI chat
   * sends it as {@code response_format}, Responses as {@code text.format}, Anthropic as a forced
   * tool. Requests without the sentence, completions and tool-using requests are left as they are.
   */
  SCHEMA_COT("schema-cot"),
  /**
   * A campaign's accounts are used up and replaced, as an operation whose accounts get banned does:
   * each worker of a campaign runs on one account for 1-3 days, then goes on with the same work on
   * a fresh one (its own key, id and signup; a card and exits from the operation's pool, or its own
   * under {@link #CLEAN_INFRA}). A week's campaign is then several times as many accounts, each
   * with a few days of traffic. Lone attackers and benign accounts keep theirs.
   */
  ACCOUNT_CHURN("account-churn"),
  /**
   * The other listed disguises are each worn by about half of the attack accounts: every account (a
   * campaign worker and the accounts that take its work over) tosses its own coin for each, once,
   * as an operation whose workers run different builds of its client would. {@link #ACCOUNT_CHURN}
   * stays the operation's choice and is not tossed for.
   */
  PER_ACCOUNT("per-account");

  private final String json;

  Evasion(String json) {
    this.json = json;
  }

  /** The name used on the command line, e.g. {@code stamped-system}. */
  public String json() {
    return json;
  }

  /** Parses a comma-separated list of names ({@code ""} gives none). */
  public static Set<Evasion> parseList(String names) {
    Set<Evasion> out = EnumSet.noneOf(Evasion.class);
    for (String n : names.split(",")) {
      String t = n.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      Evasion found = null;
      for (Evasion e : values()) {
        if (e.json.equals(t)) {
          found = e;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("unknown evasion: " + n.trim() + " (known: " + names() + ")");
      }
      out.add(found);
    }
    return out;
  }

  /** All names, comma-separated. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (Evasion e : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(e.json);
    }
    return sb.toString();
  }
}
