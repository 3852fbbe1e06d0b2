package io.distillguard.gateway;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-aware throttling per account with Bucket4j: a request consumes its estimated prompt tokens
 * up front (rejected with a retry hint when the budget is spent) and its completion tokens after
 * the response (which may put the bucket into debt, delaying the next request). Buckets are created
 * only for throttled accounts and rebuilt when the configured budget changes. Thread-safe.
 */
final class Throttles {

  /** Most accounts we keep a bucket for; beyond it the map is cleared (buckets simply refill). */
  private static final int MAX_BUCKETS = 100_000;

  private final TimeMeter time;
  private final ConcurrentHashMap<String, Budget> buckets = new ConcurrentHashMap<>();

  private record Budget(long tokensPerMinute, Bucket bucket) {}

  /**
   * Result of an up-front check.
   *
   * @param allowed whether the request may go on
   * @param limit tokens per minute
   * @param remaining tokens left after this request (0 when rejected)
   * @param retryAfterNanos wait before the estimate would fit, 0 when allowed
   */
  record Probe(boolean allowed, long limit, long remaining, long retryAfterNanos) {}

  Throttles(GatewayClock clock) {
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.nanos();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
  }

  Probe tryConsume(String accountId, long tokensPerMinute, long estimatedTokens) {
    Bucket b = bucket(accountId, tokensPerMinute);
    // An estimate above the whole budget could never pass; cap it so the request waits at most a
    // full refill instead of being rejected forever.
    long want = Math.max(1, Math.min(estimatedTokens, tokensPerMinute));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(want);
    if (p.isConsumed()) {
      return new Probe(true, tokensPerMinute, p.getRemainingTokens(), 0);
    }
    return new Probe(false, tokensPerMinute, 0, p.getNanosToWaitForRefill());
  }

  /** Charges tokens known only after the response (completion tokens); may go into debt. */
  void charge(String accountId, long tokensPerMinute, long tokens) {
    if (tokens > 0) {
      bucket(accountId, tokensPerMinute).consumeIgnoringRateLimits(tokens);
    }
  }

  private Bucket bucket(String accountId, long tokensPerMinute) {
    Budget cur = buckets.get(accountId);
    if (cur != null && cur.tokensPerMinute == tokensPerMinute) {
      return cur.bucket;
    }
    if (buckets.size() >= MAX_BUCKETS) {
      buckets.clear();
    }
    Budget fresh =
        new Budget(
            tokensPerMinute,
            Bucket.builder()
                .addLimit(l -> l.capacity(tokensPerMinute).refillGreedy(tokensPerMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build());
    return buckets.merge(
            accountId, fresh, (old, nu) -> old.tokensPerMinute == tokensPerMinute ? old : nu)
        .bucket;
  }
}
