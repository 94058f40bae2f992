#!/usr/bin/env bash
# What observation costs per request: two nodes of the same jar side by side, one with Spring Security's observations
# (a timer around every filter of the chain and every authorization decision — Boot's default) and one with the
# platform's settings (management.observations.enable.spring.security=false; per-route request histograms kept),
# each on its own embedded PostgreSQL with demo data. A warm-up of WARMUP seconds per node, then ROUNDS interleaved
# rounds of wrk (2 threads, 8 connections, SECONDS s) on GET /api/v1/me with a resident's bearer token, alternating
# the nodes. Reports requests/s and the application's CPU per request (utime+stime from /proc/<pid>/stat).
#
#   benchmarks/platform/observation.sh            # builds web-app if its jar is missing
#   ROUNDS=3 SECONDS=20 WARMUP=30 JAR=path/to/web-app.jar benchmarks/platform/observation.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}; SECONDS_PER_ROUND=${SECONDS:-20}; WARMUP=${WARMUP:-30}
OUT=${OUT:-target/bench/observation-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
JAR=${JAR:-$(ls web-app/target/web-app-*.jar 2>/dev/null | grep -v plain | head -1 || true)}
if [ -z "$JAR" ]; then ./mvnw -B -q -pl web-app -am -DskipTests package; JAR=$(ls web-app/target/web-app-*.jar | head -1); fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk jq >/dev/null; }
TICK=$(getconf CLK_TCK)

declare -A PID PORT
start() { # name port extra-args...
  local name=$1 port=$2; shift 2
  local data; data=$(mktemp -d)
  GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY=$data/pg GRIDGOV_BLOBS_DIRECTORY=$data/blobs \
    GRIDGOV_ADMIN_PASSWORD=bench-admin-pass GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=1000000000 \
    java -Xmx1g -jar "$JAR" --server.port="$port" "$@" > "$OUT/$name.log" 2>&1 &
  PID[$name]=$!; PORT[$name]=$port
}
ready() { # name
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:${PORT[$1]}/actuator/health/readiness" | grep -q UP && return 0; sleep 1
  done
  echo "node $1 did not become ready" >&2; tail -50 "$OUT/$1.log" >&2; exit 1
}
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
token() {
  curl -fs -H 'Content-Type: application/json' -d '{"username":"demo.resident","password":"gridgov-demo"}' \
    "http://127.0.0.1:${PORT[$1]}/api/v1/auth/token" | jq -r .accessToken
}
cleanup() { for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start observed 18081 --management.observations.enable.spring.security=true
start platform 18082
ready observed; ready platform
declare -A TOKEN
for n in observed platform; do TOKEN[$n]=$(token $n); done

load() { # name seconds -> prints "requests/s cpu-ms-per-request"
  local n=$1 s=$2 before after out requests
  before=$(cpu "${PID[$n]}")
  out=$(wrk -t2 -c8 -d"${s}s" -H "Authorization: Bearer ${TOKEN[$n]}" "http://127.0.0.1:${PORT[$n]}/api/v1/me")
  after=$(cpu "${PID[$n]}")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$out" >> "$OUT/wrk-$n.txt"
  awk -v r="$requests" -v s="$s" -v c=$((after - before)) -v t="$TICK" \
    'BEGIN { printf "%.0f %.3f\n", r / s, c * 1000 / t / r }'
}

echo "warm-up ${WARMUP}s per node"
for n in observed platform; do load $n "$WARMUP" > /dev/null; done
{
  for n in observed platform; do
    series=$(curl -fs -u admin:bench-admin-pass "http://127.0.0.1:${PORT[$n]}/actuator/prometheus" | grep -c '^spring_security_' || true)
    echo "node $n: $series spring_security_* series in /actuator/prometheus"
  done
  echo
  echo "| round | node | requests/s | app CPU ms/request |"
  echo "|---|---|---|---|"
  for r in $(seq 1 "$ROUNDS"); do
    for n in observed platform; do
      read -r rps cpu <<<"$(load $n "$SECONDS_PER_ROUND")"
      echo "| $r | $n | $rps | $cpu |"
    done
  done
} | tee "$OUT/summary.md"
echo "results: $OUT"
