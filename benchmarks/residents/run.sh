#!/usr/bin/env bash
# Resident benchmark: import of a generated 1,000,000-row resident CSV through the application's import path next to
# PostgreSQL COPY of the same file, same run; peak heap during the import; search by exact ID number and by name
# prefix at 20 million generated residents. See docs/BENCHMARKS.md ("Residents").
#
# usage: benchmarks/residents/run.sh
#   env: OUT=dir (default target/bench/residents-<time>)  ROWS=1000000  PERSONS=20000000  SEARCHES=500
#        PG_PORT=55471  APP_PORT=18171  APP_HEAP=1g  SKIP_BUILD=1 (use web-app/target/web-app-*.jar as built)
#        IMPORT_ONLY=1 (stop after the import and COPY: no 20 M residents, no searches)
#        SECOND_IMPORT=1 (after the searches, import a second file into the 21 M residents; SECOND_IMPORT_BUDGET_S=1200)
#        KEEP_DB=1 (leave the PostgreSQL cluster running on exit, for diagnosis)
#        AUTO_EXPLAIN=1 (PostgreSQL logs the plan and row counts of every statement over 2 s: diagnosis, costs time)
#
# One throw-away PostgreSQL 15 cluster (defaults except memory; fsync on) and the platform jar against it, with its
# own personal-data keys. Everything it started is stopped and the cluster deleted on exit, also on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/residents

ROWS=${ROWS:-1000000}
PERSONS=${PERSONS:-20000000}
SEARCHES=${SEARCHES:-500}
SEARCH_BUDGET_S=${SEARCH_BUDGET_S:-240}
PG_PORT=${PG_PORT:-55471}
APP_PORT=${APP_PORT:-18171}
APP_HEAP=${APP_HEAP:-1g}
PGBIN=/usr/lib/postgresql/15/bin
OUT=${OUT:-$ROOT/target/bench/residents-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/residentbench.XXXXXX)
chmod 755 "$WORK"
APP_PID=
ADMIN_PASSWORD=bench-$RANDOM$RANDOM
BASE=http://127.0.0.1:$APP_PORT
START=$(date +%s)
INDEX_KEY=$(head -c 32 /dev/urandom | base64)

