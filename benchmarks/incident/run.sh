#!/usr/bin/env bash
# Incident benchmark (issue 5): submission of a report under concurrent load vs the same SQL by pgbench, and the
# incident figures with 5 million generated incidents, at the full generated Chengdu scale. See README.md next to it.
#
# usage: benchmarks/incident/run.sh
#   env: OUT=dir (default target/bench/incident-<time>)  DURATION=30 (s per measured load run)  WARMUP=10 (s)
#        INCIDENTS=5000000 (generated incidents)  CONNECTIONS=32 (wrk)  PGB_CLIENTS=20 (pgbench; = the app's pool)
#        FIGURES_DURATION=20 (s per figures variant)  CITY_VIEWS=30  RESIDENTS=8 (accounts / tokens used by wrk)
#        PG_PORT=55434  APP_PORT=18090  SOURCE=head|worktree  SKIP_BUILD=1  SCALE=1.0 (as benchmarks/grid/run.sh)
#        MVN_ARGS (extra Maven arguments for the build, e.g. "-o -Dmaven.repo.local=…")
#        MVN_SKIP=-Dmaven.test.skip=true (-DskipTests where a fresh local repository lacks the modules' test jars)
#        CITY=1 (the districts under the CITY root 成都市 510100, issue 14; CITY=0: districts as roots)
#
# One throw-away PostgreSQL 15 + PostGIS cluster (default settings except memory), the platform jar against it. Setup
# (not measured): import of the whole generated city through the API, staff, resident accounts, 5 M incidents by SQL.
# Measured: (a) POST /api/v1/incidents with wrk, (b) the SQL statements of one submission — captured from the
# PostgreSQL log in the same run — by pgbench, (c) GET /api/v1/incidents/figures for streets, districts and the
# whole city. Everything it started is stopped and the cluster deleted on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/incident

