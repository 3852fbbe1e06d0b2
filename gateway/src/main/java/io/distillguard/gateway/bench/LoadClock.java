package io.distillguard.gateway.bench;

import java.util.concurrent.locks.LockSupport;

/** The load generator's time source: real monotonic nanoseconds, and pacing to a target time. */
final class LoadClock {

  private LoadClock() {}

  static long nanos() {
    return System.nanoTime();
  }

  /** Waits until {@code targetNanos}: parks for the bulk, spins the last 50 us for precision. */
  static void waitUntil(long targetNanos) {
    long left;
    while ((left = targetNanos - System.nanoTime()) > 60_000) {
      LockSupport.parkNanos(left - 50_000);
    }
    while (System.nanoTime() < targetNanos) {
      Thread.onSpinWait();
    }
  }
}