log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-40s %s\n' "$1" "$2"; }
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d gridgov -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
token() {
  curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" \
    "$BASE/api/v1/auth/token" | jq -r .accessToken
}
# waits for resident import job $1 started at time $2, logging each phase into $3; stops after $4 seconds (0: never).
# Leaves the job's last answer in $state and its status in $status ("UNFINISHED after N s" past the budget).
wait_for_import() {
  local job=$1 started=$2 phases=$3 budget=${4:-0} last_phase= phase
  while :; do
    # the access token lives 15 min: renew it every 10 min instead of logging in (bcrypt) on every poll
    if (( $(date +%s) - token_at > 600 )); then TOKEN=$(token); token_at=$(date +%s); fi
    state=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/resident-imports/$job")
    status=$(jq -r .status <<<"$state")
    phase=$(jq -r .phase <<<"$state")
    if [[ $phase != "$last_phase" ]]; then
      log "   import job $job: $status $phase after $(since "$started") s"
      echo "$phase $(since "$started")" >> "$phases"
      last_phase=$phase
    fi
    [[ $status == SUCCEEDED || $status == FAILED ]] && return
    if (( budget > 0 && $(date +%s) - ${started%.*} > budget )); then status="UNFINISHED after $budget s"; return; fi
    sleep 1
  done
}
cleanup() {
  local rc=$?
  set +e
  [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2>/dev/null
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  [[ -f $WORK/app.log ]] && cp "$WORK/app.log" "$OUT/app.log"
  [[ -f $WORK/pg.log ]] && cp "$WORK/pg.log" "$OUT/postgresql.log"
  [[ -f $WORK/gc.log ]] && cp "$WORK/gc.log" "$OUT/gc.log"
  if [[ ${KEEP_DB:-0} == 1 ]]; then
    echo "KEEP_DB: PostgreSQL still runs on 127.0.0.1:$PG_PORT, data in $WORK/data (stop it and delete $WORK yourself)"
  else
    [[ -f $WORK/data/postmaster.pid ]] && as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
    rm -rf "$WORK"
  fi
  [[ $rc -ne 0 ]] && echo "FAILED (exit $rc) after $(($(date +%s) - START)) s; logs in $OUT"
}
trap cleanup EXIT

# other engineers build and test on the same 2 cores: the load average every 10 s, with the Maven/Surefire processes
# not started by this benchmark, goes to load.txt
( while :; do
    others=0
    for pid in $(pgrep -f 'surefire|failsafe|maven' || true); do
      [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$ROOT"* ]] || others=$((others + 1))
    done
    echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg) other_maven_processes=$others"
    sleep 10
  done ) > "$OUT/load.txt" 2>/dev/null &
LOAD_PID=$!
trap 'exit 130' INT TERM

log "0. machine"
result machine_nproc "$(nproc)"
result machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result machine_ram_gb "$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result java "$(java -version 2>&1 | head -1)"
result load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"

log "1. build the jar"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  ./mvnw -B -q -pl web-app -am -Dmaven.test.skip=true package
fi
mkdir -p "$WORK/build"
cp "$(ls web-app/target/web-app-*.jar | grep -v -E 'sources|javadoc' | head -1)" "$WORK/build/app.jar"

log "2. throw-away PostgreSQL 15 on 127.0.0.1:$PG_PORT"
chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_buffers = 1GB
effective_cache_size = 8GB
maintenance_work_mem = 512MB
max_wal_size = 8GB
CONF
if [[ ${AUTO_EXPLAIN:-0} == 1 ]]; then
  cat >> "$WORK/data/postgresql.conf" <<CONF
session_preload_libraries = 'auto_explain'
auto_explain.log_min_duration = '2s'
auto_explain.log_analyze = on
auto_explain.log_timing = off
auto_explain.log_buffers = on
CONF
fi
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database gridgov"
result postgresql "$(psql_pg -Atc 'show server_version')"

log "   starting the platform (heap $APP_HEAP)"
mkdir -p "$WORK/apptmp" "$WORK/imports"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/gridgov SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD=postgres GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$APP_PORT \
GRIDGOV_RESIDENTS_CRYPTO_KEYS_B1=$(head -c 32 /dev/urandom | base64) GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=b1 \
GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY=$INDEX_KEY GRIDGOV_RESIDENTS_IMPORTDIRECTORY=$WORK/imports \
GRIDGOV_RESIDENTS_MAXIMPORTSIZE=2GB SPRING_SERVLET_MULTIPART_MAXFILESIZE=2GB SPRING_SERVLET_MULTIPART_MAXREQUESTSIZE=2GB \
SPRING_SERVLET_MULTIPART_LOCATION=$WORK/apptmp \
  java -Xmx"$APP_HEAP" -Xlog:gc:file="$WORK/gc.log":uptime -Djava.io.tmpdir="$WORK/apptmp" -jar "$WORK/build/app.jar" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
TOKEN=$(token)

log "3. grid tree: 1 community, 10 general grids, 100 micro grids (BM000..BM099) through the grid import"
{
  echo "code,name,type,parentCode"
  echo "BD,基准区,DISTRICT,"
  echo "BS,基准街道,STREET,BD"
  echo "BC,基准社区,COMMUNITY,BS"
  for g in $(seq 0 9); do echo "BG$g,一般网格$g,GENERAL_GRID,BC"; done
  for m in $(seq 0 99); do printf 'BM%03d,微网格%d,MICRO_GRID,BG%d\n' "$m" "$m" $((m / 10)); done
} > "$WORK/grids.csv"
job=$(curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/grids.csv" "$BASE/api/v1/grid-imports" | jq -r .id)
for _ in $(seq 1 120); do
  status=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/grid-imports/$job" | jq -r .status)
  [[ $status == SUCCEEDED || $status == FAILED ]] && break
  sleep 1
done
[[ $status == SUCCEEDED ]] || { echo "grid import $status"; exit 1; }

log "4. generate the $ROWS-row resident CSV"
t=$(now)
python3 "$BENCH/generate.py" "$ROWS" "$WORK/residents.csv" 100 BM
chmod 644 "$WORK/residents.csv"
result generate_csv_s "$(since "$t")"
result csv_rows "$ROWS"
result csv_mb "$(du -m "$WORK/residents.csv" | cut -f1)"

log "5. import through the application (POST /api/v1/resident-imports, background job), heap from the GC log"
TOKEN=$(token); token_at=$(date +%s)
gc_lines_before=$(wc -l < "$WORK/gc.log" 2>/dev/null || echo 0)
t=$(now)
job=$(curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/residents.csv" "$BASE/api/v1/resident-imports" | jq -r .id)
result import_upload_s "$(since "$t")"
wait_for_import "$job" "$t" "$OUT/import-phases.txt"
import_s=$(since "$t")
echo "$state" | jq 'del(.errors)' > "$OUT/import-job.json"
[[ $status == SUCCEEDED ]] || { echo "$state" | jq . | head -40; exit 1; }
result import_s "$import_s"
result import_job_s "$(psql_pg -Atc "select round(extract(epoch from finished_at - started_at)::numeric, 1) from resident_import_job where id = $job")"
result import_rows_per_s "$(awk -v n="$ROWS" -v s="$import_s" 'BEGIN { printf "%.0f", n / s }')"
result import_phase_times "$(psql_pg -Atc "select 'queued ' || round(extract(epoch from started_at - submitted_at)::numeric, 1)
  || ' s, run ' || round(extract(epoch from finished_at - started_at)::numeric, 1) || ' s' from resident_import_job where id = $job")"
result import_residents_created "$(jq -r .residentsCreated <<<"$state")"
result import_dwellings_created "$(jq -r .dwellingsCreated <<<"$state")"
result heap_max "$APP_HEAP"
# the heap is at its fullest just before a collection ("Pause Young ... 512M->80M(1024M)"): the GC log sees every
# peak. (A jstat sampler used to run beside it: a JVM start every 0.5 s took most of a core from the import.)
tail -n +"$((gc_lines_before + 1))" "$WORK/gc.log" > "$WORK/gc-import.log"
result gc_pauses_during_import "$(grep -c 'Pause' "$WORK/gc-import.log" || true)"
result heap_peak_before_gc_mb "$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$WORK/gc-import.log" | cut -dM -f1 | sort -n | tail -1)"
result heap_max_after_gc_mb "$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$WORK/gc-import.log" | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1)"
result heap_committed_max_mb "$(grep -oE '\([0-9]+M\)' "$WORK/gc-import.log" | tr -d '()M' | sort -n | tail -1)"
result full_gcs_during_import "$(grep -c 'Pause Full' "$WORK/gc-import.log" || true)"

log "6. PostgreSQL COPY of the same file into a table of the same columns (text, dates as date), same cluster"
psql_pg -qc "create table copy_baseline (compound_code text, compound_name text, building_code text,
  building_name text, unit text, room text, micro_grid_code text, name text, gender text, birth_date date,
  id_type text, id_number text, phone text, ethnicity text, population_type text, relation_to_head text,
  moved_in date, party_member text, volunteer text, tags text)"
