#!/usr/bin/env bash
# Gateway latency/throughput benchmark: direct vs gateway vs nginx (if installed), loopback only.
# The upstream and the gateway run as separate JVMs started by the benchmark; this JVM is only the
# open-loop load generator. nginx and wrk are optional (apt-get install -y nginx wrk).
# Usage: scripts/bench-gateway.sh [--rates 500,1000,2000,4000] [--seconds 10] [--warmup 60] [--repeat 3] [--idle-gap 65]
#          [--engine real|none] [--event-loops N] [--gateway-jvm-opts "-Xms512m -Xmx512m -XX:+UseZGC"] [--jfr FILE] [--baseline-jar OLD.jar]
#          [--baseline-jvm-opts "..."] [--accounts N]
# A baseline is a second gateway target in the same rounds (another build, other JVM options, or both);
# --accounts N sends the requests round N keys, so the engine keeps N accounts' state.
# LOADGEN_OPTS adds JVM options to the load generator (e.g. "-Xlog:gc,safepoint:file=lg.log"), to
# tell its own pauses from the targets'.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
jar="$root/cli/target/distillguard.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "bench-gateway: building $jar ..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am package >&2)
fi
exec java ${LOADGEN_OPTS:-} -Xms256m -Xmx512m -cp "$jar" io.distillguard.gateway.bench.GatewayBench "$@"
