package io.distillguard.cli;

import io.distillguard.gateway.GatewayClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's compressed clock: wall time is the simulated time of the exchange being replayed (set
 * by the replay driver, never moving backwards), so the engine sees the simulation's hours of
 * event time though the replay takes seconds; monotonic time is real, so latencies are real.
 */
final class DemoClock implements GatewayClock {

  private final AtomicLong simulatedMillis;

  DemoClock(long startMillis) {
    this.simulatedMillis = new AtomicLong(startMillis);
  }

  void advanceTo(long millis) {
    simulatedMillis.accumulateAndGet(millis, Math::max);
  }

  @Override
  public long nanos() {
    return System.nanoTime();
  }

  @Override
  public long epochMillis() {
    return simulatedMillis.get();
  }

  /** Real elapsed time, for the demo's own deadline. */
  static long realNanos() {
    return System.nanoTime();
  }
}
