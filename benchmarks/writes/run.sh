#!/usr/bin/env bash
# Writes over HTTP against pgbench (issue 18): the two hot write paths — incident submission (POST /api/v1/incidents)
# and a welfare-pool donation into one hot pool (POST /api/v1/points/me/donations) — over HTTP with wrk, each next to
# pgbench running the same SQL statements on the same PostgreSQL, interleaved in rounds of one run. See README.md.
#
# usage: benchmarks/writes/run.sh
#   env: OUT=dir (default target/bench/writes-<time>)  ROUNDS=3  DURATION=30 (s per measured run)
#        WARMUP_SLICES=18 (× SLICE=10 s of explicit warm-up per path, reported as the warm-up curve)
#        CONNECTIONS=32 (wrk)  PGB_CLIENTS=20 (pgbench; = the app's connection pool)  RESIDENTS=64
#        SCALE=0.05 (synthetic city, as benchmarks/grid)  PROFILE=1 (a JFR recording per path after the rounds)
#        SKIP_BUILD=1 (use web-app/target/web-app-*.jar as it is)  MVN_ARGS (extra Maven arguments, e.g. -o)
#        PG_PORT=55436  APP_PORT=18092  APP_JAVA_OPTS
#
# Needs root (PostgreSQL runs as the postgres user), a JDK 17, Debian's PostgreSQL 15 (/usr/lib/postgresql/15/bin,
# with pg_stat_statements), wrk, jq, curl, python3. Everything it started is stopped and the cluster deleted on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/writes

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-30}
SLICE=${SLICE:-10}
WARMUP_SLICES=${WARMUP_SLICES:-18}
CONNECTIONS=${CONNECTIONS:-32}
PGB_CLIENTS=${PGB_CLIENTS:-20}
RESIDENTS=${RESIDENTS:-64}
SCALE=${SCALE:-0.05}
PROFILE=${PROFILE:-1}
PG_PORT=${PG_PORT:-55436}
APP_PORT=${APP_PORT:-18092}
POINTS_PER_RESIDENT=${POINTS_PER_RESIDENT:-10000000}
PGBIN=/usr/lib/postgresql/15/bin
OUT=${OUT:-$ROOT/target/bench/writes-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/writesbench.XXXXXX)
chmod 755 "$WORK"
APP_PID=
SAMPLER_PID=
ADMIN_PASSWORD=bench-$RANDOM$RANDOM
RESIDENT_PASSWORD=bench-resident-password-$RANDOM
BASE=http://127.0.0.1:$APP_PORT
JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/gridgov
SCRIPT_START=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - SCRIPT_START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-44s %s\n' "$1" "$2"; }
get() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); v = $0 } END { print v }' "$RESULTS"; }
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -v ON_ERROR_STOP=1 "$@"; }
load() { awk '{print $1" "$2" "$3}' /proc/loadavg; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

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
  [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_app
  [[ -f $WORK/app.log ]] && tail -n 2000 "$WORK/app.log" > "$OUT/app.log"
  [[ -f $WORK/pg.log ]] && tail -n 2000 "$WORK/pg.log" | cut -c1-2000 > "$OUT/postgresql.log"
  if [[ -f $WORK/data/postmaster.pid ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "FAILED (exit $rc) after $(($(date +%s) - SCRIPT_START)) s; logs in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU time in clock ticks (utime + stime, and of waited-for children): of the app's JVM, and of the cluster (the
# postmaster, ended backends it waited for, and the live ones). Their differences around a load run, divided by the
# requests, are the CPU cost per request — much less disturbed by other work on the machine than rates are.
TCK=$(getconf CLK_TCK)
ticks() { awk '{ sub(/^[^ ]+ \(.*\) /, ""); split($0, f, " "); print f[12] + f[13] + f[14] + f[15] }' "/proc/$1/stat"; }
cluster_ticks() {
  local pm
  pm=$(head -1 "$WORK/data/postmaster.pid")
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$pm" '
    { pid = $1; rest = $0; sub(/^[^ ]+ \(.*\) /, "", rest); split(rest, f, " ")
      if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13] }
    END { print t }' || true
}
# CPU of every process on the machine that is neither this benchmark's (descendants of this script, the cluster)
# nor the kernel's idle: what other work took from the 2 cores while we measured, in % of one core.
all_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
per_request_ms() { awk -v d="$1" -v n="$2" -v tck="$TCK" 'BEGIN { printf "%.3f", (n > 0) ? 1000 * d / tck / n : 0 }'; }
authorization() {
  local body
  body=$(curl -fsS -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/token")
  echo "Bearer $(jq -r .accessToken <<<"$body")"
}
pgss_reset() { psql_pg -d gridgov -qAtc "select pg_stat_statements_reset()" > /dev/null; }
# statements PostgreSQL executed since the reset (pg_stat_statements, top level, utility statements not tracked:
# BEGIN/COMMIT do not count), total and per statement text, into a file
pgss_dump() { # file → prints the total of calls
  psql_pg -d gridgov -At -F $'\t' -c "select calls, rows, round(total_exec_time::numeric, 1), regexp_replace(left(query, 220), '\s+', ' ', 'g')
    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'gridgov')
     and query not like '%pg_stat_statements%' order by calls desc" > "$1"
  awk -F'\t' '{ s += $1 } END { print s + 0 }' "$1"
}

# ---------------------------------------------------------------------------------------------------------------
log "0. machine"
for tool in wrk jq curl python3; do command -v $tool >/dev/null || { echo "$tool is missing"; exit 1; }; done
[[ -x $PGBIN/initdb ]] || { echo "PostgreSQL 15 is missing ($PGBIN)"; exit 1; }
result machine_nproc "$(nproc)"
result machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/writes' || echo '+dirty')"
result java "$(java -version 2>&1 | head -1)"
result postgresql "$("$PGBIN/postgres" --version)"
result load_at_start "$(load)"
result foreign_builds_at_start "$(pgrep -fa 'plexus-classworlds|surefirebooter' | wc -l)"

log "1. build (web-app jar) and the synthetic city (SCALE=$SCALE)"
t=$(now)
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_ARGS:-} -pl web-app -am -DskipTests package
fi
# a snapshot of what was built: other builds in this working tree may rewrite target/ while the benchmark runs
mkdir -p "$WORK/build"
cp "$(ls web-app/target/web-app-*.jar | grep -v -E 'sources|javadoc' | head -1)" "$WORK/build/app.jar"
cp -r grid-core/target/classes "$WORK/build/classes"
result build_s "$(since "$t")"
java -cp "$WORK/build/classes" org.gridgov.grid.synthetic.SyntheticCity --scale "$SCALE" \
  --out "$WORK/city.geojson" --staff-out "$WORK/staff.csv" > /dev/null
result city_features "$(grep -c '"type":"Feature"' "$WORK/city.geojson")"

log "2. throw-away PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync and synchronous_commit on; pg_stat_statements loaded)"
chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > /dev/null
cat >> "$WORK/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_buffers = 512MB
max_connections = 100
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
pg_stat_statements.track_utility = off
pg_stat_statements.max = 5000
log_min_duration_statement = 500
EOF
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start > /dev/null
psql_pg -qc "create database gridgov"
psql_pg -d gridgov -qc "create extension pg_stat_statements"
result pg_settings "$(psql_pg -d gridgov -Atc "select string_agg(name || '=' || current_setting(name), ' ' order by name) from pg_settings where name in ('shared_buffers','fsync','synchronous_commit','wal_level','max_wal_size','jit')")"

log "   the platform (snapshot of web-app/target/web-app-*.jar) on :$APP_PORT, demo data off"
mkdir -p "$WORK/apptmp"
t=$(now)
SPRING_DATASOURCE_URL=$JDBC_URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=postgres \
GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD GRIDGOV_DEMO_DATA_ENABLED=false SERVER_PORT=$APP_PORT \
GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=1000000000 \
GRIDGOV_RESIDENTS_CRYPTO_KEYS_B1=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=b1 \
GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_IMPORTDIRECTORY=$WORK/imports \
GRIDGOV_BLOBS_DIRECTORY=$WORK/blobs \
  java -Djava.io.tmpdir="$WORK/apptmp" ${APP_JAVA_OPTS:-} -jar "$WORK/build/app.jar" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
  curl -fs "$BASE/actuator/health/readiness" > /dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/actuator/health/readiness" > /dev/null || { tail -50 "$WORK/app.log"; echo "app not ready"; exit 1; }
grep -q EmbeddedPostgres "$WORK/app.log" && { echo "an embedded database was started"; exit 1; }
result app_start_s "$(since "$t")"
result app_jvm "$(jcmd "$APP_PID" VM.flags 2>/dev/null | grep -o -E '(MaxHeapSize|UseG1GC|UseParallelGC|UseSerialGC)[^ ]*' | sort -u | tr '\n' ' ' || true)"

# ---------------------------------------------------------------------------------------------------------------
log "3. setup (not measured): the city through the API, staff, $RESIDENTS residents with tokens and points"
AUTH=$(authorization)
job_id=$(curl -fsS -H "Authorization: $AUTH" -F "file=@$WORK/city.geojson;filename=city.geojson" \
  "$BASE/api/v1/grid-imports" | jq -r .id)
deadline=$(($(date +%s) + 900))
while :; do
  status=$(curl -fsS -H "Authorization: $AUTH" "$BASE/api/v1/grid-imports/$job_id" | jq -r .status)
  [[ $status == SUCCEEDED || $status == FAILED ]] && break
  (($(date +%s) < deadline)) || { echo "import did not finish in 15 minutes"; exit 1; }
  sleep 2
done
[[ $status == SUCCEEDED ]] || { echo "import FAILED"; exit 1; }
psql_pg -d gridgov -q -f "$ROOT/benchmarks/grid/sql/load_staff.sql" < "$WORK/staff.csv" > /dev/null
result db_grid_nodes "$(psql_pg -d gridgov -Atc "select count(*) from grid_node where status = 'ACTIVE'")"
result db_grid_staff "$(psql_pg -d gridgov -Atc "select count(*) from grid_staff")"

for k in $(seq 1 "$RESIDENTS"); do
  curl -fsS -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-resident-$k\",\"displayName\":\"压测居民$k\",\"password\":\"$RESIDENT_PASSWORD\",\"role\":\"RESIDENT\"}" \
    "$BASE/api/v1/accounts"
done
# bearer tokens live 15 minutes: fresh ones before each part of the load (not measured)
fresh_tokens() {
  : > "$WORK/tokens.new"
  for k in $(seq 1 "$RESIDENTS"); do
    curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"bench-resident-$k\",\"password\":\"$RESIDENT_PASSWORD\"}" \
      "$BASE/api/v1/auth/token" | jq -r .accessToken >> "$WORK/tokens.new"
  done
  mv "$WORK/tokens.new" "$WORK/tokens.txt"
}
fresh_tokens
result resident_tokens "$(grep -c . "$WORK/tokens.txt")"
# Points for every resident by the ledger's own rules: one EARN entry from the issuance account, balances and
# postings as PointsLedger.post writes them (the balanced-entry trigger and the balance CHECK apply)
psql_pg -d gridgov -q -v amount="$POINTS_PER_RESIDENT" -f "$BENCH/sql/fund_residents.sql" > /dev/null
result funded_residents "$(psql_pg -d gridgov -Atc "select count(*) from ledger_account where kind = 'PERSON' and balance > 0")"
# The hot pool: the community with the most micro grids (any would do: one pool, 32 sub-accounts)
COMMUNITY_ID=$(psql_pg -d gridgov -Atc "select c.id from grid_node c where c.type = 'COMMUNITY' and c.status = 'ACTIVE'
  order by (select count(*) from grid_node m where m.parent_id = c.id) desc, c.id limit 1")
result pool_community_id "$COMMUNITY_ID"
# 20,000 report points, one random point inside a random micro grid (the generated grids are rectangles), with a
# category drawn as wrk draws it: points.txt for wrk, bench_report_grid for pgbench (what the app's in-memory locate
# finds, read by pgbench with one primary-key look-up per transaction)
python3 "$BENCH/points.py" "$WORK/city.geojson" 20000 > "$WORK/points.csv"
cut -d, -f2,3 "$WORK/points.csv" | tr ',' ' ' > "$WORK/points.txt"
psql_pg -d gridgov -q -f "$BENCH/sql/pgbench_setup.sql" < "$WORK/points.csv" > /dev/null
result report_points "$(psql_pg -d gridgov -Atc "select count(*) from bench_report_grid")"
psql_pg -d gridgov -qc "vacuum analyze"
read -r AMIN AMAX < <(psql_pg -d gridgov -At -F ' ' -c "select min(id), max(id) from account where username like 'bench-resident-%'")
export TOKENS_FILE=$WORK/tokens.txt POINTS_FILE=$WORK/points.txt COMMUNITY_ID

# ---------------------------------------------------------------------------------------------------------------
log "4. capture: the SQL of warm requests (log_statement = all), 1 cold + 2 warm of each path, one at a time"
token=$(head -1 "$WORK/tokens.txt")
report_once() { # key → HTTP status
  read -r lat lng < <(shuf -n1 "$WORK/points.txt")
  curl -sS -o "$WORK/last.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $1" -d "{\"category\":\"ENVIRONMENT\",\"description\":\"capture\",\"lat\":$lat,\"lng\":$lng}" \
    "$BASE/api/v1/incidents"
}
donate_once() {
  curl -sS -o "$WORK/last.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $1" -d "{\"amount\":1,\"communityId\":$COMMUNITY_ID}" "$BASE/api/v1/points/me/donations"
}
result capture_cold_report_status "$(report_once "cold-report-$RANDOM")"
jq -c '{tracking: .incident.trackingCode, state: .incident.state, grid: .incident.grid.type, assignee: .incident.assigneeName,
        outsideGrid: .incident.outsideGrid, duplicates: (.possibleDuplicates | length)}' "$WORK/last.json" | sed 's/^/    sample: /'
result capture_cold_donation_status "$(donate_once "cold-donation-$RANDOM")"
jq -c . "$WORK/last.json" | cut -c1-300 | sed 's/^/    sample: /'
sleep 2
log_offset=$(stat -c %s "$WORK/pg.log")
psql_pg -d gridgov -qc "alter system set log_statement = 'all'" -c "select pg_reload_conf()" > /dev/null
sleep 1
for k in 1 2; do
  psql_pg -d gridgov -qc "select 'bench-capture-report-$k'" > /dev/null; report_once "capture-report-$k-$RANDOM" > /dev/null
  psql_pg -d gridgov -qc "select 'bench-capture-donation-$k'" > /dev/null; donate_once "capture-donation-$k-$RANDOM" > /dev/null
done
psql_pg -d gridgov -qc "select 'bench-capture-end'" > /dev/null
psql_pg -d gridgov -qc "alter system reset log_statement" -c "select pg_reload_conf()" > /dev/null
tail -c +$((log_offset + 1)) "$WORK/pg.log" | grep -v -E 'alter system|pg_reload_conf' > "$OUT/capture_statements.txt"
for what in report donation; do
  result "capture_${what}_statements" "$(awk -v b="bench-capture-$what-2" '$0 ~ b { on = 1; next } /bench-capture-/ { on = 0 } on' \
    "$OUT/capture_statements.txt" | grep -E 'LOG:  (execute|statement)' | grep -v -E ': (BEGIN|COMMIT|select .bench-capture)' -c || true)"
done

# pgbench's side: the pool's 32 sub-accounts exist now (the first donation created them); every script checked once
read -r POOL_FIRST POOL_SHARDS < <(psql_pg -d gridgov -At -F ' ' -c "select min(id), count(*) from ledger_account where kind = 'POOL' and owner_id = $COMMUNITY_ID")
result pool_shards "$POOL_SHARDS"
read -r PMIN PMAX < <(psql_pg -d gridgov -At -F ' ' -c "select min(id), max(id) from ledger_account where kind = 'PERSON' and owner_id between $AMIN and $AMAX")
COMMUNITY_PATH=$(psql_pg -d gridgov -Atc "select path from grid_node where id = $COMMUNITY_ID")
# pgbench/donation.sql computes ledger ids from account ids and shard numbers: check that the ids are laid out so
result pgbench_id_layout_ok "$(psql_pg -d gridgov -Atc "select (select bool_and(a.id - $PMIN = a.owner_id - $AMIN) from ledger_account a
  where a.kind = 'PERSON' and a.owner_id between $AMIN and $AMAX) and (select bool_and(id - $POOL_FIRST = shard)
  from ledger_account where kind = 'POOL' and owner_id = $COMMUNITY_ID)")"
[[ $(get pgbench_id_layout_ok) == t ]] || { echo "ledger ids are not laid out as pgbench/donation.sql assumes"; exit 1; }
PGB_VARS=(-D amin="$AMIN" -D amax="$AMAX" -D grids="$(get report_points)" -D pool_first="$POOL_FIRST"
  -D shards="$POOL_SHARDS" -D pmin="$PMIN" -D community="$COMMUNITY_ID" -D community_path="$COMMUNITY_PATH")
for path in report donation; do
  (cd "$WORK" && as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c1 -t5 \
    "${PGB_VARS[@]}" -f "$BENCH/pgbench/$path.sql" gridgov > "$OUT/pgbench_check_$path.txt" 2>&1) \
    || { tail -20 "$OUT/pgbench_check_$path.txt"; echo "pgbench/$path.sql fails"; [[ -n ${KEEP_FOR:-} ]] || exit 1; }
done
if [[ -n ${KEEP_FOR:-} ]]; then # developing the pgbench scripts against this cluster
  log "KEEP_FOR=$KEEP_FOR: the cluster stays up; try: (cd $WORK && runuser -u postgres -- $PGBIN/pgbench -h 127.0.0.1 -p $PG_PORT -U postgres -n -M prepared -c1 -t5 ${PGB_VARS[*]} -f $BENCH/pgbench/report.sql gridgov)"
  sleep "$KEEP_FOR" & wait $!   # (a TERM ends the wait at once and the cleanup runs)
fi
if [[ ${CAPTURE_ONLY:-0} == 1 ]]; then log "CAPTURE_ONLY=1: stopping after the capture"; exit 0; fi

# ---------------------------------------------------------------------------------------------------------------
# One wrk run → results <name>_*: requests/s, latencies, app and PostgreSQL CPU per request, SQL statements per
# request (pg_stat_statements), other processes' CPU.
http_run() { # name path(report|donation) seconds [--latency]
  local name=$1 path=$2 seconds=$3 app0 db0 all0 app1 db1 all1 t0 n stmts
  pgss_reset
  app0=$(ticks "$APP_PID"); db0=$(cluster_ticks); all0=$(all_ticks); t0=$(now)
  WRK_PREFIX=$name wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 60s --latency -s "$BENCH/wrk/$path.lua" "$BASE" \
    > "$OUT/wrk_$name.txt"
  app1=$(ticks "$APP_PID"); db1=$(cluster_ticks); all1=$(all_ticks)
  stmts=$(pgss_dump "$OUT/pgss_$name.tsv")
  while IFS='=' read -r k v; do [[ -n $k ]] && echo "$k=$v" >> "$RESULTS"; done < <(grep -E '^[a-z0-9_]+=' "$OUT/wrk_$name.txt")
  n=$(get "${name}_requests")
  echo "${name}_app_cpu_ms=$(per_request_ms $((app1 - app0)) "$n")" >> "$RESULTS"
  echo "${name}_db_cpu_ms=$(per_request_ms $((db1 - db0)) "$n")" >> "$RESULTS"
  echo "${name}_statements=$(awk -v s="$stmts" -v n="$n" 'BEGIN { printf "%.2f", (n > 0) ? s / n : 0 }')" >> "$RESULTS"
  # the statements every request sends (≥ 0.5 calls per request; the rest are background jobs and first uses)
  echo "${name}_statements_hot=$(awk -F'\t' -v n="$n" '$1 >= 0.5 * n { s += $1; k++ } END { printf "%.2f (%d kinds)", (n > 0) ? s / n : 0, k }' "$OUT/pgss_$name.tsv")" >> "$RESULTS"
  echo "${name}_others_cpu_pct=$(awk -v a=$((all1 - all0 - (app1 - app0) - (db1 - db0))) -v t="$TCK" -v s="$(since "$t0")" 'BEGIN { printf "%.0f", 100 * a / t / s }')" >> "$RESULTS"
  printf '    %-22s %6s req/s  p50 %7s ms  p99 %8s ms  non2xx %s  app %s + db %s ms CPU/req  %s stmts/req  others %s%% (wrk/pgbench incl.)\n' \
    "$name" "$(get "${name}_rps")" "$(get "${name}_p50_ms")" "$(get "${name}_p99_ms")" "$(get "${name}_non2xx")" \
    "$(get "${name}_app_cpu_ms")" "$(get "${name}_db_cpu_ms")" "$(get "${name}_statements") [$(get "${name}_statements_hot")]" "$(get "${name}_others_cpu_pct")"
}
# One pgbench run → results <name>_*: tps, latency, PostgreSQL CPU per transaction, statements per transaction
pgbench_run() { # name script seconds
  local name=$1 script=$2 seconds=$3 db0 db1 all0 all1 t0 n stmts
  pgss_reset
  db0=$(cluster_ticks); all0=$(all_ticks); t0=$(now)
  (cd "$WORK" && as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c"$PGB_CLIENTS" -j2 \
    -T"$seconds" "${PGB_VARS[@]}" -f "$BENCH/pgbench/$script" gridgov > "$OUT/pgbench_$name.txt" 2>&1) \
    || { tail -20 "$OUT/pgbench_$name.txt"; exit 1; }
  db1=$(cluster_ticks); all1=$(all_ticks)
  stmts=$(pgss_dump "$OUT/pgss_$name.tsv")
  n=$(grep -oP 'transactions actually processed: \K[0-9]+' "$OUT/pgbench_$name.txt")
  echo "${name}_tps=$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench_$name.txt" | head -1 | cut -d. -f1)" >> "$RESULTS"
  echo "${name}_latency_ms=$(grep -oP 'latency average = \K[0-9.]+' "$OUT/pgbench_$name.txt")" >> "$RESULTS"
  echo "${name}_failed=$(grep -oP 'number of failed transactions: \K[0-9]+' "$OUT/pgbench_$name.txt")" >> "$RESULTS"
  echo "${name}_db_cpu_ms=$(per_request_ms $((db1 - db0)) "$n")" >> "$RESULTS"
  # pgbench's own helper read (bench_report_grid / the donor draw) is not a statement of the app: left out
  echo "${name}_statements=$(awk -F'\t' -v n="$n" '$4 !~ /bench_/ { s += $1 } END { printf "%.2f", (n > 0) ? s / n : 0 }' "$OUT/pgss_$name.tsv")" >> "$RESULTS"
  echo "${name}_others_cpu_pct=$(awk -v a=$((all1 - all0 - (db1 - db0))) -v t="$TCK" -v s="$(since "$t0")" 'BEGIN { printf "%.0f", 100 * a / t / s }')" >> "$RESULTS"
  printf '    %-22s %6s tps    latency avg %s ms  failed %s  db %s ms CPU/tx  %s stmts/tx  others %s%% (pgbench incl.)\n' \
    "$name" "$(get "${name}_tps")" "$(get "${name}_latency_ms")" "$(get "${name}_failed")" "$(get "${name}_db_cpu_ms")" \
    "$(get "${name}_statements")" "$(get "${name}_others_cpu_pct")"
}

# ---------------------------------------------------------------------------------------------------------------
log "5. WARM-UP, explicit and recorded: $WARMUP_SLICES × ${SLICE}s of each path over HTTP (the warm-up curve)"
for path in report donation; do
  for s in $(seq 1 "$WARMUP_SLICES"); do http_run "warm_${path}_$s" "$path" "$SLICE"; done
done
result load_after_warmup "$(load)"
log "   pgbench warm-up, 10 s per script (not reported)"
for path in report donation; do pgbench_run "warm_pgbench_$path" "$path.sql" 10; done

# ---------------------------------------------------------------------------------------------------------------
fresh_tokens
sleep 5
log "6. $ROUNDS interleaved rounds: app over HTTP then pgbench, ${DURATION}s each, for each path"
for r in $(seq 1 "$ROUNDS"); do
  for path in report donation; do
    http_run "r${r}_http_$path" "$path" "$DURATION"
    pgbench_run "r${r}_pgbench_$path" "$path.sql" "$DURATION"
    result "r${r}_${path}_ratio" "$(awk -v a="$(get "r${r}_http_${path}_rps")" -v b="$(get "r${r}_pgbench_${path}_tps")" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')"
  done
done
result load_after_rounds "$(load)"

# ---------------------------------------------------------------------------------------------------------------
if [[ $PROFILE == 1 ]]; then
  fresh_tokens
  log "7. profile: a JFR recording of the app during ${DURATION}s of each path (not counted in the rounds)"
  for path in report donation; do
    jcmd "$APP_PID" JFR.start name=$path settings=profile filename="$OUT/profile_$path.jfr" > /dev/null
    http_run "jfr_$path" "$path" "$DURATION"
    jcmd "$APP_PID" JFR.stop name=$path > /dev/null
    python3 "$BENCH/jfr_top.py" "$OUT/profile_$path.jfr" > "$OUT/profile_$path.txt" 2>&1 || true
  done
fi

# ---------------------------------------------------------------------------------------------------------------
log "8. what the runs wrote, checked in the database"
result db_incidents "$(psql_pg -d gridgov -Atc "select count(*) from incident")"
result db_incidents_assigned "$(psql_pg -d gridgov -Atc "select count(*) from incident where assignee_name is not null")"
result db_incidents_outside_grid "$(psql_pg -d gridgov -Atc "select count(*) from incident where outside_grid")"
result db_donations "$(psql_pg -d gridgov -Atc "select count(*) from journal_entry where type = 'DONATE'")"
result db_pool_balance "$(psql_pg -d gridgov -Atc "select sum(balance) from ledger_account where kind = 'POOL' and owner_id = $COMMUNITY_ID")"
result db_unbalanced_entries "$(psql_pg -d gridgov -Atc "select count(*) from (select entry_id from posting group by entry_id having sum(amount) <> 0) x")"
result db_balance_mismatches "$(psql_pg -d gridgov -Atc "select count(*) from ledger_account a left join (select account_id, sum(amount) s from posting group by account_id) p on p.account_id = a.id where a.balance <> coalesce(p.s, 0)")"
result load_at_end "$(load)"
result total_s "$(($(date +%s) - SCRIPT_START))"

# ---------------------------------------------------------------------------------------------------------------
log "SUMMARY (every number in $RESULTS)"
spread() { # key pattern (with R for the round) → "min–max (median)"
  for r in $(seq 1 "$ROUNDS"); do get "${1//R/r$r}"; done | sort -g | awk '{ v[NR] = $1 } END {
    printf "%s–%s (median %s)", v[1], v[NR], v[int((NR + 1) / 2)] }'
}
{
  echo "## Rounds (steady state after the warm-up; $ROUNDS rounds, each: app ${DURATION}s, then pgbench ${DURATION}s)"
  echo
  echo "| path | app req/s | pgbench tps | app / pgbench | app p50 / p99 ms | CPU per request: app + PostgreSQL ms | pgbench PostgreSQL CPU ms/tx | statements per request: app, all [sent by every request] / pgbench | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for path in report donation; do
    for r in $(seq 1 "$ROUNDS"); do
      h=r${r}_http_$path; p=r${r}_pgbench_$path
      echo "| $path, round $r | $(get "${h}_rps") | $(get "${p}_tps") | $(get "r${r}_${path}_ratio") | $(get "${h}_p50_ms") / $(get "${h}_p99_ms") | $(get "${h}_app_cpu_ms") + $(get "${h}_db_cpu_ms") | $(get "${p}_db_cpu_ms") | $(get "${h}_statements") [$(get "${h}_statements_hot")] / $(get "${p}_statements") | $(get "${h}_non2xx") |"
    done
    echo "| **$path, spread** | $(spread "R_http_${path}_rps") | $(spread "R_pgbench_${path}_tps") | **$(spread "R_${path}_ratio")** | | app $(spread "R_http_${path}_app_cpu_ms") | | | |"
  done
  echo
  echo "## Warm-up curve (the first $((WARMUP_SLICES * SLICE)) s of each path, ${SLICE}-s slices)"
  echo
  echo "| path | slice | req/s | app CPU ms/req | PostgreSQL CPU ms/req | statements/req | p99 ms |"
  echo "|---|---|---|---|---|---|---|"
  for path in report donation; do
    for s in $(seq 1 "$WARMUP_SLICES"); do
      w=warm_${path}_$s
      echo "| $path | $(((s - 1) * SLICE))–$((s * SLICE)) s | $(get "${w}_rps") | $(get "${w}_app_cpu_ms") | $(get "${w}_db_cpu_ms") | $(get "${w}_statements") | $(get "${w}_p99_ms") |"
    done
  done
  echo
  echo "Other processes' CPU (% of one core, of $(($(get machine_nproc) * 100)) %; wrk's or pgbench's own share included): $(for path in report donation; do printf '%s http %s, pgbench %s; ' "$path" "$(spread "R_http_${path}_others_cpu_pct")" "$(spread "R_pgbench_${path}_others_cpu_pct")"; done)"
  echo "Load average: start $(get load_at_start), after warm-up $(get load_after_warmup), after rounds $(get load_after_rounds), end $(get load_at_end). Maven/Surefire JVMs at start: $(get foreign_builds_at_start)."
  echo "Written: $(get db_incidents) incidents ($(get db_incidents_assigned) with a named worker, $(get db_incidents_outside_grid) outside every grid); $(get db_donations) donations, pool balance $(get db_pool_balance); unbalanced entries $(get db_unbalanced_entries), balance mismatches $(get db_balance_mismatches)."
} | tee "$OUT/summary.md"
log "done in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
