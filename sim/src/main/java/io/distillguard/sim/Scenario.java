package io.distillguard.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to simulate: when, for how long, which cohorts of accounts, and how much traffic.
 *
 * <p>The named scenarios pick a {@code rateScale} so that the expected volume matches their target
 * (for example one million exchanges for {@code mixed-week}); {@link #withScale} multiplies it.
 *
 * @param name scenario name, used only for display
 * @param start first instant of simulated time (also the basis of account creation dates)
 * @param duration simulated span
 * @param cohorts groups of accounts of one persona
 * @param rateScale multiplier of every persona's nominal exchanges per day
 * @param releaseAt when the new model {@link #NEW_MODEL} is released (release-pivot moves to it)
 * @param evasions disguises every attack account puts on (none in the named scenarios)
 */
public record Scenario(
    String name,
    Instant start,
    Duration duration,
    List<Cohort> cohorts,
    double rateScale,
    Instant releaseAt,
    Set<Evasion> evasions) {

  /** A scenario without disguises. */
  public Scenario(
      String name, Instant start, Duration duration, List<Cohort> cohorts, double rateScale, Instant releaseAt) {
    this(name, start, duration, cohorts, rateScale, releaseAt, Set.of());
  }

  /** The names accepted by {@link #named}. */
  public static final List<String> NAMES =
      List.of("smoke", "demo", "mixed-week", "low-and-slow", "anthropic-scale");

  /** The model released during the scenario. */
  public static final String NEW_MODEL = "frontier-large-2";

  static final Instant DEFAULT_START = Instant.parse("2026-11-02T00:00:00Z");

  /**
   * Accounts of one persona.
   *
   * @param persona who they are
   * @param accounts how many accounts
   * @param groups for coordinated personas the number of campaigns, for enterprise-nat the number
   *     of organisations; 1 otherwise
   * @param rate multiplier of the persona's nominal rate for this cohort (before the scenario's)
   */
  public record Cohort(Persona persona, int accounts, int groups, double rate) {
    public Cohort(Persona persona, int accounts, int groups) {
      this(persona, accounts, groups, 1.0);
    }

    public Cohort {
      if (!(rate > 0) || rate > 1e6) {
        throw new IllegalArgumentException("cohort " + persona + ": rate must be in (0, 1e6]");
      }
      Objects.requireNonNull(persona, "persona");
      if (accounts < 0 || groups < 1 || (accounts > 0 && groups > accounts)) {
        throw new IllegalArgumentException(
            "cohort " + persona.json() + ": need 0 <= accounts and 1 <= groups <= accounts");
      }
    }
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(releaseAt, "releaseAt");
    cohorts = List.copyOf(cohorts);
    evasions = evasions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(evasions));
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException("duration must be in (0, 366 days]: " + duration);
    }
    if (!(rateScale > 0) || rateScale > 1e6) {
      throw new IllegalArgumentException("rateScale must be in (0, 1e6]: " + rateScale);
    }
    long total = 0;
    for (Cohort c : cohorts) {
      total += c.accounts();
    }
    if (total > 2_000_000) {
      throw new IllegalArgumentException("at most 2,000,000 accounts");
    }
  }

  /** Total accounts over all cohorts. */
  public int accounts() {
    int n = 0;
    for (Cohort c : cohorts) {
      n += c.accounts();
    }
    return n;
  }

  /** Expected exchanges (nominal rates x scale x days); the real count varies by some percent. */
  public double expectedExchanges() {
    double days = duration.toMillis() / 86_400_000.0;
    double sum = 0;
    for (Cohort c : cohorts) {
      sum += c.accounts() * c.persona().nominalPerDay() * c.rate();
    }
    return sum * days * rateScale;
  }

  /** The same scenario with a different duration (the release moves to the same relative point). */
  public Scenario withDays(double days) {
    if (!(days > 0) || days > 366) {
      throw new IllegalArgumentException("days must be in (0, 366]: " + days);
    }
    Duration d = Duration.ofMillis(Math.round(days * 86_400_000.0));
    double rel = Duration.between(start, releaseAt).toMillis() / (double) duration.toMillis();
    return new Scenario(
        name, start, d, cohorts, rateScale, start.plusMillis(Math.round(rel * d.toMillis())), evasions);
  }

  /** The same scenario with every cohort resized to reach about {@code total} accounts. */
  public Scenario withAccounts(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("accounts must be >= 1: " + total);
    }
    double f = total / (double) accounts();
    List<Cohort> out = new ArrayList<>();
    for (Cohort c : cohorts) {
      if (c.accounts() == 0) {
        out.add(c);
        continue;
      }
      int min = c.persona().grouped() ? 3 * c.groups() : 1;
      int n = Math.max(min, (int) Math.round(c.accounts() * f));
      out.add(new Cohort(c.persona(), n, c.groups(), c.rate()));
    }
    return new Scenario(name, start, duration, out, rateScale, releaseAt, evasions);
  }

  /** The same scenario with every rate multiplied by {@code factor}. */
  public Scenario withScale(double factor) {
    return new Scenario(name, start, duration, cohorts, rateScale * factor, releaseAt, evasions);
  }

  /** The same scenario with every attack account under {@code disguises} (see {@link Evasion}). */
  public Scenario withEvasions(Set<Evasion> disguises) {
    return new Scenario(name, start, duration, cohorts, rateScale, releaseAt, disguises);
  }

  /** A named scenario: one of {@link #NAMES}. */
  public static Scenario named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "smoke":
        return calibrated(n, Duration.ofDays(1), 0.5, 3_000, smokeCohorts());
      case "demo":
        return calibrated(n, Duration.ofHours(4), 0.5, 4_000, demoCohorts());
      case "mixed-week":
        return calibrated(n, Duration.ofDays(7), 3.5 / 7, 1_000_000, mixedCohorts(1.0));
      case "anthropic-scale":
        return calibrated(n, Duration.ofDays(7), 3.5 / 7, 16_000_000, mixedCohorts(4.8));
      case "low-and-slow":
        return calibrated(n, Duration.ofDays(7), 3.5 / 7, 300_000, lowAndSlowCohorts());
      default:
        throw new IllegalArgumentException("unknown scenario: " + name + " (known: " + NAMES + ")");
    }
  }

  private static Scenario calibrated(
      String name, Duration d, double releaseAt, double target, List<Cohort> cohorts) {
    Instant release = DEFAULT_START.plusMillis(Math.round(d.toMillis() * releaseAt));
    Scenario s = new Scenario(name, DEFAULT_START, d, cohorts, 1.0, release);
    return s.withScale(target / s.expectedExchanges());
  }

  private static List<Cohort> smokeCohorts() {
    List<Cohort> out = new ArrayList<>();
    for (Persona p : Persona.values()) {
      int n = p.coordinated() ? 6 : p == Persona.ENTERPRISE_NAT ? 4 : p == Persona.CASUAL_CHAT ? 8 : 2;
      out.add(even(p, n, 180, 1));
    }
    return out;
  }

  private static List<Cohort> demoCohorts() {
    List<Cohort> out = new ArrayList<>();
    for (Persona p : Persona.values()) {
      int n =
          switch (p) {
            case CASUAL_CHAT -> 30;
            case CODING_ASSISTANT -> 10;
            case HYDRA_COT -> 12;
            case LOW_AND_SLOW -> 8;
            case RELEASE_PIVOT -> 5;
            case ENTERPRISE_NAT -> 6;
            case APP_BACKEND -> 3;
            default -> 2;
          };
      out.add(even(p, n, 250, 4 / 24.0));
    }
    return out;
  }

  private static List<Cohort> mixedCohorts(double f) {
    List<Cohort> out = new ArrayList<>();
    out.add(new Cohort(Persona.CASUAL_CHAT, r(3_600, f), 1));
    out.add(new Cohort(Persona.APP_BACKEND, r(60, f), 1));
    out.add(new Cohort(Persona.CODING_ASSISTANT, r(520, f), 1));
    out.add(new Cohort(Persona.BATCH_LABELLING, r(15, f), 1));
    out.add(new Cohort(Persona.EVAL_HARNESS, r(15, f), 1));
    out.add(new Cohort(Persona.RAG_APP, r(30, f), 1));
    out.add(new Cohort(Persona.RESELLER, r(8, f), 1));
    out.add(new Cohort(Persona.ENTERPRISE_NAT, r(150, f), r(4, f)));
    out.add(new Cohort(Persona.SINGLE_HARVESTER, r(5, f), 1));
    out.add(new Cohort(Persona.HYDRA_COT, r(320, f), r(2, f)));
    out.add(new Cohort(Persona.LOW_AND_SLOW, r(120, f), 1));
    out.add(new Cohort(Persona.RESELLER_MIXING, r(6, f), 1));
    out.add(new Cohort(Persona.META_REASONING, r(20, f), 1));
    out.add(new Cohort(Persona.AGENTIC_TOOL_HARVEST, r(8, f), 1));
    out.add(new Cohort(Persona.GRADER_HARVEST, r(8, f), 1));
    out.add(new Cohort(Persona.RELEASE_PIVOT, r(40, f), r(1, f)));
    out.add(new Cohort(Persona.SHARED_CLIENT, r(150, f), 3));
    return out;
  }

  private static List<Cohort> lowAndSlowCohorts() {
    List<Cohort> out = new ArrayList<>();
    out.add(new Cohort(Persona.CASUAL_CHAT, 1_200, 1));
    out.add(new Cohort(Persona.CODING_ASSISTANT, 200, 1));
    out.add(new Cohort(Persona.APP_BACKEND, 10, 1));
    out.add(new Cohort(Persona.EVAL_HARNESS, 3, 1));
    out.add(new Cohort(Persona.ENTERPRISE_NAT, 60, 2));
    out.add(new Cohort(Persona.LOW_AND_SLOW, 400, 2));
    out.add(new Cohort(Persona.SHARED_CLIENT, 150, 3));
    return out;
  }

  /** A cohort whose rate gives it about {@code exchanges} in {@code days}, whatever the persona. */
  private static Cohort even(Persona p, int accounts, double exchanges, double days) {
    return new Cohort(p, accounts, 1, exchanges / (accounts * p.nominalPerDay() * days));
  }

  private static int r(int n, double f) {
    return Math.max(1, (int) Math.round(n * f));
  }
}
