#!/usr/bin/env bash
# Booking benchmark (issue 20): 50 concurrent clients booking random slots of 200 spaces over HTTP against the
# running platform, vs pgbench running the same INSERT on the same exclusion constraint, interleaved in one run;
# afterwards 0 overlapping held bookings, checked in SQL. See README.md next to it ("Bookings").
#
# usage: benchmarks/participation/booking.sh
#   env: OUT=dir (default target/bench/participation-booking-<time>)  CLIENTS=50 (HTTP clients and pgbench clients)
#        SPACES=200  ROUNDS=4  ROUND_SECONDS=15 (ROUNDS x ROUND_SECONDS measured per side, alternating HTTP/pgbench)
#        WARMUP=10 (s, each side)  PG_PORT=55436  APP_PORT=18092
#        JAR=path (a built web-app jar; default: build web-app with MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=…")
#
# One throw-away PostgreSQL 15 + PostGIS cluster (defaults except memory; fsync on), the platform jar against it.
# Setup (not measured): a district/street/community, 200 spaces open 08:00–22:00 every day (30-minute slots, open on
# holidays, no approval), CLIENTS resident accounts and their bearer tokens. Measured: POST /api/v1/participation/
# bookings by benchmarks/participation/BookingLoad.java (one thread and one keep-alive connection per client), then
# pgbench -M prepared with booking.sql, ROUNDS times in turn, so both see the same machine load. HTTP books days
# 1–28 ahead, pgbench days 29–56: each side meets its own conflicts at the same rate. Everything it started is
# stopped and the cluster deleted on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/participation

CLIENTS=${CLIENTS:-50}
SPACES=${SPACES:-200}
ROUNDS=${ROUNDS:-4}
ROUND_SECONDS=${ROUND_SECONDS:-15}
WARMUP=${WARMUP:-10}
PG_PORT=${PG_PORT:-55436}
APP_PORT=${APP_PORT:-18092}
PG_VERSION=15
PGBIN=/usr/lib/postgresql/$PG_VERSION/bin
OUT=${OUT:-$ROOT/target/bench/participation-booking-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/bookingbench.XXXXXX)
chmod 755 "$WORK"
APP_PID=
ADMIN_PASSWORD=bench-$RANDOM$RANDOM
RESIDENT_PASSWORD=bench-resident-$RANDOM$RANDOM
BASE=http://127.0.0.1:$APP_PORT
SCRIPT_START=$(date +%s)
TCK=$(getconf CLK_TCK)

log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - SCRIPT_START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-36s %s\n' "$1" "$2"; }
r() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$RESULTS"; }
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
load() { awk '{print $1" "$2" "$3}' /proc/loadavg; }
# CPU ticks of one process (with its waited-for children) and of the cluster (postmaster + backends)
ticks() { awk '{ sub(/^[^ ]+ \(.*\) /, ""); split($0, f, " "); print f[12] + f[13] + f[14] + f[15] }' "/proc/$1/stat"; }
cluster_ticks() {
  local pm
  pm=$(head -1 "$WORK/data/postmaster.pid")
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$pm" '
    { pid = $1; rest = $0; sub(/^[^ ]+ \(.*\) /, "", rest); split(rest, f, " ")
      if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13] }
    END { print t }' || true
}
# all CPU ticks of the machine (user + nice + system + irq + softirq + steal), to see what others used meanwhile
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

stop_app() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
cleanup() {
  local rc=$?
  set +e
  stop_app
  [[ -f $WORK/app.log ]] && cp "$WORK/app.log" "$OUT/app.log"
  [[ -f $WORK/pg.log ]] && tail -n 2000 "$WORK/pg.log" | cut -c1-2000 > "$OUT/postgresql.log"
  [[ -f $WORK/data/postmaster.pid ]] && as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "FAILED (exit $rc) after $(($(date +%s) - SCRIPT_START)) s; logs in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "0. machine"
result machine_nproc "$(nproc)"
result machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result java "$(java -version 2>&1 | head -1)"
result load_at_start "$(load)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks' 2>/dev/null || echo ' with uncommitted changes')"

log "1. the platform jar"
if [[ -z ${JAR:-} ]]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_ARGS:-} -pl web-app -am -Dmaven.test.skip=true package
  JAR=$(ls web-app/target/web-app-*.jar | grep -v -E 'sources|javadoc' | head -1)