t=$(now)
psql_pg -qc "copy copy_baseline from '$WORK/residents.csv' with (format csv, header true)"
copy_s=$(since "$t")
result copy_s "$copy_s"
result copy_rows_per_s "$(awk -v n="$ROWS" -v s="$copy_s" 'BEGIN { printf "%.0f", n / s }')"
result import_vs_copy_percent "$(awk -v c="$copy_s" -v i="$import_s" 'BEGIN { printf "%.1f", 100 * c / i }')"
result import_job_vs_copy_percent "$(psql_pg -Atc "select round(100 * $copy_s / extract(epoch from finished_at - started_at)::numeric, 1) from resident_import_job where id = $job")"
psql_pg -qc "create index on copy_baseline (id_number); create index on copy_baseline (name)"
t=$(now)
psql_pg -qc "truncate copy_baseline"
psql_pg -qc "copy copy_baseline from '$WORK/residents.csv' with (format csv, header true)"
copy_idx_s=$(since "$t")
result copy_with_2_indexes_s "$copy_idx_s"
result import_vs_copy_with_indexes_percent "$(awk -v c="$copy_idx_s" -v i="$import_s" 'BEGIN { printf "%.1f", 100 * c / i }')"
psql_pg -qc "drop table copy_baseline"

log "6b. COPY of what the import wrote into the same table shape: clones of the six tables with their keys, indexes,"
log "    checks and foreign keys, filled by COPY in one transaction (the floor for writing that data with PostgreSQL)"
TABLES="resident_compound resident_building resident_dwelling resident_person resident_residence resident_person_tag"
IN_LIST=$(printf "'%s'," $TABLES); IN_LIST=${IN_LIST%,}
psql_pg -qc "create schema shape"
for t in $TABLES; do
  psql_pg -qc "create table shape.$t (like public.$t including all)"
  psql_pg -qc "copy public.$t to '$WORK/$t.copy'"
