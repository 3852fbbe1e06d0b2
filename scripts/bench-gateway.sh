#!/usr/bin/env bash
# Gateway latency/throughput benchmark: direct vs gateway vs nginx (if installed), loopback only.
# Usage: scripts/bench-gateway.sh [--rates 500,1000,2000] [--seconds 10] [--warmup 5] [--engine real|none]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
jar="$root/cli/target/distillguard.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "bench-gateway: building $jar ..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am package >&2)
fi
exec java -Xmx1g -cp "$jar" io.distillguard.gateway.bench.GatewayBench "$@"