INCIDENTS=${INCIDENTS:-5000000}
CONNECTIONS=${CONNECTIONS:-32}
PGB_CLIENTS=${PGB_CLIENTS:-20}
FIGURES_DURATION=${FIGURES_DURATION:-20}
CITY_VIEWS=${CITY_VIEWS:-30}
RESIDENTS=${RESIDENTS:-8}
CAPTURE_REPORTS=${CAPTURE_REPORTS:-3}
RESIDENT_PASSWORD=bench-resident-password-$RANDOM
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
PG_PORT=${PG_PORT:-55434}
APP_PORT=${APP_PORT:-18090}
SCALE=${SCALE:-1.0}
CITY=${CITY:-1}
SOURCE=${SOURCE:-head}
PG_VERSION=15
PGBIN=/usr/lib/postgresql/$PG_VERSION/bin
OUT=${OUT:-$ROOT/target/bench/incident-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/incidentbench.XXXXXX)
chmod 755 "$WORK"
APP_PID=
ADMIN_PASSWORD=bench-$RANDOM$RANDOM
BASE=http://127.0.0.1:$APP_PORT
JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/gridgov
SCRIPT_START=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - SCRIPT_START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-40s %s\n' "$1" "$2"; }
results_from() { # file with key=value lines → results (with a prefix)
  local prefix=$1 file=$2
  while IFS='=' read -r key value; do
    [[ -n $key ]] && result "$prefix$key" "$value"
  done < <(grep -E '^[A-Za-z0-9_]+=' "$file")
}
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
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
    [[ -n ${SAMPLER_PID:-} ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_app
  [[ -f $WORK/app.log ]] && cp "$WORK/app.log" "$OUT/app.log"
  # the import's slow-statement lines carry megabytes of parameters: keep the end of the log only
  [[ -f $WORK/pg.log ]] && tail -n 3000 "$WORK/pg.log" | cut -c1-2000 > "$OUT/postgresql.log"
  if [[ -f $WORK/data/postmaster.pid ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  if [[ $rc -ne 0 ]]; then
    echo "FAILED (exit $rc) after $(($(date +%s) - SCRIPT_START)) s; logs in $OUT"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Background sampler, every 5 s: the CPU used by this benchmark (this script's descendants and the throw-away
# cluster's server processes) and by everything else on the machine, in % of ONE core (200 % = both cores of a
# 2-core machine), from /proc/<pid>/stat. Other work on the same cores makes the numbers noisy; the summary reports
# how much there was per section. (CPU of processes that ended between two samples is not seen: a lower bound.)
sampler() {
  local tck prev=$WORK/cpu.prev pm
  tck=$(getconf CLK_TCK)
  while :; do
    pm=0
    [[ -f $WORK/data/postmaster.pid ]] && pm=$(head -1 "$WORK/data/postmaster.pid" 2>/dev/null || echo 0)
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v me="$$" -v pm="${pm:-0}" -v tck="$tck" -v prevf="$prev" \
      -v now="$(date +%s.%N)" -v clock="$(date +%T)" -v load="$(load)" '
      { pid = $1; rest = $0; sub(/^[^ ]+ \(.*\) /, "", rest); split(rest, f, " ")
        ppid[pid] = f[2]; t[pid] = f[12] + f[13] }
      END {
        while ((getline line < prevf) > 0) {
          split(line, a, " ")
          if (a[1] == "T") prevnow = a[2]; else pt[a[1]] = a[2]
        }
        close(prevf)
        for (p in t) {
          q = p; o = 0
          for (k = 0; k < 64 && q > 1; k++) { if (q == me || q == pm) { o = 1; break }; q = ppid[q] }
          d = (p in pt) ? t[p] - pt[p] : t[p]
          if (d < 0) d = 0
          if (o) ours += d; else others += d
        }
        if (prevnow != "") {
          dt = now - prevnow
          printf "%s load %s ours %.0f%% others %.0f%%\n", clock, load, 100 * ours / tck / dt, 100 * others / tck / dt
        }
        printf "T %s\n", now > prevf
        for (p in t) printf "%s %d\n", p, t[p] > prevf
      }' || true   # processes come and go while cat reads /proc: never let that stop the sampler
    sleep 5
  done
}
section() { echo "SECTION $1" >> "$OUT/cpu.txt"; }
# CPU time in clock ticks: of one process (its threads, and its children it has waited for), and of the cluster
# (the postmaster, the backends that ended — the postmaster waited for them — and the live ones). Differences of
# these around a load run give the CPU cost per request, which other work on the machine disturbs much less than
# requests/s or latencies.
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
# The admin's Authorization header value: a JWT from POST /api/v1/auth/token where the platform has it (identity,
# docs/SECURITY.md; access tokens live 15 minutes, so each section asks for a fresh one), else HTTP Basic.
authorization() {
  local body
  if body=$(curl -fsS -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/token" 2>/dev/null); then
    echo "Bearer $(jq -r .accessToken <<<"$body")"
  else
    echo "Basic $(printf 'admin:%s' "$ADMIN_PASSWORD" | base64 -w0)"
  fi
}
per_request_ms() { awk -v d="$1" -v n="$2" -v tck="$TCK" 'BEGIN { printf "%.3f", (n > 0) ? 1000 * d / tck / n : 0 }'; }

# ---------------------------------------------------------------------------------------------------------------
log "0. prerequisites, machine"
missing=()
[[ -x $PGBIN/initdb ]] || missing+=("postgresql-$PG_VERSION")
[[ -f /usr/share/postgresql/$PG_VERSION/extension/postgis.control ]] || missing+=("postgresql-$PG_VERSION-postgis-3")
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
result machine_nproc "$(nproc)"
result machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result machine_ram_gb "$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
result machine_os "$(. /etc/os-release && echo "$PRETTY_NAME")"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result java "$(java -version 2>&1 | head -1)"
result load_at_start "$(load)"
result foreign_builds_at_start "$(pgrep -fa 'plexus-classworlds|surefirebooter' | wc -l)"

# ---------------------------------------------------------------------------------------------------------------
log "1. build (the platform jar) from SOURCE=$SOURCE, and generate the city"
t=$(now)
if [[ $SOURCE == head ]]; then
  # A clean export of the last commit (read-only for the repository), built in the temp dir: neither uncommitted
  # edits nor other builds in this working tree can change what is measured. The harness itself (this folder) is
  # taken from the working tree, so it works before it is committed.
  SRC=$WORK/src
  COMMIT=$(git rev-parse --short HEAD)
  mkdir -p "$SRC"
  git archive "$COMMIT" | tar -x -C "$SRC"
  rm -rf "$SRC/benchmarks/incident"
  mkdir -p "$SRC/benchmarks"
  cp -r "$ROOT/benchmarks/incident" "$SRC/benchmarks/incident"
  result source "git HEAD $COMMIT, clean export (git archive) + harness from the working tree"
elif [[ $SOURCE == worktree ]]; then
  SRC=$ROOT
  result source "working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
else
  echo "SOURCE must be head or worktree"; exit 1
fi
cd "$SRC"
if [[ $SOURCE == head || ${SKIP_BUILD:-0} != 1 ]]; then
  # -Dmaven.test.skip: the jar needs no test sources compiled
  ./mvnw -B -q ${MVN_ARGS:-} -pl web-app -am ${MVN_SKIP:--Dmaven.test.skip=true} package \
    || { echo "build failed (SOURCE=worktree SKIP_BUILD=1 uses what is already in web-app/target, grid-core/target)"; exit 1; }
fi
# Snapshot what was built: other builds in this working tree may rewrite target/ while the benchmark runs.
mkdir -p "$WORK/build"
cp "$(ls web-app/target/web-app-*.jar | grep -v -E 'sources|javadoc' | head -1)" "$WORK/build/app.jar"
cp -r grid-core/target/classes "$WORK/build/classes"
JAR=$WORK/build/app.jar
cd "$ROOT"
result build_s "$(since "$t")"
section setup
sampler >> "$OUT/cpu.txt" 2>/dev/null &
SAMPLER_PID=$!
t=$(now)
# what scripts/generate-city.sh runs, on the snapshot of the classes
CITY_ARG=()
[[ $CITY == 1 ]] && CITY_ARG=(--city)
java -cp "$WORK/build/classes" org.gridgov.grid.synthetic.SyntheticCity --scale "$SCALE" ${CITY_ARG[@]+"${CITY_ARG[@]}"} \
  --out "$WORK/city.geojson" --staff-out "$WORK/staff.csv" >/dev/null
result generate_s "$(since "$t")"
result city_root "$([[ $CITY == 1 ]] && echo 'CITY 510100 成都市 above the districts' || echo 'none: districts are the roots')"
result city_features "$(grep -c '"type":"Feature"' "$WORK/city.geojson")"
result city_geojson_mb "$(du -m "$WORK/city.geojson" | cut -f1)"
result staff_csv_rows "$(($(wc -l < "$WORK/staff.csv") - 1))"

# ---------------------------------------------------------------------------------------------------------------
log "2. throw-away PostgreSQL $PG_VERSION + PostGIS on 127.0.0.1:$PG_PORT (defaults except memory; fsync stays on)"
chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_buffers = 1GB
effective_cache_size = 8GB
maintenance_work_mem = 256MB
log_min_duration_statement = 200
EOF
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
psql_pg -qc "create database gridgov"
psql_pg -d gridgov -qc "create extension postgis"
result postgresql "$(psql_pg -d gridgov -Atc 'show server_version')"
result postgis "$(psql_pg -d gridgov -Atc 'select postgis_lib_version()')"
result pg_settings "$(psql_pg -d gridgov -Atc "select string_agg(name || '=' || current_setting(name), ' ' order by name) from pg_settings where name in ('shared_buffers','effective_cache_size','maintenance_work_mem','work_mem','fsync','synchronous_commit','max_wal_size','jit')")"

log "   starting the platform (a copy of web-app/target/web-app-*.jar) on :$APP_PORT"
mkdir -p "$WORK/apptmp"   # Tomcat's work directories go there, and are deleted with the rest
t=$(now)
SPRING_DATASOURCE_URL=$JDBC_URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=postgres \
GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=1000000000 SERVER_PORT=$APP_PORT \
GRIDGOV_RESIDENTS_CRYPTO_KEYS_B1=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=b1 \
GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_IMPORTDIRECTORY=$WORK/imports \
  java -Djava.io.tmpdir="$WORK/apptmp" ${APP_JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 180); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/app.log"; echo "app not ready"; exit 1; }
grep -q EmbeddedPostgres "$WORK/app.log" && { echo "an embedded database was started"; exit 1; }
result app_start_s "$(since "$t")"
result app_jvm "$(jcmd "$APP_PID" VM.flags 2>/dev/null | grep -o -E '(MaxHeapSize|UseG1GC|UseParallelGC|UseSerialGC)[^ ]*' | sort -u | tr '\n' ' ' || true)"

# ---------------------------------------------------------------------------------------------------------------
log "3. IMPORT the whole city through the API (setup): POST /api/v1/grid-imports, poll every second"
result load_before_import "$(load)"
t_submit=$(now)
AUTH=$(authorization)
result api_auth "${AUTH%% *}"
job=$(curl -fsS -H "Authorization: $AUTH" -F "file=@$WORK/city.geojson;filename=city.geojson" \
  "$BASE/api/v1/grid-imports")
result import_upload_s "$(since "$t_submit")"
job_id=$(jq -r .id <<<"$job")
declare -A phase_start=()
phase_order=()
status=QUEUED
last_phase=
deadline=$(($(date +%s) + 1500))
while :; do
  job=$(curl -fsS -H "Authorization: $AUTH" "$BASE/api/v1/grid-imports/$job_id")
  IFS=$'\t' read -r status phase done_count total < <(jq -r '[.status, (.phase // "-"), .done, .total] | @tsv' <<<"$job")
  elapsed=$(since "$t_submit")
  printf '    t=%6.1fs %-9s %-10s %7s / %s\n' "$elapsed" "$status" "$phase" "$done_count" "$total"
  if [[ $status == RUNNING && $phase != "$last_phase" && $phase != - ]]; then
    phase_start[$phase]=$elapsed
    phase_order+=("$phase")
    last_phase=$phase
  fi
  [[ $status == SUCCEEDED || $status == FAILED ]] && break
  (($(date +%s) < deadline)) || { echo "import did not finish in 25 minutes"; exit 1; }
  sleep 1
done
t_end=$(since "$t_submit")
[[ $status == SUCCEEDED ]] || { jq . <<<"$job" | head -60; echo "import FAILED"; exit 1; }
result import_wall_s "$t_end"
result import_server_s "$(jq -r '((.finishedAt | sub("\\.[0-9]+";"") | fromdateiso8601) - (.submittedAt | sub("\\.[0-9]+";"") | fromdateiso8601))' <<<"$job")"
result import_created "$(jq -r .createdCount <<<"$job")"
for i in "${!phase_order[@]}"; do
  p=${phase_order[$i]}
  next=${phase_order[$((i + 1))]:-}
  end=${next:+${phase_start[$next]}}
  end=${end:-$t_end}
  result "import_phase_${p}_s" "$(awk -v a="${phase_start[$p]}" -v b="$end" 'BEGIN { printf "%.0f", b - a }')"
done
result import_index_reload "$(grep -o 'Grid index loaded: .*' "$WORK/app.log" | tail -1)"
result load_after_import "$(load)"

# ---------------------------------------------------------------------------------------------------------------
section setup
log "4. staff: staff.csv → grid_staff (setup, not measured), then VACUUM ANALYZE (as autovacuum would)"
psql_pg -d gridgov -q -f "$ROOT/benchmarks/grid/sql/load_staff.sql" < "$WORK/staff.csv" | tail -3
psql_pg -d gridgov -qc "vacuum analyze"
result db_grid_nodes "$(psql_pg -d gridgov -Atc "select count(*) from grid_node where status = 'ACTIVE'")"
result db_grid_staff "$(psql_pg -d gridgov -Atc "select count(*) from grid_staff")"
result db_size "$(psql_pg -d gridgov -Atc "select pg_size_pretty(pg_database_size('gridgov'))")"

# ---------------------------------------------------------------------------------------------------------------
log "5. accounts (setup): $RESIDENTS residents via POST /api/v1/accounts and their bearer tokens; random points"
AUTH=$(authorization)
ADMIN_TOKEN=${AUTH#Bearer }
: > "$WORK/tokens.txt"
for k in $(seq 1 "$RESIDENTS"); do
  user=bench-resident-$k
  curl -fsS -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"displayName\":\"压测居民$k\",\"password\":\"$RESIDENT_PASSWORD\",\"role\":\"RESIDENT\"}" \
    "$BASE/api/v1/accounts"
  curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"$RESIDENT_PASSWORD\"}" \
    "$BASE/api/v1/auth/token" | jq -r .accessToken >> "$WORK/tokens.txt"
done
result resident_tokens "$(grep -c . "$WORK/tokens.txt")"
# 20,000 random micro grids, one random point inside each (PostGIS ST_GeneratePoints, seeded): what residents report
psql_pg -d gridgov -At -F ' ' > "$WORK/points.txt" <<'SQL'
select setseed(0.20261201) \g /dev/null
select round(ST_Y(p)::numeric, 6), round(ST_X(p)::numeric, 6)
  from (select ST_GeometryN(ST_GeneratePoints(ST_GeomFromWKB(b.geometry, 4326), 1, n.id::int), 1) as p
          from grid_node n join grid_boundary b on b.node_id = n.id and b.valid_to is null
         where n.type = 'MICRO_GRID' and n.status = 'ACTIVE' order by random() limit 20000) x;
SQL
result report_points "$(wc -l < "$WORK/points.txt")"

# ---------------------------------------------------------------------------------------------------------------
log "6. CAPTURE the SQL of a submission: log_statement = all during $CAPTURE_REPORTS reports, one at a time"
# The pgbench side (pgbench/report.sql) replays these statements; capture_statements.txt lets a reader check that
# it still matches what the measured build issues (the app's statements, with their session pid and parameters).
log_offset=$(stat -c %s "$WORK/pg.log")   # the import made the log large: read only what follows
psql_pg -d gridgov -qc "alter system set log_statement = 'all'" -c "select pg_reload_conf()" > /dev/null
sleep 1
psql_pg -d gridgov -qc "select 'bench-capture-begin'" > /dev/null
token=$(head -1 "$WORK/tokens.txt")
for k in $(seq 1 "$CAPTURE_REPORTS"); do
  read -r lat lng < <(sed -n "${k}p" "$WORK/points.txt")
  curl -sS -o "$WORK/capture_response_$k.json" -w '    capture report %{http_code} in %{time_total} s\n' \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: capture-$k-$RANDOM" \
    -d "{\"category\":\"ENVIRONMENT\",\"description\":\"capture $k\",\"lat\":$lat,\"lng\":$lng}" "$BASE/api/v1/incidents"
done
psql_pg -d gridgov -qc "select 'bench-capture-end'" > /dev/null
psql_pg -d gridgov -qc "alter system reset log_statement" -c "select pg_reload_conf()" > /dev/null
tail -c +$((log_offset + 1)) "$WORK/pg.log" | awk '/bench-capture-begin/ { on = 1; next } /bench-capture-end/ { on = 0 } on' \
  | grep -v -E 'alter system|pg_reload_conf' > "$OUT/capture_statements.txt"
jq -c '{tracking: .incident.trackingCode, state: .incident.state, grid: .incident.grid.type, holder: .incident.holder.type,
        assignee: .incident.assigneeName, outsideGrid: .incident.outsideGrid, duplicates: (.possibleDuplicates | length)}' \
  "$WORK/capture_response_1.json" | sed 's/^/    sample: /'
result capture_statements "$(grep -c -E 'LOG:  (execute|statement)' "$OUT/capture_statements.txt" || true)"

# ---------------------------------------------------------------------------------------------------------------
log "7. GENERATE $INCIDENTS incidents with SQL (setup): sql/generate_incidents.sql, then VACUUM ANALYZE"
t=$(now)
psql_pg -d gridgov -v n="$INCIDENTS" -f "$BENCH/sql/generate_incidents.sql" > "$OUT/generate_incidents.txt" 2>&1 \
  || { tail -30 "$OUT/generate_incidents.txt"; exit 1; }
result generate_incidents_s "$(since "$t")"
result db_incidents "$(psql_pg -d gridgov -Atc "select count(*) from incident")"
result db_incident_size "$(psql_pg -d gridgov -Atc "select pg_size_pretty(pg_total_relation_size('incident'))")"
result db_incident_states "$(psql_pg -d gridgov -Atc "select string_agg(state || ':' || n, ' ' order by n desc) from (select state, count(*) n from incident group by state) s")"
result db_incident_overdue_now "$(psql_pg -d gridgov -Atc "select count(*) from incident where (state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and accept_due_at < now()) or (state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED') and resolve_due_at < now())")"
result db_size "$(psql_pg -d gridgov -Atc "select pg_size_pretty(pg_database_size('gridgov'))")"

# ---------------------------------------------------------------------------------------------------------------
section report
log "8. SUBMISSION over HTTP: POST /api/v1/incidents, wrk -t2 -c$CONNECTIONS, ${WARMUP}s warm-up then ${DURATION}s"
export TOKENS_FILE=$WORK/tokens.txt POINTS_FILE=$WORK/points.txt
WRK_PREFIX=warm wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 60s -s "$BENCH/wrk/report.lua" "$BASE" > "$OUT/wrk_report_warmup.txt"
result load_before_report "$(load)"
n0=$(psql_pg -d gridgov -Atc "select coalesce(max(id), 0) from incident")
app0=$(ticks "$APP_PID"); db0=$(cluster_ticks)
# --timeout: a request slower than wrk's default 2 s would be an error left out of the latency histogram
WRK_PREFIX=report wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s --latency -s "$BENCH/wrk/report.lua" "$BASE" \
  > "$OUT/wrk_report.txt"
app1=$(ticks "$APP_PID"); db1=$(cluster_ticks)
sed -n '/Latency Distribution/,/Requests\/sec/p' "$OUT/wrk_report.txt" | sed 's/^/    /'
results_from "" "$OUT/wrk_report.txt"
n=$(awk -F= '$1 == "report_requests" { print $2 }' "$RESULTS")
result report_app_cpu_ms_per_req "$(per_request_ms $((app1 - app0)) "$n")"
result report_db_cpu_ms_per_req "$(per_request_ms $((db1 - db0)) "$n")"
# what the run wrote, checked in the database: rows, assigned to a named worker, located outside every grid
result report_rows "$(psql_pg -d gridgov -Atc "select count(*) from incident where id > $n0")"
result report_rows_assigned "$(psql_pg -d gridgov -Atc "select count(*) from incident where id > $n0 and assignee_name is not null")"
result report_rows_outside_grid "$(psql_pg -d gridgov -Atc "select count(*) from incident where id > $n0 and outside_grid")"
result report_rows_timeline "$(psql_pg -d gridgov -Atc "select count(*) from incident_timeline where incident_id > $n0")"
result report_rows_notification "$(psql_pg -d gridgov -Atc "select count(*) from incident_notification where incident_id > $n0")"
# the one statement of a submission whose cost grows with the table: open reports of the same category nearby
read -r lat lng < <(head -1 "$WORK/points.txt")
psql_pg -d gridgov > "$OUT/explain_report_duplicates.txt" 2>&1 <<EOF
explain (analyze, buffers) select id from incident
 where category_code = 'ENVIRONMENT' and created_at >= now() - interval '72 hours'
   and lat between $lat - 0.0009 and $lat + 0.0009 and lng between $lng - 0.00105 and $lng + 0.00105
   and state not in ('CLOSED', 'REJECTED', 'MERGED') order by created_at desc;
EOF
result report_duplicates_explain "$(grep -oE 'Index Scan (using|on) [a-z_]+|Rows Removed by Filter: [0-9]+|Heap Blocks: [a-z]+=[0-9]+|Execution Time: [0-9.]+ ms' "$OUT/explain_report_duplicates.txt" | tr '\n' ' ')"
result load_after_report "$(load)"

# ---------------------------------------------------------------------------------------------------------------
section pgbench
log "9. the same SQL by pgbench on the same PostgreSQL: pgbench/report.sql, -M prepared -c$PGB_CLIENTS -j2 (app running, idle)"
# what the app knows before its first statement (the grid its in-memory locate finds, the category) as a helper
# table read once per transaction by the script; the residents' account ids
psql_pg -d gridgov -q -f "$BENCH/sql/pgbench_setup.sql" > "$OUT/pgbench_setup.txt"
read -r amin amax < <(psql_pg -d gridgov -At -F ' ' -c "select min(id), max(id) from account where username like 'bench-resident-%'")
PGB_VARS=(-D amin="$amin" -D amax="$amax" -D grids="$(psql_pg -d gridgov -Atc "select count(*) from bench_report_grid")")
cd "$WORK"
as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c"$PGB_CLIENTS" -j2 -T"$WARMUP" \
  "${PGB_VARS[@]}" -f "$BENCH/pgbench/report.sql" gridgov > "$OUT/pgbench_report_warmup.txt" 2>&1
result load_before_pgbench "$(load)"
rm -f "$WORK"/pgb_*
db0=$(cluster_ticks)
client=$( (as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c"$PGB_CLIENTS" -j2 \
  -T"$DURATION" -l --log-prefix="$WORK/pgb_report" "${PGB_VARS[@]}" -f "$BENCH/pgbench/report.sql" gridgov > "$OUT/pgbench_report.txt" 2>&1; \
  awk '{ sub(/^[^ ]+ \(.*\) /, ""); split($0, f, " "); print f[14] + f[15] }' "/proc/$BASHPID/stat") )
db1=$(cluster_ticks)
cd "$ROOT"
grep -E 'tps|latency average|transactions actually|failed' "$OUT/pgbench_report.txt" | sed 's/^/    /'
result pgbench_tps "$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench_report.txt" | head -1 | cut -d. -f1)"
n=$(grep -oP 'transactions actually processed: \K[0-9]+' "$OUT/pgbench_report.txt")
result pgbench_server_cpu_ms_per_tx "$(awk -v d=$((db1 - db0)) -v n="$n" -v t="$TCK" 'BEGIN { printf "%.3f", 1e3 * d / t / n }')"
result pgbench_client_cpu_ms_per_tx "$(awk -v d="$client" -v n="$n" -v t="$TCK" 'BEGIN { printf "%.3f", 1e3 * d / t / n }')"
cat "$WORK"/pgb_report* | awk '{ print $3 }' | sort -n > "$WORK/lat.txt"
n=$(wc -l < "$WORK/lat.txt")
for p in 50 99; do
  rank=$(awk -v n="$n" -v p="$p" 'BEGIN { r = int(n * p / 100 + 0.999999); if (r < 1) r = 1; print r }')
  result "pgbench_p${p}_ms" "$(awk -v us="$(sed -n "${rank}p" "$WORK/lat.txt")" 'BEGIN { printf "%.2f", us / 1000 }')"
done
result report_ratio_vs_pgbench "$(awk -v a="$(awk -F= '$1 == "report_rps" { print $2 }' "$RESULTS")" \
  -v b="$(awk -F= '$1 == "pgbench_tps" { print $2 }' "$RESULTS")" 'BEGIN { printf "%.2f", a / b }')"
result load_after_pgbench "$(load)"

# ---------------------------------------------------------------------------------------------------------------
section figures
log "10. FIGURES over HTTP: GET /api/v1/incidents/figures?nodeId=…, one request at a time (wrk -t1 -c1), admin token"
# the rollup tables as the submissions left them (dead row versions of the hot rows, autovacuum so far)
result rollup_dead_before_figures "$(psql_pg -d gridgov -Atc "select string_agg(relname || ' dead ' || n_dead_tup || ' hot '
  || n_tup_hot_upd || '/' || n_tup_upd || ' av ' || autovacuum_count, '; ' order by relname) from pg_stat_user_tables
  where relname like 'incident_figures_%'")"
AUTH=$(authorization)
export TOKEN=${AUTH#Bearer }
year_from=$(date -u -d '365 days ago' +%Y-%m-%dT%H:%M:%SZ)
psql_pg -d gridgov -Atc "select setseed(0.20261201); select '/api/v1/incidents/figures?nodeId=' || id from grid_node
  where type = 'STREET' and status = 'ACTIVE' order by random() limit 40" | grep '^/' > "$WORK/paths_street.txt"
sed "s|\$|\&from=$year_from|" "$WORK/paths_street.txt" > "$WORK/paths_street_year.txt"
psql_pg -d gridgov -Atc "select '/api/v1/incidents/figures?nodeId=' || id from grid_node where type = 'DISTRICT'
  and status = 'ACTIVE' order by id" > "$WORK/paths_district.txt"
psql_pg -d gridgov -Atc "select setseed(0.20261219); select '/api/v1/incidents/figures?nodeId=' || id from grid_node
  where type = 'COMMUNITY' and status = 'ACTIVE' order by random() limit 40" | grep '^/' > "$WORK/paths_community.txt"
# the CITY root (CITY=1): the whole city as one node, one request (issue 18)
psql_pg -d gridgov -Atc "select '/api/v1/incidents/figures?nodeId=' || id from grid_node where type = 'CITY'
  and status = 'ACTIVE' order by id" > "$WORK/paths_city.txt"
FIGURE_VARIANTS=(street street_year community district)
[[ -s $WORK/paths_city.txt ]] && FIGURE_VARIANTS+=(city)
# the same streets once more at the end: the first variant runs right after the submission burst (autovacuum, the
# deadline jobs and the JIT still busy with it); measured again, the difference is what the order cost
cp "$WORK/paths_street.txt" "$WORK/paths_street_again.txt"
FIGURE_VARIANTS+=(street_again)
curl -fsS -H "Authorization: $AUTH" "$BASE$(head -1 "$WORK/paths_street.txt")" | jq -c . | sed 's/^/    sample street figures: /'
export PATHS_FILE=$WORK/paths_street.txt
WRK_PREFIX=warm wrk -t1 -c1 -d"${WARMUP}s" --timeout 120s -s "$BENCH/wrk/figures.lua" "$BASE" > /dev/null
for variant in "${FIGURE_VARIANTS[@]}"; do
  export PATHS_FILE=$WORK/paths_$variant.txt
  app0=$(ticks "$APP_PID"); db0=$(cluster_ticks)
  # --timeout: wrk counts a request slower than its timeout (default 2 s) as an error and leaves it out of the
  # latency histogram; the figures must be measured however slow they are
  WRK_PREFIX=figures_$variant wrk -t1 -c1 -d"${FIGURES_DURATION}s" --timeout 120s --latency -s "$BENCH/wrk/figures.lua" "$BASE" \
    > "$OUT/wrk_figures_$variant.txt"
  app1=$(ticks "$APP_PID"); db1=$(cluster_ticks)
  results_from "" "$OUT/wrk_figures_$variant.txt"
  n=$(awk -F= -v k="figures_${variant}_requests" '$1 == k { print $2 }' "$RESULTS")
  result "figures_${variant}_app_cpu_ms_per_req" "$(per_request_ms $((app1 - app0)) "$n")"
  result "figures_${variant}_db_cpu_ms_per_req" "$(per_request_ms $((db1 - db0)) "$n")"
done

# The API has no whole-city node (districts are the roots, docs/DOMAIN.md): a city-wide view is the figures of every
# district. Timed as one curl over one keep-alive connection fetching all of them in turn, $CITY_VIEWS times, or
# fewer when the views are slow: no new view starts after CITY_SECONDS (default 120) s.
log "    whole city over HTTP: all $(wc -l < "$WORK/paths_district.txt") districts in one curl, $CITY_VIEWS times (at most ${CITY_SECONDS:-120} s)"
mapfile -t urls < <(sed "s|^|$BASE|" "$WORK/paths_district.txt")
: > "$WORK/city_views.txt"
city_deadline=$(($(date +%s) + ${CITY_SECONDS:-120}))
for k in $(seq 1 "$CITY_VIEWS"); do
  (($(date +%s) < city_deadline)) || break
  t=$(now)
  curl -fsS -H "Authorization: $AUTH" "${urls[@]}" > /dev/null
  awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f\n", 1000 * (b - a) }' >> "$WORK/city_views.txt"
done
sort -n "$WORK/city_views.txt" > "$WORK/city_views_sorted.txt"
city_n=$(wc -l < "$WORK/city_views_sorted.txt")
result figures_city_http_n "$city_n"
for p in 50 95; do
  rank=$(awk -v n="$city_n" -v p="$p" 'BEGIN { r = int(n * p / 100 + 0.999999); if (r < 1) r = 1; print r }')
  result "figures_city_http_p${p}_ms" "$(sed -n "${rank}p" "$WORK/city_views_sorted.txt")"
done
result figures_city_http_max_ms "$(tail -1 "$WORK/city_views_sorted.txt")"

ROLLUPS=$(psql_pg -d gridgov -Atc "select to_regclass('incident_figures_daily') is not null")
result figures_rollups "$ROLLUPS"
if [[ $ROLLUPS == t ]]; then
  # Per-node rollups (issue 18): the query reads the node's own rows, so there is no city-wide SQL to replay. The
  # statement's own time in PostgreSQL for each kind of node, from the server log (log_min_duration_statement = 0
  # for 5 requests of each), and the sizes of the rollup tables.
  log_offset=$(stat -c %s "$WORK/pg.log")
  psql_pg -d gridgov -qc "alter system set log_min_duration_statement = 0" -c "select pg_reload_conf()" > /dev/null
  sleep 1
  for variant in city district street community; do
    [[ -s $WORK/paths_$variant.txt ]] || continue
    psql_pg -d gridgov -qc "select 'bench-figures-$variant-begin'" > /dev/null
    for k in 1 2 3 4 5; do
      curl -fsS -o /dev/null -H "Authorization: $AUTH" "$BASE$(sed -n "${k}p" "$WORK/paths_$variant.txt" | grep . || head -1 "$WORK/paths_$variant.txt")"
    done
    psql_pg -d gridgov -qc "select 'bench-figures-$variant-end'" > /dev/null
  done
  psql_pg -d gridgov -qc "alter system set log_min_duration_statement = 200" -c "select pg_reload_conf()" > /dev/null
  tail -c +$((log_offset + 1)) "$WORK/pg.log" > "$OUT/figures_statements.log"
  for variant in city district street community; do
    result "figures_${variant}_statement_ms" "$(awk -v v="$variant" '$0 ~ "bench-figures-" v "-begin" { on = 1; next }
      $0 ~ "bench-figures-" v "-end" { on = 0 } on && /duration: .*p\.received, p\.accepted24/ {
        for (i = 1; i <= NF; i++) if ($i == "duration:") printf "%s%s", sep, $(i + 1); sep = " " }' "$OUT/figures_statements.log")"
  done
  psql_pg -d gridgov -At -F ' ' -c "select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)),
      'dead ' || n_dead_tup, 'updates ' || n_tup_upd, 'hot ' || n_tup_hot_upd,
      'autovacuum ' || coalesce(to_char(last_autovacuum, 'HH24:MI:SS'), '-') || ' x' || autovacuum_count
    from pg_stat_user_tables where relname like 'incident_figures_%' order by relname" > "$OUT/rollup_tables.txt"
  # where the statement's time goes: the CITY's, a district's and the slowest logged street's statement as the
  # application sent it (parameters from the log), under EXPLAIN (ANALYZE, BUFFERS), twice each (the second one warm)
  for variant in city district street; do
    pick=; [[ $variant == street ]] && pick=slowest
    if python3 "$ROOT/benchmarks/incident/explain_figures.py" "$OUT/figures_statements.log" "$variant" $pick \
        > "$WORK/explain_$variant.sql" 2> "$OUT/explain_figures_$variant.txt"; then
      for k in 1 2; do psql_pg -d gridgov -f "$WORK/explain_$variant.sql" >> "$OUT/explain_figures_$variant.txt" 2>&1 || true; done
      result "figures_${variant}_explain_execution_ms" "$(grep -oP 'Execution Time: \K[0-9.]+' "$OUT/explain_figures_$variant.txt" | tr '\n' ' ')"
    fi
  done
  result rollup_tables "$(tr '\n' ';' < "$OUT/rollup_tables.txt")"
else
  # The figures SQL itself (IncidentFigureQuery) over the whole city's path range ['/', '0') for the last 30 days,
  # by pgbench, one client: what one city-wide request would cost in the database alone — with the daily totals
  # (migration V2026_12_01_1500) where the measured build has them, else the query over the incidents.
  DAILY=$(psql_pg -d gridgov -Atc "select to_regclass('incident_figure_day') is not null")
  [[ $DAILY == t ]] && city_sql=figures_city_daily.sql || city_sql=figures_city.sql
  result figures_daily_totals "$DAILY"
  log "    whole city, the figures SQL alone: pgbench -c1 -T$FIGURES_DURATION (pgbench/$city_sql)"
  cd "$WORK"
  rm -f "$WORK"/pgf_*
  as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c1 -T"$FIGURES_DURATION" -l \
    --log-prefix="$WORK/pgf_city" -f "$BENCH/pgbench/$city_sql" gridgov > "$OUT/pgbench_figures_city.txt" 2>&1
  cd "$ROOT"
  cat "$WORK"/pgf_city* | awk '{ print $3 }' | sort -n > "$WORK/lat.txt"
  n=$(wc -l < "$WORK/lat.txt")
  result figures_city_sql_n "$n"
  for p in 50 95; do
    rank=$(awk -v n="$n" -v p="$p" 'BEGIN { r = int(n * p / 100 + 0.999999); if (r < 1) r = 1; print r }')
    result "figures_city_sql_p${p}_ms" "$(awk -v us="$(sed -n "${rank}p" "$WORK/lat.txt")" 'BEGIN { printf "%.1f", us / 1000 }')"
  done
  
  # Evidence: the plans of the figures query for a street, the largest district and the whole city
  street_id=$(head -1 "$WORK/paths_street.txt" | grep -oE '[0-9]+$')
  district_id=$(psql_pg -d gridgov -Atc "select d.id from grid_node d where d.type = 'DISTRICT'
    order by (select count(*) from incident i where i.grid_path >= d.path and i.grid_path < left(d.path, -1) || '0') desc limit 1")
  {
    for node in "street $street_id" "district $district_id" "city -"; do
      read -r label id <<<"$node"
      if [[ $id == - ]]; then lo='/'; hi='0'; else
        read -r lo hi < <(psql_pg -d gridgov -At -F ' ' -c "select path, left(path, -1) || '0' from grid_node where id = $id"); fi
      echo "-- figures of the $label (node $id): grid_path >= '$lo' and < '$hi', last 30 days"
      if [[ $DAILY == t ]]; then query=figures_query_daily.sql; else query=figures_query.sql; fi
      echo "-- $query"
      sed -e "s|:lo|'$lo'|g" -e "s|:hi|'$hi'|g" "$BENCH/sql/$query" | psql_pg -d gridgov
    done
  } > "$OUT/explain_figures.txt" 2>&1
  result figures_explain_ms "$(grep -E 'Execution Time' "$OUT/explain_figures.txt" | awk '{ printf "%s%s", sep, $3; sep=" / " }') (street / largest district / city)"
fi
result load_at_end "$(load)"
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
while read -r name value; do result "others_cpu_pct_$name" "$value"; done < <(awk '
  /^SECTION/ { s = $2; if (!(s in seen)) { seen[s] = 1; order[++k] = s }; next }
  / others / { v = $NF; sub(/%/, "", v); sum[s] += v; n[s]++ }
  END { for (i = 1; i <= k; i++) if (n[order[i]]) printf "%s %.0f\n", order[i], sum[order[i]] / n[order[i]] }' "$OUT/cpu.txt")
result total_s "$(($(date +%s) - SCRIPT_START))"

# ---------------------------------------------------------------------------------------------------------------
log "SUMMARY (all numbers in $RESULTS)"
r() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$RESULTS"; }
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == "<") ? (v + 0 < t + 0) : (v + 0 >= t + 0); print ok ? "met" : "MISSED" }'; }
{
  echo "| what | result | target |"
  echo "|---|---|---|"
  echo "| submission, POST /api/v1/incidents, wrk -t2 -c$CONNECTIONS, $(r report_seconds) s | $(r report_rps) req/s, p50 $(r report_p50_ms) ms, p99 $(r report_p99_ms) ms, non-2xx $(r report_non2xx), socket errors $(r report_socket_errors); $(r report_rows) rows ($(r report_rows_assigned) with a named worker, $(r report_rows_outside_grid) outside every grid); CPU per request: app $(r report_app_cpu_ms_per_req) ms + PostgreSQL $(r report_db_cpu_ms_per_req) ms | — |"
  echo "| the same SQL by pgbench -M prepared -c$PGB_CLIENTS -j2 | $(r pgbench_tps) tps, p50 $(r pgbench_p50_ms) ms, p99 $(r pgbench_p99_ms) ms; server CPU $(r pgbench_server_cpu_ms_per_tx) ms per tx | — |"
  echo "| submission / pgbench rate | $(r report_ratio_vs_pgbench) | ≥ 0.60: $(verdict "$(r report_ratio_vs_pgbench)" ">=" 0.60) |"
  for v in "${FIGURE_VARIANTS[@]}"; do
    p95=$(r "figures_${v}_p95_ms")
    echo "| figures $v (wrk -c1, n=$(r "figures_${v}_requests")) | p50 $(r "figures_${v}_p50_ms") ms, p95 $p95 ms, max $(r "figures_${v}_max_ms") ms; CPU per request app $(r "figures_${v}_app_cpu_ms_per_req") + PostgreSQL $(r "figures_${v}_db_cpu_ms_per_req") ms | p95 < 100 ms: $(verdict "$p95" "<" 100) |"
  done
  echo "| whole city over HTTP (every district, one connection, n=$(r figures_city_http_n)) | p50 $(r figures_city_http_p50_ms) ms, p95 $(r figures_city_http_p95_ms) ms | p95 < 100 ms: $(verdict "$(r figures_city_http_p95_ms)" "<" 100) |"
  [[ $(r figures_rollups) == t ]] && echo "| figures statement in PostgreSQL (5 requests each; ms) | city $(r figures_city_statement_ms); district $(r figures_district_statement_ms); street $(r figures_street_statement_ms); community $(r figures_community_statement_ms) | — |"
  [[ $(r figures_rollups) == t ]] || echo "| whole city, the figures SQL alone (pgbench -c1, n=$(r figures_city_sql_n)) | p50 $(r figures_city_sql_p50_ms) ms, p95 $(r figures_city_sql_p95_ms) ms | (p95 < 100 ms: $(verdict "$(r figures_city_sql_p95_ms)" "<" 100)) |"
  [[ $(r figures_rollups) == t ]] || echo "| EXPLAIN ANALYZE of the figures query (daily totals: $(r figures_daily_totals)) | $(r figures_explain_ms) ms | — |"
  echo
  echo "Data: $(r db_incidents) incidents ($(r db_incident_size) with indexes; generated in $(r generate_incidents_s) s), states $(r db_incident_states), overdue now $(r db_incident_overdue_now); $(r city_features) grids."
  echo "CPU used by other processes (mean, % of one core; $(r machine_nproc) cores = $(($(r machine_nproc) * 100)) %): setup $(r others_cpu_pct_setup), submission $(r others_cpu_pct_report), pgbench $(r others_cpu_pct_pgbench), figures $(r others_cpu_pct_figures); Maven/Surefire JVMs at start: $(r foreign_builds_at_start)"
  echo "load average (1/5/15 min): start $(r load_at_start), before submission $(r load_before_report), before pgbench $(r load_before_pgbench), end $(r load_at_end); total $(r total_s) s"
} | tee "$OUT/summary.md"
log "done in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