done
psql_pg -At -c "select format('alter table shape.%I add constraint %I %s;', c.conrelid::regclass::text, c.conname,
    regexp_replace(pg_get_constraintdef(c.oid), 'REFERENCES (resident_(compound|building|dwelling|person))\(',
                   'REFERENCES shape.\\1('))
  from pg_constraint c where c.contype = 'f'
   and c.conrelid::regclass::text in ($IN_LIST)" > "$WORK/shape-fks.sql"
psql_pg -q -f "$WORK/shape-fks.sql"
result shape_foreign_keys "$(wc -l < "$WORK/shape-fks.sql")"
result shape_indexes "$(psql_pg -Atc "select count(*) from pg_indexes where schemaname = 'shape'")"
{
  echo "begin;"
  for t in $TABLES; do echo "copy shape.$t from '$WORK/$t.copy';"; done
  echo "commit;"
} > "$WORK/shape-copy.sql"
psql_pg -qc "checkpoint"
t=$(now)
psql_pg -q -f "$WORK/shape-copy.sql"
copy_shape_s=$(since "$t")
result copy_same_shape_s "$copy_shape_s"
result copy_same_shape_rows "$(psql_pg -Atc "select (select count(*) from shape.resident_person) || ' persons, '
  || (select count(*) from shape.resident_residence) || ' residences, ' || (select count(*) from shape.resident_dwelling)
  || ' dwellings'")"
