package io.distillguard.gateway;

/**
 * The gateway's two time sources: monotonic nanoseconds for latencies and rate-limit refill, and
 * wall time for the {@code ts} of logged exchanges. Injected so tests control time; the only place
 * in the gateway that reads the system clocks, except the upstream timeouts (response head and
 * stream idle), which run on the real monotonic clock as the Vert.x timers that fire them do.
 */
public interface GatewayClock {

  /** Monotonic time in nanoseconds (arbitrary origin). */
  long nanos();

  /** Wall time, epoch milliseconds (UTC). */
  long epochMillis();

  /** The system clocks. */
  static GatewayClock system() {
    return SystemClock.INSTANCE;
  }

  /** Reads {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
  enum SystemClock implements GatewayClock {
    INSTANCE;

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public long epochMillis() {
      return System.currentTimeMillis();
    }
  }
}