fi
mkdir -p "$WORK/build"
cp "$JAR" "$WORK/build/app.jar"   # a snapshot: other builds may rewrite target/ meanwhile

log "2. throw-away PostgreSQL $PG_VERSION + PostGIS on 127.0.0.1:$PG_PORT (fsync on)"
chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_buffers = 512MB
max_connections = 200
log_min_duration_statement = 500
CONF
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
psql_pg -qc "create database gridgov"
psql_pg -d gridgov -qc "create extension postgis"
result postgresql "$(psql_pg -d gridgov -Atc 'show server_version')"

log "   starting the platform on :$APP_PORT"
mkdir -p "$WORK/apptmp"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/gridgov SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD=postgres GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$APP_PORT \
GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=1000000000 \
GRIDGOV_RESIDENTS_CRYPTO_KEYS_B1=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=b1 \
GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_IMPORTDIRECTORY=$WORK/imports \
  java -Djava.io.tmpdir="$WORK/apptmp" ${APP_JAVA_OPTS:-} -jar "$WORK/build/app.jar" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/app.log"; echo "app not ready"; exit 1; }
grep -q EmbeddedPostgres "$WORK/app.log" && { echo "an embedded database was started"; exit 1; }
result app_pool "$(grep -o -m1 'maximumPoolSize[^,]*' "$WORK/app.log" || echo 'Hikari default')"

log "3. setup (not measured): grids, $SPACES spaces, $CLIENTS residents and their tokens"
token() { curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
  "$BASE/api/v1/auth/token" | jq -r .accessToken; }
