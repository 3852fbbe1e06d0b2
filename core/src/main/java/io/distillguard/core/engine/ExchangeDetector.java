package io.distillguard.core.engine;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.ingest.Exchange;

/**
 * The one engine that {@code analyze}, the gateway and the Flink operator all drive: feed it
 * exchanges in event-time order, read back assessments.
 *
 * <p><b>Threading:</b> implementations are not thread-safe; a runtime confines each instance to one
 * thread (the gateway runs it on a dedicated worker, Flink per key group).
 *
 * <p><b>Time:</b> comes from {@link Exchange#tsMillis()} only. Nothing here reads the wall clock, so
 * replaying a log gives the same verdicts at the same events.
 */
public interface ExchangeDetector {

  /**
   * Updates the sender's profile (and campaign evidence) with one exchange and returns the account's
   * assessment after it. Exchanges must arrive in non-decreasing time order (the ingest layer's
   * reorder buffer takes care of small disorder).
   */
  Assessment observe(Exchange exchange);

  /** The latest assessment of an account, or null if the engine has not seen it. */
  Assessment assessment(String accountId);
}
