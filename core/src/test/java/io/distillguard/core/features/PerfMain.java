package io.distillguard.core.features;

/** Temporary probe entry point. */
final class PerfMain {
  public static void main(String[] a) {
    if (a.length > 0 && a[0].equals("corpus")) {
      new ProbeTest().probe();
    } else {
      new PerfProbeTest().perf();
    }
  }
}
