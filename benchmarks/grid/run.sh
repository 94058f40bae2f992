#!/usr/bin/env bash
# Grid core benchmark at full generated Chengdu scale (147,283 grids, 148,190 staff). See README.md next to it.
#
# usage: benchmarks/grid/run.sh
#   env: OUT=dir (default target/bench/grid-<time>)  DURATION=30 (s per measured load run)  WARMUP=10 (s)
#        PG_PORT=55433  APP_PORT=18089
#        SOURCE=head (default: build a clean `git archive HEAD` export in the temp dir) or worktree (build this
#        working tree, uncommitted changes included; SKIP_BUILD=1 then uses the jar and classes already built)
#        SCALE=1.0 (generator scale; anything but 1.0 is not the benchmark, only a quick try of the script)
#        CITY=1 (the districts under the CITY root 成都市 510100; CITY=0: districts as roots, as before issue 14)
#        ONLY=import (stop after the import: section (a) only, about 2 minutes), start (import, staff, then ROUNDS=3
#        restarts of the platform with the whole city: start to ready, issue 18; START_CONFIGS="jar cds leyden":
#        java -jar, Spring Boot's CDS recipe, and the JDK 25 AOT cache at JAVA_AOT), card (import, staff, the grid
#        cards, then stop) or all (default)
#        PROFILE=1: one more warm card-by-location run under JFR, summarized in profile_card_warm.txt
#
# One throw-away PostgreSQL 15 + PostGIS cluster (default settings except memory), the platform jar against it:
#  (a) import of the whole city through the API, (b) staff load (setup), (c) grid card over HTTP with wrk,
#  (d) figures per level over HTTP, (e) locate in process (JTS index) vs PostGIS (pgbench) + correctness.
# Everything it started is stopped and the cluster deleted on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/grid

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
PG_PORT=${PG_PORT:-55433}
APP_PORT=${APP_PORT:-18089}
SCALE=${SCALE:-1.0}
CITY=${CITY:-1}
ONLY=${ONLY:-all}
SOURCE=${SOURCE:-head}
PG_VERSION=15
PGBIN=/usr/lib/postgresql/$PG_VERSION/bin
OUT=${OUT:-$ROOT/target/bench/grid-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/gridbench.XXXXXX)
chmod 755 "$WORK"
APP_PID=
JAVA_PID=
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
  [[ -n $JAVA_PID ]] && kill "$JAVA_PID" 2>/dev/null
  [[ -n ${SAMPLER_PID:-} ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_app
  [[ -f $WORK/app.log ]] && cp "$WORK/app.log" "$OUT/app.log"
  [[ -f $WORK/pg.log ]] && cp "$WORK/pg.log" "$OUT/postgresql.log"
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
if [[ $ONLY != import ]]; then # PostGIS and wrk serve the locate and grid-card sections only
  [[ -f /usr/share/postgresql/$PG_VERSION/extension/postgis.control ]] || missing+=("postgresql-$PG_VERSION-postgis-3")
  command -v wrk >/dev/null || missing+=(wrk)
fi
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
log "1. build (jar, grid-core test classes and classpath) from SOURCE=$SOURCE, and generate the city"
t=$(now)
if [[ $SOURCE == head ]]; then
  # A clean export of the last commit (read-only for the repository), built in the temp dir: neither uncommitted
  # edits nor other builds in this working tree can change what is measured. The harness itself (this folder and
  # grid-core's org.gridgov.grid.bench) is taken from the working tree, so it works before it is committed.
  SRC=$WORK/src
  COMMIT=$(git rev-parse --short HEAD)
  mkdir -p "$SRC"
  git archive "$COMMIT" | tar -x -C "$SRC"
  rm -rf "$SRC/benchmarks/grid" "$SRC/grid-core/src/test/java/org/gridgov/grid/bench"
  mkdir -p "$SRC/benchmarks" "$SRC/grid-core/src/test/java/org/gridgov/grid"
  cp -r "$ROOT/benchmarks/grid" "$SRC/benchmarks/grid"
  cp -r "$ROOT/grid-core/src/test/java/org/gridgov/grid/bench" "$SRC/grid-core/src/test/java/org/gridgov/grid/bench"
  result source "git HEAD $COMMIT, clean export (git archive) + harness from the working tree"
elif [[ $SOURCE == worktree ]]; then
  SRC=$ROOT
  result source "working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
else
  echo "SOURCE must be head or worktree"; exit 1
fi
cd "$SRC"
if [[ $SOURCE == head || ${SKIP_BUILD:-0} != 1 ]]; then
  # -Dmaven.test.skip: the jar does not need any module's test sources compiled (only grid-core's, next line)
  ./mvnw -B -q -pl web-app -am -Dmaven.test.skip=true package \
    || { echo "build failed (SOURCE=worktree SKIP_BUILD=1 uses what is already in web-app/target, grid-core/target)"; exit 1; }
  if ! ./mvnw -B -q -pl grid-core -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test; then
    # offline (MAVEN_ARGS=-o) without maven-dependency-plugin in the local repository: the test classes alone, and
    # the libraries from the application jar below
    echo "   (no dependency:build-classpath: the benchmark classpath takes the libraries of the application jar)"
    ./mvnw -B -q -pl grid-core -am test-compile
    : > grid-core/target/bench-classpath.txt
  fi
fi
[[ -f grid-core/target/test-classes/org/gridgov/grid/bench/LocateBenchmark.class ]] \
  || { echo "grid-core test classes missing: run without SKIP_BUILD"; exit 1; }
# Snapshot what was built: other builds in this working tree may rewrite target/ while the benchmark runs.
mkdir -p "$WORK/build"
cp "$(ls web-app/target/web-app-*.jar | grep -v -E 'sources|javadoc' | head -1)" "$WORK/build/app.jar"
cp -r grid-core/target/classes "$WORK/build/classes"
cp -r grid-core/target/test-classes "$WORK/build/test-classes"
JAR=$WORK/build/app.jar
CP=$WORK/build/test-classes:$WORK/build/classes:$(cat grid-core/target/bench-classpath.txt)
if [[ ! -s grid-core/target/bench-classpath.txt ]]; then
  # grid core's dependencies as packed in the jar; the other modules' jars left out (GridCoreTestApplication scans
  # org.gridgov and must find grid core alone, as with the Maven classpath)
  mkdir -p "$WORK/build/lib"
  (cd "$WORK/build/lib" && unzip -q -j ../app.jar 'BOOT-INF/lib/*.jar' \
    && rm -f grid-core-*.jar identity-*.jar incident-service-*.jar resident-service-*.jar points-service-*.jar \
       participation-service-*.jar integration-*.jar)
  # and what grid core's test classes use from test scope: test-support's classes, spring-boot-test
  cp -r test-support/target/classes "$WORK/build/test-support"
  repo=$(sed -n 's/.*-Dmaven.repo.local=\([^ ]*\).*/\1/p' <<<"${MAVEN_ARGS:-}")
  boot_test=$(find "${repo:-$HOME/.m2/repository}/org/springframework/boot/spring-boot-test" -name 'spring-boot-test-*.jar' \
    ! -name '*sources*' | sort | tail -1)
  CP=$WORK/build/test-classes:$WORK/build/classes:$WORK/build/test-support:$boot_test:$WORK/build/lib/*
fi
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
[[ $ONLY == import ]] || psql_pg -d gridgov -qc "create extension postgis"
result postgresql "$(psql_pg -d gridgov -Atc 'show server_version')"
[[ $ONLY == import ]] || result postgis "$(psql_pg -d gridgov -Atc 'select postgis_lib_version()')"
result pg_settings "$(psql_pg -d gridgov -Atc "select string_agg(name || '=' || current_setting(name), ' ' order by name) from pg_settings where name in ('shared_buffers','effective_cache_size','maintenance_work_mem','work_mem','fsync','synchronous_commit','max_wal_size','jit')")"

log "   starting the platform (a copy of web-app/target/web-app-*.jar) on :$APP_PORT"
mkdir -p "$WORK/apptmp"   # Tomcat's work directories go there, and are deleted with the rest
# start_app [java options…]: the platform against the throw-away cluster, in the background (APP_PID); the jar is
# $APP_JAR (default: the snapshot of the build). wait_ready: poll readiness every 50 ms (at most 5 minutes).
APP_JAR=$JAR
start_app() {
  SPRING_DATASOURCE_URL=$JDBC_URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=postgres \
  GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=1000000000 SERVER_PORT=$APP_PORT \
  GRIDGOV_RESIDENTS_CRYPTO_KEYS_B1=$CRYPTO_KEY GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=b1 \
  GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY=$CRYPTO_INDEX_KEY GRIDGOV_RESIDENTS_IMPORTDIRECTORY=$WORK/imports \
    "${JAVA_CMD:-java}" -Djava.io.tmpdir="$WORK/apptmp" "$@" ${APP_JAVA_OPTS:-} -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
}
wait_ready() {
  local deadline=$(($(date +%s) + 300))
  until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log"; echo "the app died"; exit 1; }
    (($(date +%s) < deadline)) || { tail -50 "$WORK/app.log"; echo "app not ready in 5 minutes"; exit 1; }
    sleep 0.05
  done
  grep -q EmbeddedPostgres "$WORK/app.log" && { echo "an embedded database was started"; exit 1; }
  return 0
}
CRYPTO_KEY=$(head -c 32 /dev/urandom | base64)
CRYPTO_INDEX_KEY=$(head -c 32 /dev/urandom | base64)
t=$(now)
start_app
wait_ready
result app_start_s "$(since "$t")"
result app_jvm "$(jcmd "$APP_PID" VM.flags 2>/dev/null | grep -o -E '(MaxHeapSize|UseG1GC|UseParallelGC|UseSerialGC)[^ ]*' | sort -u | tr '\n' ' ' || true)"

# ---------------------------------------------------------------------------------------------------------------
section import
log "3. (a) IMPORT the whole city through the API: POST /api/v1/grid-imports, poll every second"
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
# the server's own timing of each phase (ImportJobRunner logs it): the geometry checks' share of the import
phases=$(grep -o "Grid import $job_id done: .*" "$WORK/app.log" | tail -1 | sed 's/.*phases ms: //')
result import_server_phases_ms "$phases"
for p in read features tree write total; do
  result "import_server_${p}_ms" "$(grep -oE "(^|, )$p [0-9]+" <<<"$phases" | grep -oE '[0-9]+$')"
done
result import_server_geometry_validity_ms "$(grep -oE 'geometry validity [0-9]+' <<<"$phases" | grep -oE '[0-9]+$')"
result import_server_geometry_rules_ms "$(grep -oE 'geometry rules [0-9]+' <<<"$phases" | grep -oE '[0-9]+$')"
result import_server_geometry_share "$(grep -oE 'geometry [0-9.]+ %' <<<"$phases" | grep -oE '[0-9.]+')"
result load_after_import "$(load)"
if [[ $ONLY == import ]]; then
  kill "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  r() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$RESULTS"; }
  others=$(awk '/^SECTION/ { s = $2; next } s == "import" && / others / { v = $NF; sub(/%/, "", v); sum += v; n++ }
    END { if (n) printf "%.0f", sum / n }' "$OUT/cpu.txt")
  result others_cpu_pct_import "${others:-?}"
  result load_at_end "$(load)"
  result total_s "$(($(date +%s) - SCRIPT_START))"
  {
    echo "| what | result |"
    echo "|---|---|"
    echo "| import of $(r city_features) grids ($(r city_root)), API → SUCCEEDED (wall) | $(r import_wall_s) s (server $(r import_server_s) s; $(r import_created) created) |"
    echo "| server phases (ms) | $(r import_server_phases_ms) |"
    echo "| geometry checks (validity + rules) share of the server's time | $(r import_server_geometry_share) % |"
    echo
    echo "CPU used by other processes during the import (mean, % of one core): $(r others_cpu_pct_import); load (1/5/15): start $(r load_at_start), before import $(r load_before_import), after $(r load_after_import), end $(r load_at_end); Maven/Surefire JVMs at start: $(r foreign_builds_at_start)"
  } | tee "$OUT/summary.md"
  log "done (ONLY=import) in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
section setup
log "4. (b) staff: staff.csv → grid_staff (setup, not measured), then VACUUM ANALYZE (as autovacuum would)"
psql_pg -d gridgov -q -f "$BENCH/sql/load_staff.sql" < "$WORK/staff.csv" | tail -3
psql_pg -d gridgov -qc "vacuum analyze"
result db_grid_nodes "$(psql_pg -d gridgov -Atc "select count(*) from grid_node where status = 'ACTIVE'")"
result db_grid_staff "$(psql_pg -d gridgov -Atc "select count(*) from grid_staff")"
result db_size "$(psql_pg -d gridgov -Atc "select pg_size_pretty(pg_database_size('gridgov'))")"

if [[ $ONLY == start ]]; then
  # -------------------------------------------------------------------------------------------------------------
  section start
  log "4b. START TO READY with the whole city in the database (issue 18: < 12 s): ROUNDS=${ROUNDS:-3} restarts per"
  log "    configuration: jar (java -jar, as installed) and cds (Spring Boot's CDS recipe: extracted jar + archive from"
  log "    a training run against this database)"
  ROUNDS=${ROUNDS:-3}
  START_CONFIGS=${START_CONFIGS:-jar cds leyden}
  JAVA_AOT=${JAVA_AOT:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
  stop_app
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/cds" >/dev/null
  APP_JAR=$(ls "$WORK"/cds/*.jar | head -1)
  start_app -XX:ArchiveClassesAtExit="$WORK/cds/app.jsa" -Dspring.context.exit=onRefresh
  wait "$APP_PID" || true
  APP_PID=
  [[ -f $WORK/cds/app.jsa ]] || { tail -30 "$WORK/app.log"; echo "no CDS archive"; exit 1; }
  result cds_archive_mb "$(du -m "$WORK/cds/app.jsa" | cut -f1)"
  if [[ " $START_CONFIGS " == *" leyden "* ]]; then
    # JDK >= 25: the AOT cache (JEP 483/514) from a training run, in place of the CDS archive
    JAVA_CMD=$JAVA_AOT start_app -XX:AOTCacheOutput="$WORK/cds/app.aot" -Dspring.context.exit=onRefresh
    wait "$APP_PID" || true
    APP_PID=
    [[ -f $WORK/cds/app.aot ]] || { tail -30 "$WORK/app.log"; echo "no AOT cache"; exit 1; }
    result leyden_cache_mb "$(du -m "$WORK/cds/app.aot" | cut -f1)"
    result leyden_java "$("$JAVA_AOT" -version 2>&1 | head -1)"
  fi
  printf 'config\tround\tready_s\tstarted_s\tjvm_cpu_s\tindex\tindex_ms\theap_used_mb\theap_live_mb\tfirst_card_ms\n' > "$OUT/starts.tsv"
  heap_mb() { $jcmd "$APP_PID" GC.heap_info 2>/dev/null | awk '/used/ && !/Metaspace|class space/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); s += v } } END { print int(s / 1024) }'; }
  code=$(psql_pg -d gridgov -Atc "select code from grid_node where type = 'MICRO_GRID' and status = 'ACTIVE' limit 1")
  for config in $START_CONFIGS; do
    for round in $(seq 1 "$ROUNDS"); do
      java_cmd=java jcmd=jcmd
      case $config in
        jar) APP_JAR=$JAR; opts=() ;;
        cds) APP_JAR=$(ls "$WORK"/cds/*.jar | head -1); opts=(-XX:SharedArchiveFile="$WORK/cds/app.jsa") ;;
        leyden) APP_JAR=$(ls "$WORK"/cds/*.jar | head -1); opts=(-XX:AOTCache="$WORK/cds/app.aot")
          java_cmd=$JAVA_AOT jcmd=$(dirname "$JAVA_AOT")/jcmd ;;
        *) echo "START_CONFIGS: jar, cds, leyden"; exit 1 ;;
      esac
      t=$(now)
      JAVA_CMD=$java_cmd start_app ${opts[@]+"${opts[@]}"}
      wait_ready
      ready=$(since "$t")
      cpu=$(awk -v tck="$TCK" '{ sub(/^[^ ]+ \(.*\) /, ""); split($0, f, " "); printf "%.1f", (f[12] + f[13]) / tck }' "/proc/$APP_PID/stat")
      started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$WORK/app.log" | awk '{ print $4 }' | head -1)
      index=$(grep -o 'Grid index loaded: [0-9]* nodes, [0-9]* boundaries' "$WORK/app.log" | head -1 | awk '{ print $4 "/" $6 }')
      index_ms=$(grep -oE 'Grid index loaded: .* in [0-9]+ ms' "$WORK/app.log" | head -1 | grep -oE '[0-9]+ ms$' | grep -oE '[0-9]+')
      first=$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE/api/v1/public/grid-cards/$code" | awk '{ printf "%.1f", 1000 * $1 }')
      used=$(heap_mb)
      $jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
      live=$(heap_mb)
      cp "$WORK/app.log" "$OUT/app-start-$config-$round.log"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$config" "$round" "$ready" "${started:-?}" "$cpu" "${index:-?}" \
        "${index_ms:-?}" "${used:-?}" "${live:-?}" "$first" | tee -a "$OUT/starts.tsv" | sed 's/^/    /'
      stop_app
    done
  done
  kill "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  result load_at_end "$(load)"
  result total_s "$(($(date +%s) - SCRIPT_START))"
  # median (min–max) per configuration
  awk -F'\t' 'NR > 1 { n[$1]++; k = $1; r[k, n[k]] = $3; s[k, n[k]] = $4; c[k, n[k]] = $5; i[k, n[k]] = $7; h[k, n[k]] = $9; f[k, n[k]] = $10; idx[k] = $6 }
    function med(a, k, m,   x, y, t, v) { for (x = 1; x <= m; x++) v[x] = a[k, x]
      for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (v[y] + 0 < v[x] + 0) { t = v[x]; v[x] = v[y]; v[y] = t }
      return v[int((m + 1) / 2)] " (" v[1] "–" v[m] ")" }
    END { print "| configuration | ready s, median (min–max) | Started in s | JVM CPU s at ready | grid index load ms (nodes/boundaries) | heap live MB after start | first card ms |"
          print "|---|---|---|---|---|---|---|"
          m = split("jar cds leyden", ks, " ")
          for (x = 1; x <= m; x++) { k = ks[x]; if (!(k in n)) continue
            printf "| %s | %s | %s | %s | %s (%s) | %s | %s |\n", k, med(r, k, n[k]), med(s, k, n[k]), med(c, k, n[k]), med(i, k, n[k]), idx[k], med(h, k, n[k]), med(f, k, n[k]) } }' \
    "$OUT/starts.tsv" | tee "$OUT/summary.md"
  log "done (ONLY=start) in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
section card
log "5. (c) GRID CARD over HTTP: wrk -t2 -c32, ${WARMUP}s warm-up then ${DURATION}s measured, per variant"
psql_pg -d gridgov -Atc "select code from grid_node where type = 'MICRO_GRID' and status = 'ACTIVE'" > "$WORK/micro_codes.txt"
result card_codes "$(wc -l < "$WORK/micro_codes.txt")"
# sanity: one card of each kind answers 200 with a worker
code=$(head -1 "$WORK/micro_codes.txt")
curl -fsS "$BASE/api/v1/public/grid-cards/$code" | jq -c '{gridCode, gridType, workerName, workerRole}' | sed 's/^/    sample card: /'
curl -fsS "$BASE/api/v1/public/grid-cards?lat=30.6&lng=104.05" | jq -c '{gridCode, gridType}' | sed 's/^/    sample card by location: /'
for variant in code location location_warm; do
  export CODES_FILE=$WORK/micro_codes.txt
  WRK_PREFIX=warm wrk -t2 -c32 -d"${WARMUP}s" -s "$BENCH/wrk/card_by_$variant.lua" "$BASE" > /dev/null
  result "load_before_card_$variant" "$(load)"
  app0=$(ticks "$APP_PID"); db0=$(cluster_ticks)
  WRK_PREFIX=card_$variant wrk -t2 -c32 -d"${DURATION}s" --latency -s "$BENCH/wrk/card_by_$variant.lua" "$BASE" \
    > "$OUT/wrk_card_$variant.txt"
  app1=$(ticks "$APP_PID"); db1=$(cluster_ticks)
  sed -n '/Latency Distribution/,/Requests\/sec/p' "$OUT/wrk_card_$variant.txt" | sed 's/^/    /'
  results_from "" "$OUT/wrk_card_$variant.txt"
  n=$(awk -F= -v k="card_${variant}_requests" '$1 == k { print $2 }' "$RESULTS")
  result "card_${variant}_app_cpu_ms_per_req" "$(per_request_ms $((app1 - app0)) "$n")"
  result "card_${variant}_db_cpu_ms_per_req" "$(per_request_ms $((db1 - db0)) "$n")"
  # what the server side alone could serve with every core to itself (no client, no other work): an estimate
  result "card_${variant}_server_cpu_bound_rps" "$(awk -v a="$(per_request_ms $((app1 - app0)) "$n")" \
    -v b="$(per_request_ms $((db1 - db0)) "$n")" -v c="$(nproc)" 'BEGIN { printf "%.0f", c * 1000 / (a + b) }')"
done
result load_after_card "$(load)"
if [[ ${PROFILE:-0} == 1 ]]; then
  # where a warm card's CPU goes: one more warm run under JFR (not counted above), summarized like the writes
  # harness's profiles
  log "   profile: a JFR recording of the app during ${DURATION}s of warm cards by location"
  jcmd "$APP_PID" JFR.start name=card settings=profile filename="$OUT/profile_card_warm.jfr" > /dev/null
  WRK_PREFIX=jfr_card wrk -t2 -c32 -d"${DURATION}s" -s "$BENCH/wrk/card_by_location_warm.lua" "$BASE" > "$OUT/wrk_jfr_card.txt"
  jcmd "$APP_PID" JFR.stop name=card > /dev/null
  python3 "$ROOT/benchmarks/writes/jfr_top.py" "$OUT/profile_card_warm.jfr" > "$OUT/profile_card_warm.txt" 2>&1 || true
  head -40 "$OUT/profile_card_warm.txt" | sed 's/^/    /'
fi
if [[ $ONLY == card ]]; then
  kill "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  log "done (ONLY=card) in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
section figures
log "6. (d) FIGURES per level over HTTP: GET /api/v1/grids/{id}/figures, one request at a time"
psql_pg -d gridgov -At -F ' ' > "$WORK/figures_requests.txt" <<'EOF'
\set QUIET on
select setseed(0.20261123) \g /dev/null
-- the streets and communities measured: asked once (as a dashboard first opened after a start or a boundary change:
-- the coverage gaps computed) and, after everything else, once more (as viewed again: the gaps kept, issue 18)
create temp table bench_streets as select id from grid_node where type = 'STREET' and status = 'ACTIVE' order by random() limit 40 \g /dev/null
create temp table bench_communities as select id from grid_node where type = 'COMMUNITY' and status = 'ACTIVE' order by random() limit 40 \g /dev/null
-- 60 warm-up requests on random nodes of any level (not measured)
(select type, '/api/v1/grids/' || id || '/figures' from grid_node where status = 'ACTIVE' order by random() limit 60);
-- measured, shuffled: the CITY root 30 times (there is one), every district twice, 40 random nodes of each other
-- level, and 60 requests of a one-row authenticated endpoint (GET /api/v1/grids/by-code/{code}): the cost of
-- authentication alone
select label, path from (
  select type as label, '/api/v1/grids/' || id || '/figures' as path from grid_node, generate_series(1, 30)
   where type = 'CITY' and status = 'ACTIVE'
  union all
  select type as label, '/api/v1/grids/' || id || '/figures' as path from grid_node
   where type = 'DISTRICT' and status = 'ACTIVE'
  union all
  select type, '/api/v1/grids/' || id || '/figures' from grid_node where type = 'DISTRICT' and status = 'ACTIVE'
  union all
  select 'STREET', '/api/v1/grids/' || id || '/figures' from bench_streets
  union all
  select 'COMMUNITY', '/api/v1/grids/' || id || '/figures' from bench_communities
  union all
  (select type, '/api/v1/grids/' || id || '/figures' from grid_node where type = 'GENERAL_GRID' and status = 'ACTIVE' order by random() limit 40)
  union all
  (select type, '/api/v1/grids/' || id || '/figures' from grid_node where type = 'MICRO_GRID' and status = 'ACTIVE' order by random() limit 40)
  union all
  (select type, '/api/v1/grids/' || id || '/figures' from grid_node where type = 'DEDICATED_GRID' and status = 'ACTIVE' order by random() limit 40)
  union all
  (select 'AUTH_BASELINE', '/api/v1/grids/by-code/' || code from grid_node where status = 'ACTIVE' order by random() limit 60)
) measured order by random();
select 'STREET_AGAIN', '/api/v1/grids/' || id || '/figures' from bench_streets
union all
select 'COMMUNITY_AGAIN', '/api/v1/grids/' || id || '/figures' from bench_communities;
EOF
result load_before_figures "$(load)"
app0=$(ticks "$APP_PID"); db0=$(cluster_ticks)
java -cp "$CP" org.gridgov.grid.bench.FiguresBenchmark --base="$BASE" --authorization="$(authorization)" \
  --requests="$WORK/figures_requests.txt" --warmup=60 --out="$WORK/figures.properties" > /dev/null
app1=$(ticks "$APP_PID"); db1=$(cluster_ticks)
result figures_app_cpu_ms_per_req "$(per_request_ms $((app1 - app0)) "$(wc -l < "$WORK/figures_requests.txt")")"
result figures_db_cpu_ms_per_req "$(per_request_ms $((db1 - db0)) "$(wc -l < "$WORK/figures_requests.txt")")"
results_from "" "$WORK/figures.properties"

# Evidence for the figures: the plans of its four queries for the largest district.
district=$(psql_pg -d gridgov -Atc "select d.id from grid_node d where d.type = 'DISTRICT'
  order by (select count(*) from grid_node n where n.path like d.path || '%') desc limit 1")
read -r dpath dupper < <(psql_pg -d gridgov -At -F ' ' -c "select path, left(path, -1) || '0' from grid_node where id = $district")
{
  echo "-- figures of the largest district, id $district, path $dpath (upper bound $dupper: the path with its final '/' as '0')"
  psql_pg -d gridgov <<EOF
explain (analyze, buffers) select type, count(*) from grid_node
 where path > '$dpath' and path < '$dupper' and status = 'ACTIVE' group by type;
explain (analyze, buffers) select s.role, count(*) from grid_staff s join grid_node n on n.id = s.node_id
 where n.path >= '$dpath' and n.path < '$dupper' and s.assigned_from <= current_date
   and (s.assigned_to is null or s.assigned_to >= current_date) group by s.role;
explain (analyze, buffers) select count(*) from grid_node n
 where n.path >= '$dpath' and n.path < '$dupper' and n.status = 'ACTIVE'
   and n.type in ('GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID')
   and not exists (select 1 from grid_staff s where s.node_id = n.id and s.primary_worker
                      and s.assigned_from <= current_date and (s.assigned_to is null or s.assigned_to >= current_date));
explain (analyze, buffers) select count(*) from grid_node n
 where n.path >= '$dpath' and n.path < '$dupper' and n.status = 'ACTIVE'
   and not exists (select 1 from grid_boundary b where b.node_id = n.id and b.valid_to is null);
EOF
} > "$WORK/explain.txt" 2>&1
# the same three join queries when the planner may only use the per-node indexes (no hash joins, no workers)
{
  echo "-- the three join queries again with: set enable_hashjoin = off; set enable_mergejoin = off;"
  echo "-- set max_parallel_workers_per_gather = 0;  (what indexed nested loops over the subtree would cost)"
  psql_pg -d gridgov <<EOF
set enable_hashjoin = off; set enable_mergejoin = off; set max_parallel_workers_per_gather = 0;
explain (analyze, buffers) select s.role, count(*) from grid_staff s join grid_node n on n.id = s.node_id
 where n.path >= '$dpath' and n.path < '$dupper' and s.assigned_from <= current_date
   and (s.assigned_to is null or s.assigned_to >= current_date) group by s.role;
explain (analyze, buffers) select count(*) from grid_node n
 where n.path >= '$dpath' and n.path < '$dupper' and n.status = 'ACTIVE'
   and n.type in ('GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID')
   and not exists (select 1 from grid_staff s where s.node_id = n.id and s.primary_worker
                      and s.assigned_from <= current_date and (s.assigned_to is null or s.assigned_to >= current_date));
explain (analyze, buffers) select count(*) from grid_node n
 where n.path >= '$dpath' and n.path < '$dupper' and n.status = 'ACTIVE'
   and not exists (select 1 from grid_boundary b where b.node_id = n.id and b.valid_to is null);
EOF
} > "$WORK/explain_nestloop.txt" 2>&1
cat "$WORK/explain.txt" "$WORK/explain_nestloop.txt" > "$OUT/explain_figures_district.txt"
result figures_district_nodes "$(psql_pg -d gridgov -Atc "select count(*) from grid_node where path >= '$dpath' and path < '$dupper'")"
result figures_explain "$(grep -E 'Execution Time' "$WORK/explain.txt" | awk '{ printf "%s%s ms", sep, $3; sep=" + " }')"
result figures_explain_nestloop "$(grep -E 'Execution Time' "$WORK/explain_nestloop.txt" | awk '{ printf "%s%s ms", sep, $3; sep=" + " }')"

log "   stopping the platform (the locate comparison runs without it)"
stop_app

# ---------------------------------------------------------------------------------------------------------------
section pgbench
log "7. (e) LOCATE: PostGIS side (grid_poly + GiST, pgbench -c2 -j2)"
psql_pg -d gridgov -q -f "$BENCH/sql/grid_poly.sql" | tail -3
cd "$WORK"
as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c2 -j2 -T"$WARMUP" -f "$BENCH/pgbench/locate.sql" gridgov > /dev/null
for mode in simple prepared; do
  result "load_before_pgbench_$mode" "$(load)"
  rm -f "$WORK"/pgb_*
  db0=$(cluster_ticks)
  # the subshell prints the CPU its waited-for children (runuser → pgbench) used: the client's share
  client=$( (as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c2 -j2 -T"$DURATION" -M "$mode" \
    -l --log-prefix="$WORK/pgb_$mode" -f "$BENCH/pgbench/locate.sql" gridgov > "$OUT/pgbench_$mode.txt" 2>&1; \
    awk '{ sub(/^[^ ]+ \(.*\) /, ""); split($0, f, " "); print f[14] + f[15] }' "/proc/$BASHPID/stat") )
  db1=$(cluster_ticks)
  grep -E 'tps|latency average|transactions actually' "$OUT/pgbench_$mode.txt" | sed 's/^/    /'
  result "postgis_${mode}_tps" "$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench_$mode.txt" | head -1 | cut -d. -f1)"
  n=$(grep -oP 'transactions actually processed: \K[0-9]+' "$OUT/pgbench_$mode.txt")
  result "postgis_${mode}_server_cpu_us_per_tx" "$(awk -v d=$((db1 - db0)) -v n="$n" -v t="$TCK" 'BEGIN { printf "%.1f", 1e6 * d / t / n }')"
  result "postgis_${mode}_client_cpu_us_per_tx" "$(awk -v d="$client" -v n="$n" -v t="$TCK" 'BEGIN { printf "%.1f", 1e6 * d / t / n }')"
  result "postgis_${mode}_latency_avg_ms" "$(grep -oP 'latency average = \K[0-9.]+' "$OUT/pgbench_$mode.txt")"
  # per-transaction log: column 3 is the latency in microseconds
  cat "$WORK"/pgb_"$mode"* | awk '{ print $3 }' | sort -n > "$WORK/lat.txt"
  n=$(wc -l < "$WORK/lat.txt")
  for p in 50 99 99.9; do
    rank=$(awk -v n="$n" -v p="$p" 'BEGIN { r = int(n * p / 100 + 0.999999); if (r < 1) r = 1; print r }')
    result "postgis_${mode}_p${p/./}_us" "$(sed -n "${rank}p" "$WORK/lat.txt")"
  done
done
cd "$ROOT"
explain=$(psql_pg -d gridgov -Atc "explain (analyze, buffers) select node_id from grid_poly
  where ST_Contains(geom, ST_SetSRID(ST_MakePoint(104.0321, 30.7145), 4326)) order by priority desc, ST_Area(geom) limit 1")
echo "$explain" > "$OUT/explain_postgis_locate.txt"
result postgis_explain "$(grep -oE 'Index Scan using [a-z_]+|Execution Time: [0-9.]+ ms' <<<"$explain" | tr '\n' ' ')"

section locate
log "   our side: LocateBenchmark (grid core alone, in-memory STRtree), then correctness vs PostGIS"
result load_before_locate "$(load)"
java ${BENCH_JAVA_OPTS:-} -cp "$CP" org.gridgov.grid.bench.LocateBenchmark --url="$JDBC_URL" --user=postgres \
  --password=postgres --points=1000000 --seconds="$DURATION" --threads=2 --check=10000 --edge-probes=200 \
  --warmup-seconds="$WARMUP" --out="$WORK/locate.properties" > "$OUT/locate.txt" 2>&1 &
JAVA_PID=$!
wait "$JAVA_PID" || { cat "$OUT/locate.txt"; exit 1; }
JAVA_PID=
grep MISMATCH "$OUT/locate.txt" | head -20 | sed 's/^/    /' || true
results_from "" "$WORK/locate.properties"
best_postgis=$(awk -F= '/^postgis_(simple|prepared)_tps=/ { if ($2 > m) m = $2 } END { print m }' "$RESULTS")
ours=$(awk -F= '/^locate_mt_ops_per_s=/ { print $2 }' "$RESULTS")
result locate_ratio_vs_best_postgis "$(awk -v a="$ours" -v b="$best_postgis" 'BEGIN { printf "%.1f", a / b }')"
# the same per CPU second (less sensitive to other work on the machine): our process CPU per call vs the
# cluster's CPU per transaction (server only, the pgbench client not counted) of the cheaper pgbench mode
best_cpu=$(awk -F= '/^postgis_(simple|prepared)_server_cpu_us_per_tx=/ { if (m == "" || $2 < m) m = $2 } END { print m }' "$RESULTS")
ours_cpu=$(awk -F= '/^locate_mt_cpu_us_per_call=/ { print $2 }' "$RESULTS")
result locate_cpu_ratio_vs_best_postgis "$(awk -v a="$ours_cpu" -v b="$best_cpu" 'BEGIN { printf "%.1f", b / a }')"
result load_at_end "$(load)"
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
# mean CPU of everything else, per section, in % of one core
while read -r name value; do result "others_cpu_pct_$name" "$value"; done < <(awk '
  /^SECTION/ { s = $2; if (!(s in seen)) { seen[s] = 1; order[++k] = s }; next }
  / others / { v = $NF; sub(/%/, "", v); sum[s] += v; n[s]++ }
  END { for (i = 1; i <= k; i++) if (n[order[i]]) printf "%s %.0f\n", order[i], sum[order[i]] / n[order[i]] }' "$OUT/cpu.txt")
result total_s "$(($(date +%s) - SCRIPT_START))"

# ---------------------------------------------------------------------------------------------------------------
log "SUMMARY (all numbers in $RESULTS)"
r() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$RESULTS"; }
ph() { local v; v=$(r "import_phase_$1_s"); echo "${v:-<1}"; }
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == "<") ? (v + 0 < t + 0) : (v + 0 >= t + 0); print ok ? "met" : "MISSED" }'; }
{
  echo "| what | result | target |"
  echo "|---|---|---|"
  echo "| import, whole city via API (wall, submit → SUCCEEDED) | $(r import_wall_s) s (READING $(ph READING) s, VALIDATING $(ph VALIDATING) s, WRITING $(ph WRITING) s; $(r import_created) created; $(r city_root)) | < 60 s: $(verdict "$(r import_wall_s)" "<" 60) |"
  echo "| import, the server's phases (ms) | $(r import_server_phases_ms) | — |"
  for v in code location location_warm; do
    echo "| grid card by $v, wrk -t2 -c32 | $(r card_${v}_rps) req/s, p50 $(r card_${v}_p50_ms) ms, p99 $(r card_${v}_p99_ms) ms, non-2xx $(r card_${v}_non2xx); CPU per request: app $(r card_${v}_app_cpu_ms_per_req) ms + PostgreSQL $(r card_${v}_db_cpu_ms_per_req) ms (≈ $(r card_${v}_server_cpu_bound_rps) req/s on $(r machine_nproc) dedicated cores) | — |"
  done
  # targets: issue 18 for the city (30 ms), districts (20 ms), streets and communities (15 ms); the grid issue's
  # 50 ms for the grid levels below
  for level in CITY DISTRICT STREET STREET_AGAIN COMMUNITY COMMUNITY_AGAIN GENERAL_GRID MICRO_GRID DEDICATED_GRID; do
    p95=$(r "figures_${level}_p95_ms")
    [[ -n $p95 ]] || continue # no CITY node with CITY=0
    case $level in CITY) goal=30 ;; DISTRICT) goal=20 ;; STREET*|COMMUNITY*) goal=15 ;; *) goal=50 ;; esac
    echo "| figures $level (n=$(r "figures_${level}_n")) | p50 $(r "figures_${level}_p50_ms") ms, p95 $p95 ms, max $(r "figures_${level}_max_ms") ms | p95 < $goal ms: $(verdict "$p95" "<" $goal) |"
  done
  echo "| auth baseline: GET /api/v1/grids/by-code (one row; $(r api_auth) auth) (n=$(r figures_AUTH_BASELINE_n)) | p50 $(r figures_AUTH_BASELINE_p50_ms) ms, p95 $(r figures_AUTH_BASELINE_p95_ms) ms | — |"
  echo "| figures SQL of the largest district ($(r figures_district_nodes) nodes), EXPLAIN ANALYZE | $(r figures_explain) (as planned); $(r figures_explain_nestloop) (3 joins as index nested loops) | — |"
  p99us=$(r locate_single_p99_us)
  echo "| locate in process, 1 thread, $(r locate_single_points) points | p50 $(r locate_single_p50_us) µs, p99 $p99us µs, p99.9 $(r locate_single_p999_us) µs, max $(r locate_single_max_us) µs | p99 < 1 ms: $(verdict "$p99us" "<" 1000) |"
  echo "| locate in process, 2 threads, $(r locate_mt_seconds) s | $(r locate_mt_ops_per_s) ops/s ($(r locate_mt_cpu_us_per_call) µs CPU per call) | — |"
  echo "| locate PostGIS, pgbench -c2 -j2 (simple / prepared) | $(r postgis_simple_tps) / $(r postgis_prepared_tps) tps, p50 $(r postgis_prepared_p50_us) µs, p99 $(r postgis_prepared_p99_us) µs (prepared); server CPU per tx $(r postgis_simple_server_cpu_us_per_tx) / $(r postgis_prepared_server_cpu_us_per_tx) µs | — |"
  echo "| ours / best PostGIS throughput | $(r locate_ratio_vs_best_postgis)× (per CPU second: $(r locate_cpu_ratio_vs_best_postgis)×) | ≥ 5×: $(verdict "$(r locate_ratio_vs_best_postgis)" ">=" 5) |"
  echo "| correctness vs PostGIS, $(r locate_check_points) random points | $(r locate_check_mismatches) mismatches | 0 |"
  echo "| points exactly on a shared micro-grid edge | $(r locate_edge_differ) of $(r locate_edge_probes) differ (ST_Contains excludes the boundary) | explained |"
  echo
  echo "CPU used by other processes on the machine (mean, % of one core; $(r machine_nproc) cores = $(($(r machine_nproc) * 100)) %): import $(r others_cpu_pct_import), grid card $(r others_cpu_pct_card), figures $(r others_cpu_pct_figures), pgbench $(r others_cpu_pct_pgbench), locate $(r others_cpu_pct_locate) (samples in $OUT/cpu.txt); Maven/Surefire JVMs at start: $(r foreign_builds_at_start)"
  echo "load average (1/5/15 min): start $(r load_at_start), before import $(r load_before_import), before card $(r load_before_card_code), before locate $(r load_before_locate), end $(r load_at_end); total $(r total_s) s"
} | tee "$OUT/summary.md"
log "done in $(($(date +%s) - SCRIPT_START)) s; results in $OUT"
