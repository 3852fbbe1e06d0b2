package io.distillguard.sim;

import java.util.SplittableRandom;

/**
 * Arrival-time building blocks: diurnal and weekly cycles, heavy-tailed think times and sessions.
 *
 * <p>Human traffic is a non-homogeneous Poisson process of session starts, thinned by a diurnal
 * profile in the account's time zone, with lognormal think times inside sessions (so gaps are
 * heavy-tailed: seconds inside a session, hours between them). Machine traffic is Poisson at a
 * flat or gently diurnal rate. All times are epoch milliseconds.
 */
final class Timing {

  static final long MINUTE = 60_000L;
  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;

  /** Relative activity per local hour for people (mean 1): low at night, peak in the afternoon. */
  private static final double[] HUMAN = {
    0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 1.0, 1.35, 1.5, 1.55,
    1.45, 1.5, 1.6, 1.6, 1.5, 1.35, 1.25, 1.3, 1.35, 1.15, 0.8, 0.42
  };

  /** Office hours: nearly nothing outside 8-19 local time. */
  private static final double[] OFFICE = {
    0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.1, 0.6, 2.0, 2.6, 2.7, 2.3,
    1.6, 2.4, 2.7, 2.6, 2.3, 1.5, 0.5, 0.2, 0.1, 0.06, 0.04, 0.03
  };

  private Timing() {}

  static double human(long t, double tzHours) {
    return HUMAN[localHour(t, tzHours)];
  }

  static double office(long t, double tzHours) {
    double w = OFFICE[localHour(t, tzHours)];
    int dow = localDayOfWeek(t, tzHours);
    return dow >= 5 ? w * 0.05 : w * 1.35;
  }

  static int localHour(long t, double tzHours) {
    long local = t + (long) (tzHours * HOUR);
    return (int) Math.floorMod(local / HOUR, 24L);
  }

  /** 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
  static int localDayOfWeek(long t, double tzHours) {
    long local = t + (long) (tzHours * HOUR);
    return (int) Math.floorMod(Math.floorDiv(local, DAY) + 3, 7L);
  }

  static double exp(SplittableRandom rnd, double mean) {
    return -Math.log(1.0 - rnd.nextDouble()) * mean;
  }

  static double lognormal(SplittableRandom rnd, double median, double sigma) {
    return median * Math.exp(sigma * gaussian(rnd));
  }

  static double gaussian(SplittableRandom rnd) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Geometric count >= 1 with the given mean. */
  static int geometric(SplittableRandom rnd, double mean) {
    if (mean <= 1) {
      return 1;
    }
    double p = 1.0 / mean;
    return 1 + (int) Math.min(10_000, Math.floor(Math.log(1.0 - rnd.nextDouble()) / Math.log(1 - p)));
  }

  /** Shape of a rate over time, relative to its mean (1 = flat). */
  interface Profile {
    double weight(long t);

    double max();
  }

  static Profile flat() {
    return new Profile() {
      @Override
      public double weight(long t) {
        return 1;
      }

      @Override
      public double max() {
        return 1;
      }
    };
  }

  /** Human diurnal profile mixed with a flat share {@code 1 - amplitude}. */
  static Profile diurnal(double tzHours, double amplitude) {
    return new Profile() {
      @Override
      public double weight(long t) {
        return (1 - amplitude) + amplitude * human(t, tzHours);
      }

      @Override
      public double max() {
        return (1 - amplitude) + amplitude * 1.6;
      }
    };
  }

  static Profile officeHours(double tzHours) {
    return new Profile() {
      @Override
      public double weight(long t) {
        return office(t, tzHours);
      }

      @Override
      public double max() {
        return 2.7 * 1.35;
      }
    };
  }

  /**
   * Next arrival after {@code t} of a Poisson process with mean rate {@code perDay} shaped by the
   * profile (Lewis-Shedler thinning). Gives up after a bounded number of candidates.
   */
  static long nextArrival(SplittableRandom rnd, long t, double perDay, Profile p) {
    if (perDay <= 0) {
      return Long.MAX_VALUE;
    }
    double max = p.max();
    double meanGap = DAY / (perDay * max);
    double cur = t;
    for (int i = 0; i < 100_000; i++) {
      cur += exp(rnd, meanGap);
      if (cur > 9.0e15) {
        return Long.MAX_VALUE;
      }
      if (rnd.nextDouble() * max <= p.weight((long) cur)) {
        return (long) cur;
      }
    }
    return (long) cur;
  }

  /**
   * Sessions of a person: session starts follow {@link #nextArrival}; each session holds a
   * geometric number of requests separated by lognormal think times.
   */
  static final class Sessions {
    private final double sessionsPerDay;
    private final double meanRequests;
    private final double thinkMedianMs;
    private final Profile profile;
    private int remaining;
    private boolean fresh = true;

    Sessions(double perDay, double meanRequests, double thinkMedianMs, Profile profile) {
      this.sessionsPerDay = perDay / meanRequests;
      this.meanRequests = meanRequests;
      this.thinkMedianMs = thinkMedianMs;
      this.profile = profile;
    }

    /** True when the request about to be made opens a new session. */
    boolean fresh() {
      return fresh;
    }

    long next(SplittableRandom rnd, long t) {
      if (remaining > 0) {
        remaining--;
        fresh = false;
        return t + 1000 + (long) Math.min(lognormal(rnd, thinkMedianMs, 1.0), 2 * HOUR);
      }
      fresh = true;
      remaining = geometric(rnd, meanRequests) - 1;
      return nextArrival(rnd, t, sessionsPerDay, profile);
    }
  }
}