result import_vs_copy_same_shape_percent "$(awk -v c="$copy_shape_s" -v i="$import_s" 'BEGIN { printf "%.1f", 100 * c / i }')"
psql_pg -qc "drop schema shape cascade"
rm -f "$WORK"/*.copy
if [[ ${IMPORT_ONLY:-0} == 1 ]]; then
  result total_s "$(($(date +%s) - START))"
  log "done (IMPORT_ONLY): $RESULTS"
  exit 0
fi

log "7. $PERSONS residents generated in the database"
t=$(now)
psql_pg -v persons="$PERSONS" -v index_key="$INDEX_KEY" -f "$BENCH/generate-20m.sql" | tee "$OUT/generate-20m.txt"
result generate_persons_s "$(since "$t")"
result persons_total "$(psql_pg -Atc 'select count(*) from resident_person')"
result resident_person_size "$(psql_pg -Atc "select pg_size_pretty(pg_total_relation_size('resident_person'))")"

log "8. search latency over HTTP as the city-wide administrator, $SEARCHES sequential requests each (+20 warm-up)"
python3 - "$PERSONS" "$SEARCHES" "$WORK" <<'PY'
import random, sys
persons, n, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(42)
with open(work + "/ids.txt", "w") as f:
    for _ in range(n + 20):
        f.write("/api/v1/residents?idNumber=9%017d\n" % rnd.randint(1, persons))
a = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
b = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰"
with open(work + "/names.txt", "w", encoding="utf-8") as f:
    for _ in range(n + 20):
        f.write("/api/v1/residents?name=%s%s\n" % (rnd.choice(a), rnd.choice(b)))
with open(work + "/surnames.txt", "w", encoding="utf-8") as f:
    for _ in range(n + 20):
        f.write("/api/v1/residents?name=%s\n" % rnd.choice(a))
PY
result load_before_search "$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/lat.txt"
for series in search_id:ids search_name2:names search_name1:surnames; do
  # a fresh token per series (the access token lives 15 min); each series stops after SEARCH_BUDGET_S seconds
  python3 "$BENCH/latency.py" "$APP_PORT" "$(token)" "${series%%:*}" "$WORK/${series#*:}.txt" "$SEARCH_BUDGET_S" \
    | tee -a "$WORK/lat.txt"
done
while IFS='=' read -r k v; do echo "$k=$v" >> "$RESULTS"; done < "$WORK/lat.txt"
hmac_sql="hmac(convert_to('id_number', 'UTF8') || '\\x00'::bytea || convert_to('9' || lpad('12345', 17, '0'), 'UTF8'), decode('$INDEX_KEY', 'base64'), 'sha256')"
# the application's query (ResidentService.BY_ID_NUMBER): the document types are listed, so the unique index
# (id_type, id_number_hmac) is entered once per type; explain-id-untyped.txt is the query before that fix, which read
# the whole index (run 1)
id_types="p.id_type in ('FOREIGN_PERMANENT', 'HK_MACAO_PERMIT', 'OTHER', 'PASSPORT', 'RESIDENT_ID', 'TAIWAN_PERMIT')"
psql_pg -c "explain (analyze, buffers) select p.id from resident_person p where p.grid_path >= '/' and p.grid_path < '0'
  and $id_types and p.id_number_hmac = $hmac_sql order by p.name, p.id limit 20" > "$OUT/explain-id.txt"
psql_pg -c "explain (analyze, buffers) select count(*) from (select 1 from resident_person p where p.grid_path >= '/'
  and p.grid_path < '0' and $id_types and p.id_number_hmac = $hmac_sql limit 10000) m" > "$OUT/explain-id-count.txt"
psql_pg -c "explain (analyze, buffers) select p.id from resident_person p where p.grid_path >= '/' and p.grid_path < '0'
  and p.id_number_hmac = $hmac_sql order by p.name, p.id limit 20" > "$OUT/explain-id-untyped.txt"
psql_pg -c "explain (analyze, buffers) select p.id from resident_person p where p.grid_path >= '/' and p.grid_path < '0'
  and p.name like '王伟%' order by p.name, p.id limit 20" > "$OUT/explain-name.txt"
psql_pg -c "explain (analyze, buffers) select p.id from resident_person p where p.grid_path >= '/' and p.grid_path < '0'
  and p.name like '王%' order by p.name, p.id limit 20" > "$OUT/explain-surname.txt"
psql_pg -c "explain (analyze, buffers) select count(*) from (select 1 from resident_person p where p.grid_path >= '/'
  and p.grid_path < '0' and p.name like '王%' limit 10000) m" > "$OUT/explain-name-count.txt"
if [[ ${SECOND_IMPORT:-0} == 1 ]]; then
  log "9. a second $ROWS-row file (other people, other compounds) imported into the database of 21 M residents"
  python3 "$BENCH/generate.py" "$ROWS" "$WORK/residents2.csv" 100 BM 300 C
  chmod 644 "$WORK/residents2.csv"
  TOKEN=$(token); token_at=$(date +%s)
  t=$(now)
  job=$(curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/residents2.csv" "$BASE/api/v1/resident-imports" | jq -r .id)
  wait_for_import "$job" "$t" "$OUT/import2-phases.txt" "${SECOND_IMPORT_BUDGET_S:-1200}"
  result import2_status "$status"
  result import2_s "$(since "$t")"
  result import2_residents_created "$(jq -r .residentsCreated <<<"$state")"
  result import2_vs_first_import_percent "$(awk -v a="$import_s" -v b="$(since "$t")" 'BEGIN { printf "%.1f", 100 * a / b }')"
  result persons_total_after_import2 "$(psql_pg -Atc 'select count(*) from resident_person')"
fi
result load_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
result total_s "$(($(date +%s) - START))"
log "done: $RESULTS"