ADMIN=$(token admin "$ADMIN_PASSWORD")
post() { curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
post /api/v1/grids '{"code":"510199","name":"压测区","type":"DISTRICT"}' > /dev/null
post /api/v1/grids '{"code":"510199001","name":"压测街道","type":"STREET","parentCode":"510199"}' > /dev/null
COMMUNITY=$(post /api/v1/grids '{"code":"510199001001","name":"压测社区","type":"COMMUNITY","parentCode":"510199001"}' | jq -r .id)
HOURS=$(jq -cn '[range(1; 8) | {weekday: ., opens: "08:00", closes: "22:00"}]')
: > "$WORK/spaces.txt"
for k in $(seq 1 "$SPACES"); do
  post /api/v1/participation/spaces "{\"gridId\":$COMMUNITY,\"name\":\"活动室 $k\",\"capacity\":30,\"approvalRequired\":false,\"bookableBy\":\"RESIDENTS\",\"slotMinutes\":30,\"maxMinutes\":240,\"closedOnHolidays\":false,\"hours\":$HOURS}" \
    | jq -r .id >> "$WORK/spaces.txt"
done
: > "$WORK/tokens.txt"
for k in $(seq 1 "$CLIENTS"); do
  post /api/v1/accounts "{\"username\":\"bench-booker-$k\",\"displayName\":\"压测居民$k\",\"password\":\"$RESIDENT_PASSWORD\",\"role\":\"RESIDENT\"}" > /dev/null
  token "bench-booker-$k" "$RESIDENT_PASSWORD" >> "$WORK/tokens.txt"
done
result spaces "$(grep -c . "$WORK/spaces.txt")"
result tokens "$(grep -c . "$WORK/tokens.txt")"
read -r smin smax path < <(psql_pg -d gridgov -At -F ' ' -c "select min(id), max(id), min(grid_path) from participation_space")
[[ $((smax - smin + 1)) == "$SPACES" ]] || { echo "space ids are not contiguous"; exit 1; }
booker=$(psql_pg -d gridgov -Atc "select min(id) from account where username like 'bench-booker-%'")
base_at="$(TZ=Asia/Shanghai date +%Y-%m-%d)T08:00:00+08:00"
# a sample request, shown in the log, so a reader sees what is measured
curl -sS -H "Authorization: Bearer $(head -1 "$WORK/tokens.txt")" -H 'Content-Type: application/json' \
  -d "{\"spaceId\":$smin,\"startsAt\":\"$(TZ=Asia/Shanghai date -d '+59 days' +%Y-%m-%d)T12:00:00+08:00\",\"endsAt\":\"$(TZ=Asia/Shanghai date -d '+59 days' +%Y-%m-%d)T13:00:00+08:00\",\"attendees\":2,\"purpose\":\"样例\"}" \
  -o "$WORK/sample.json" -w '    sample booking: HTTP %{http_code}\n' "$BASE/api/v1/participation/bookings"
jq -c '{id, spaceName, startsAt, endsAt, state}' "$WORK/sample.json" | sed 's/^/    /'

http_run() { # prefix seconds dayfrom dayto
  java "$BENCH/BookingLoad.java" "$BASE" "$WORK/tokens.txt" "$WORK/spaces.txt" "$CLIENTS" "$2" "$3" "$4" "$1"
}
pgb_run() { # seconds dayfrom dayto outfile
  (cd "$WORK" && as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c"$CLIENTS" -j2 \
    -T"$1" -D smin="$smin" -D smax="$smax" -D path="$path" -D booker="$booker" -D base="$base_at" \
    -D dayfrom="$2" -D dayto="$3" -f "$BENCH/booking.sql" gridgov) > "$4" 2>&1
}

log "4. warm-up: ${WARMUP}s HTTP, ${WARMUP}s pgbench (days 57–59)"
# the single-file client compiles once per run; keep its compile out of the measured seconds by warming it too
http_run warm "$WARMUP" 57 59 > "$OUT/http_warmup.txt"
grep -E 'warm_(rps|created|conflicts_409|other|errors)' "$OUT/http_warmup.txt" | sed 's/^/    /'
pgb_run "$WARMUP" 57 59 "$OUT/pgbench_warmup.txt"

log "5. measured: $ROUNDS rounds of ${ROUND_SECONDS}s HTTP then ${ROUND_SECONDS}s pgbench, $CLIENTS clients each"
h_req=0; h_created=0; h_409=0; h_other=0; h_err=0; h_sec=0; p_tx=0; p_sec=0
h_app=0; h_db=0; h_all=0; p_db=0; p_all=0
for round in $(seq 1 "$ROUNDS"); do
  result "load_round_$round" "$(load)"
  a0=$(ticks "$APP_PID"); d0=$(cluster_ticks); m0=$(machine_ticks)
  http_run "http$round" "$ROUND_SECONDS" 1 28 > "$OUT/http_round_$round.txt"
  a1=$(ticks "$APP_PID"); d1=$(cluster_ticks); m1=$(machine_ticks)
  v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$OUT/http_round_$round.txt"; }
  h_req=$((h_req + $(v "http${round}_requests"))); h_created=$((h_created + $(v "http${round}_created")))
  h_409=$((h_409 + $(v "http${round}_conflicts_409"))); h_other=$((h_other + $(v "http${round}_other_status")))
  h_err=$((h_err + $(v "http${round}_errors"))); h_sec=$(awk -v a="$h_sec" -v b="$(v "http${round}_seconds")" 'BEGIN { print a + b }')
  h_app=$((h_app + a1 - a0)); h_db=$((h_db + d1 - d0)); h_all=$((h_all + m1 - m0))
  printf '    round %s HTTP:    %s req/s (p50 %s ms, p99 %s ms), %s created, %s x 409, %s other\n' "$round" \
    "$(v "http${round}_rps")" "$(v "http${round}_p50_ms")" "$(v "http${round}_p99_ms")" "$(v "http${round}_created")" \
    "$(v "http${round}_conflicts_409")" "$(v "http${round}_other_status")"
  grep '^# first other' "$OUT/http_round_$round.txt" | head -1 | cut -c1-300 | sed 's/^/    /' || true

  d0=$(cluster_ticks); m0=$(machine_ticks)
  pgb_run "$ROUND_SECONDS" 29 56 "$OUT/pgbench_round_$round.txt"
  d1=$(cluster_ticks); m1=$(machine_ticks)
  n=$(grep -oP 'transactions actually processed: \K[0-9]+' "$OUT/pgbench_round_$round.txt")
  tps=$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench_round_$round.txt" | head -1)
  p_tx=$((p_tx + n)); p_sec=$((p_sec + ROUND_SECONDS)); p_db=$((p_db + d1 - d0)); p_all=$((p_all + m1 - m0))
  printf '    round %s pgbench: %s tps (%s tx, latency average %s ms)\n' "$round" "${tps%.*}" "$n" \
    "$(grep -oP 'latency average = \K[0-9.]+' "$OUT/pgbench_round_$round.txt")"
done
result http_seconds "$h_sec"
result http_requests "$h_req"
result http_rps "$(awk -v n="$h_req" -v s="$h_sec" 'BEGIN { printf "%.0f", n / s }')"
result http_created "$h_created"
result http_conflicts_409 "$h_409"
result http_other_status "$h_other"
result http_errors "$h_err"
result http_app_cpu_ms_per_req "$(awk -v d="$h_app" -v n="$h_req" -v t="$TCK" 'BEGIN { printf "%.2f", 1e3 * d / t / n }')"
result http_db_cpu_ms_per_req "$(awk -v d="$h_db" -v n="$h_req" -v t="$TCK" 'BEGIN { printf "%.2f", 1e3 * d / t / n }')"
result http_machine_cpu_pct "$(awk -v d="$h_all" -v s="$h_sec" -v t="$TCK" 'BEGIN { printf "%.0f", 100 * d / t / s }')"
result pgbench_seconds "$p_sec"
result pgbench_transactions "$p_tx"
result pgbench_tps "$(awk -v n="$p_tx" -v s="$p_sec" 'BEGIN { printf "%.0f", n / s }')"
result pgbench_db_cpu_ms_per_tx "$(awk -v d="$p_db" -v n="$p_tx" -v t="$TCK" 'BEGIN { printf "%.2f", 1e3 * d / t / n }')"
result pgbench_machine_cpu_pct "$(awk -v d="$p_all" -v s="$p_sec" -v t="$TCK" 'BEGIN { printf "%.0f", 100 * d / t / s }')"
result ratio_http_vs_pgbench "$(awk -v a="$(r http_rps)" -v b="$(r pgbench_tps)" 'BEGIN { printf "%.2f", a / b }')"

log "6. checked in SQL"
result db_bookings_http "$(psql_pg -d gridgov -Atc "select count(*) from participation_booking where booker_name like 'bench-booker-%'")"
result db_bookings_pgbench "$(psql_pg -d gridgov -Atc "select count(*) from participation_booking where booker_name = 'pgbench'")"
result overlaps "$(psql_pg -d gridgov -At -f "$BENCH/overlaps.sql")"
result load_at_end "$(load)"
result total_s "$(($(date +%s) - SCRIPT_START))"

log "SUMMARY (all numbers in $RESULTS)"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 >= t + 0) ? "met" : "MISSED" }'; }
{
  echo "| what | result | target |"
  echo "|---|---|---|"
  echo "| HTTP: POST /api/v1/participation/bookings, $CLIENTS clients, $(r http_seconds) s in $ROUNDS rounds | $(r http_rps) req/s ($(r http_created) booked, $(r http_conflicts_409) × 409 with next free slots, $(r http_other_status) other, $(r http_errors) errors); CPU per request app $(r http_app_cpu_ms_per_req) ms + PostgreSQL $(r http_db_cpu_ms_per_req) ms | — |"
  echo "| pgbench -M prepared -c$CLIENTS -j2, the same INSERT, $(r pgbench_seconds) s interleaved | $(r pgbench_tps) tps; PostgreSQL CPU $(r pgbench_db_cpu_ms_per_tx) ms per tx | — |"
  echo "| HTTP / pgbench | $(r ratio_http_vs_pgbench) | ≥ 0.60: $(verdict "$(r ratio_http_vs_pgbench)" 0.60) |"
  echo "| overlapping held bookings afterwards (SQL) | $(r overlaps) of $(r db_bookings_http) + $(r db_bookings_pgbench) | 0: $( [[ $(r overlaps) == 0 ]] && echo met || echo MISSED) |"
  echo
  echo "Machine: $(r machine_nproc) cores ($(r machine_cpu)), all its CPU during HTTP $(r http_machine_cpu_pct) % / pgbench $(r pgbench_machine_cpu_pct) % of one core; load at start $(r load_at_start), end $(r load_at_end); $(r postgresql); $(r commit); total $(r total_s) s"
} | tee "$OUT/summary.md"
[[ $(r overlaps) == 0 ]]
