package io.distillguard.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs a {@link Scenario}: builds its accounts, then streams every exchange in time order to an
 * {@link ExchangeSink}.
 *
 * <p>How it stays fast and bounded: every account is an {@link Actor} that generates its own
 * timeline lazily, one exchange at a time; a priority queue keyed by each actor's next event time
 * (ties broken by account index) merges them. Memory is O(accounts), not O(exchanges), so tens of
 * millions of exchanges stream through. Each actor owns a {@link SplittableRandom} derived from the
 * seed and its index, so a seed gives byte-identical output.
 */
public final class Simulator {

  /**
   * What a run produced.
   *
   * @param exchanges lines written
   * @param accounts accounts labelled
   * @param byPersona exchanges per persona
   */
  public record Summary(long exchanges, int accounts, Map<Persona, Long> byPersona) {
    public Summary {
      byPersona = Map.copyOf(byPersona);
    }
  }

  private Simulator() {}

  /** Runs {@code scenario} with {@code seed} on {@code corpus}, streaming into {@code sink}. */
  public static Summary run(Scenario scenario, long seed, Corpus corpus, ExchangeSink sink) {
    return run(scenario, seed, corpus, sink, Long.MAX_VALUE);
  }

  /** As {@link #run(Scenario, long, Corpus, ExchangeSink)}, stopping after {@code maxExchanges}. */
  public static Summary run(Scenario scenario, long seed, Corpus corpus, ExchangeSink sink, long maxExchanges) {
    Population pop = new Population(scenario, seed);
    World world = new World(scenario, corpus);
    List<Label> labels = new ArrayList<>();
    for (Account a : pop.identities) {
      labels.add(new Label(a.id, a.persona.label(), a.campaign, a.persona.json()));
    }
    labels.sort(Comparator.comparing(Label::accountId));
    for (Label l : labels) {
      sink.label(l);
    }
    PriorityQueue<Actor> queue =
        new PriorityQueue<>(
            Math.max(1, pop.accounts.size()),
            (x, y) -> x.next != y.next ? Long.compare(x.next, y.next) : Integer.compare(x.a.index, y.a.index));
    for (Account a : pop.accounts) {
      Actor actor = Actor.create(a, new SplittableRandom(Population.mix(seed, 0x5EED0000L + a.index)), world);
      if (actor.next < world.end) {
        queue.add(actor);
      }
    }
    Call call = new Call();
    Disguise disguise = new Disguise(scenario.evasions(), seed, world);
    LineWriter out = new LineWriter(world.quoted);
    long[] perPersona = new long[Persona.values().length];
    char[] hex = new char[20];
    long seq = 0;
    long last = world.start;
    while (!queue.isEmpty() && seq < maxExchanges) {
      Actor actor = queue.poll();
      long t = Math.max(actor.next, last);
      call.reset();
      actor.a.advance(t);
      long nx = actor.step(call, t);
      if (disguise.active()) {
        disguise.apply(actor.a, call, t);
      }
      out.write(t, requestId(seed, seq, hex), actor.a, call);
      sink.exchange(t, out.bytes(), 0, out.length());
      perPersona[actor.a.persona.ordinal()]++;
      seq++;
      last = t;
      if (nx < world.end) {
        actor.next = Math.max(nx, t);
        queue.add(actor);
      }
    }
    Map<Persona, Long> by = new EnumMap<>(Persona.class);
    for (Persona p : Persona.values()) {
      by.put(p, perPersona[p.ordinal()]);
    }
    return new Summary(seq, labels.size(), by);
  }

  /** Unique per run: a bijective mix of the sequence number, so ids do not reveal order. */
  private static String requestId(long seed, long seq, char[] buf) {
    long z = Population.mix(seed, seq);
    buf[0] = 'r';
    buf[1] = 'e';
    buf[2] = 'q';
    buf[3] = '_';
    for (int i = 19; i >= 4; i--) {
      buf[i] = Character.forDigit((int) (z & 15), 16);
      z >>>= 4;
    }
    return new String(buf);
  }
}
