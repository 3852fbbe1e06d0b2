package io.distillguard.sim;

/**
 * Receives a simulation's output. {@link #label} is called once per account (sorted by account id)
 * before the first exchange; {@link #exchange} then receives every {@code api-exchange/v1} line in
 * time order (non-decreasing {@code ts}). The byte range is only valid during the call: copy it if
 * you keep it. Called from one thread.
 */
public interface ExchangeSink {

  /** Receives one account's ground truth; by default ignored (a sink that only wants traffic). */
  default void label(Label label) {}

  /**
   * One exchange as UTF-8 JSON without the trailing newline.
   *
   * @param tsMillis the exchange's {@code ts} as epoch milliseconds
   */
  void exchange(long tsMillis, byte[] utf8, int offset, int length);
}
