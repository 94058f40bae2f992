#!/usr/bin/env bash
# Cluster throughput (issue 21): grid-card reads and incident intake through HAProxy with 3, then 2, then 1 node of
# a running `scripts/cluster.sh up` (nodes are stopped one by one; `scripts/cluster.sh down` afterwards). Reports
# requests/s and the nodes' CPU milliseconds per request (utime+stime of the node JVMs from /proc).
# Usage: benchmarks/cluster/run.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${CLUSTER_DIR:-/tmp/gridgov-cluster}
LB=http://127.0.0.1:${BASE_PORT:-18080}
SECONDS_PER_RUN=${1:-20}
TICKS=$(getconf CLK_TCK)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

cpu_ms() { # total CPU ms of the running nodes
  local total=0 pid
  for f in "$DIR"/node*.pid; do
    pid=$(cat "$f")
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $((total * 1000 / TICKS))
}

measure() { # label nodes wrk-args...
  local label=$1 nodes=$2; shift 2
  local before after out rate requests
  before=$(cpu_ms)
  out=$(wrk "$@" -d "${SECONDS_PER_RUN}s" --latency)
  after=$(cpu_ms)
  rate=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  requests=$(awk '/requests in/{print $1}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $5}' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$nodes" "$rate" "$p50" "$p99" \
    "$(awk -v c=$((after - before)) -v n="$requests" 'BEGIN{printf "%.2f", c / n}')" "${non2xx:-0}"
}

TOKEN=$(curl -fs -X POST "$LB/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"demo.resident","password":"gridgov-demo"}' | jq -r .accessToken)
export TOKEN
echo "| workload | nodes | requests/s | p50 | p99 | node CPU ms / request | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for nodes in 3 2 1; do
  if [ "$nodes" -lt 3 ]; then
    kill "$(cat "$DIR/node$((nodes + 1)).pid")"; rm -f "$DIR/node$((nodes + 1)).pid"; sleep 4
  fi
  measure "grid card (GET /api/v1/public/grid-cards/…)" "$nodes" -t2 -c32 \
    "$LB/api/v1/public/grid-cards/510116001003G01M01"
  measure "incident intake (POST /api/v1/incidents)" "$nodes" -t2 -c16 -s benchmarks/cluster/intake.lua "$LB"
done
