/**
 * The gateway benchmark: an instant upstream, then the same fixed-rate open-loop load sent directly,
 * through the gateway, and through nginx (when installed), reporting the latency each proxy adds and
 * its maximum throughput. Loopback only. Run {@code scripts/bench-gateway.sh}.
 */
package io.distillguard.gateway.bench;
