#!/usr/bin/env bash
# Warm-up curve (issue 18): app CPU per incident submission in 5 s buckets over the first 60 s after readiness, then
# steady state (after STEADY_AFTER requests in all), with the start-up warm-up on and off, alternating, ROUNDS
# rounds. Embedded PostgreSQL with the demo data (fresh data directory per start), load from wrk with the incident
# benchmark's report script (benchmarks/incident/wrk/report.lua) as demo.resident at random points of 三义桥社区.
#
#   benchmarks/startup/warmup.sh
#   MODES="on off" ROUNDS=3 JAVA_OPTS="-XX:SharedArchiveFile=…" benchmarks/startup/warmup.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAR="${JAR:-$(ls "$root"/web-app/target/web-app-*.jar | grep -v original | head -1)}"
ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-on off}"
PORT="${PORT:-18097}"
CONNECTIONS="${CONNECTIONS:-8}"
BUCKET="${BUCKET:-5}"              # seconds per bucket of the curve
CURVE="${CURVE:-60}"               # seconds of curve after readiness
STEADY_AFTER="${STEADY_AFTER:-30000}" # requests in all before steady state is measured
STEADY_MAX="${STEADY_MAX:-240}"    # at most this many seconds of extra load to get there
STEADY="${STEADY:-30}"             # seconds of steady-state measurement
OUT="${OUT:-$root/target/bench/warmup-$(date -u +%Y%m%dT%H%M%SZ)}"
LOCK="${LOCK:-/work/bench.lock}"
JAVA_OPTS="${JAVA_OPTS:-}"
mkdir -p "$OUT"
work="$(mktemp -d /tmp/gridgov-warmup.XXXXXX)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
clk=$(getconf CLK_TCK)
base="http://127.0.0.1:$PORT"

# 2,000 random points inside the demo community's micro grids (三义桥社区: 103.930–103.950 E, 30.570–30.585 N)
awk 'BEGIN { srand(20261206); for (i = 0; i < 2000; i++) printf "%.6f %.6f\n", 30.5705 + rand() * 0.014, 103.9305 + rand() * 0.019 }' \
  > "$work/points.txt"

cpu_ticks() { local s; s=($(sed 's/^.*) //' "/proc/$pid/stat")); echo $(( s[11] + s[12] )); }
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }

# wrk for $1 seconds; prints "requests app_cpu_ms machine_cpu_ms non2xx"
load() {
  local c0 b0 c1 b1 out
  c0=$(cpu_ticks); b0=$(busy_ticks)
  out=$(TOKENS_FILE="$work/tokens.txt" POINTS_FILE="$work/points.txt" WRK_PREFIX="w$RANDOM" \
        wrk -t2 -c"$CONNECTIONS" -d"${1}s" -s "$root/benchmarks/incident/wrk/report.lua" "$base" 2>&1)
  c1=$(cpu_ticks); b1=$(busy_ticks)
  local requests; requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "${requests:-0} $(( (c1 - c0) * 1000 / clk )) $(( (b1 - b0) * 1000 / clk )) ${non2xx:-0}"
}

printf 'mode\tround\tphase\tseconds\trequests\treq_per_s\tapp_cpu_ms_per_req\tmachine_cpu_ms\tnon2xx\n' | tee "$OUT/curve.tsv"
{ echo "jar: $JAR"; echo "JAVA_OPTS: $JAVA_OPTS"; java -version 2>&1; nproc; uptime; } > "$OUT/machine.txt"
for r in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do
    data="$work/data"; rm -rf "$data"
    warm=true; [[ "$mode" == off ]] && warm=false
    exec {lockfd}>"$LOCK"; flock "$lockfd"
    t0=$(date +%s%N)
    GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY="$data" GRIDGOV_ADMIN_PASSWORD=bench-admin \
      java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --gridgov.startup.warm-up.enabled=$warm \
      > "$OUT/app-$mode-$r.log" 2>&1 &
    pid=$!
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health/readiness")" == 200 ]]; do
      kill -0 "$pid" 2>/dev/null || { echo "the app died, see $OUT/app-$mode-$r.log" >&2; exit 1; }
      sleep 0.05
    done
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d '{"username":"demo.resident","password":"gridgov-demo"}' | jq -r .accessToken > "$work/tokens.txt"
    printf '%s\t%s\tready\t%s\t\t\t\t\t\n' "$mode" "$r" "$ready_ms" | tee -a "$OUT/curve.tsv"
    total=0
    for ((s = BUCKET; s <= CURVE; s += BUCKET)); do
      read -r n cpu machine bad < <(load "$BUCKET")
      total=$((total + n))
      awk -v m="$mode" -v r="$r" -v s="$s" -v n="$n" -v c="$cpu" -v mc="$machine" -v b="$bad" -v d="$BUCKET" \
        'BEGIN { printf "%s\t%s\tcurve\t%d\t%d\t%.0f\t%.2f\t%d\t%d\n", m, r, s, n, n / d, n ? c / n : 0, mc, b }' \
        | tee -a "$OUT/curve.tsv"
    done
    waited=0
    while (( total < STEADY_AFTER && waited < STEADY_MAX )); do
      read -r n cpu machine bad < <(load 20); total=$((total + n)); waited=$((waited + 20))
    done
    read -r n cpu machine bad < <(load "$STEADY")
    awk -v m="$mode" -v r="$r" -v t="$total" -v n="$n" -v c="$cpu" -v mc="$machine" -v b="$bad" -v d="$STEADY" \
      'BEGIN { printf "%s\t%s\tsteady(after %d)\t%d\t%d\t%.0f\t%.2f\t%d\t%d\n", m, r, t, d, n, n / d, n ? c / n : 0, mc, b }' \
      | tee -a "$OUT/curve.tsv"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    flock -u "$lockfd"; exec {lockfd}>&-
  done
done

# per mode: the first 10 s, the first 60 s (request-weighted) and steady state, CPU ms per request (median of rounds)
awk -F'\t' 'NR > 1 && $3 == "curve" { n[$1, $2, "60"] += $5; c[$1, $2, "60"] += $5 * $7; if ($4 <= 10) { n[$1, $2, "10"] += $5; c[$1, $2, "10"] += $5 * $7 } modes[$1] = 1; rounds[$2] = 1 }
  NR > 1 && $3 ~ /^steady/ { st[$1, $2] = $7 }
  NR > 1 && $3 == "ready" { rd[$1, $2] = $4 }
  END { print "| warm-up | round | ready ms | first 10 s ms/req | first 60 s ms/req | steady ms/req | first 60 s ÷ steady |"; print "|---|---|---|---|---|---|---|";
        for (m in modes) for (r in rounds) if ((m, r, "60") in n) printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f |\n", m, r, rd[m, r],
          c[m, r, "10"] / n[m, r, "10"], c[m, r, "60"] / n[m, r, "60"], st[m, r], c[m, r, "60"] / n[m, r, "60"] / st[m, r] }' \
  "$OUT/curve.tsv" | tee "$OUT/summary.md"
echo "results: $OUT"
