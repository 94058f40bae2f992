#!/usr/bin/env bash
# Points ledger benchmark: transfers per second through the application's Java ledger code (PointsLedger.post, one
# transaction per transfer, many threads) next to pgbench running the same four statements on the same PostgreSQL in
# the same run. Four loads: between random person accounts, into one hot pool row, into a pool split in 8 and in 32
# sub-accounts.
#
# usage: benchmarks/points/run.sh
#   env: OUT=dir (default target/bench/points-<time>)  DURATION=20 (s per measured run)  WARMUP=5 (s)
#        CLIENTS=8 (threads / pgbench clients)  ACCOUNTS=50 (person accounts)  PG_PORT=(a free one)
#        SKIP_BUILD=1 uses the classes and classpath already built
#
# One throw-away PostgreSQL 15 cluster (default settings except shared_buffers), deleted on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BENCH=$ROOT/benchmarks/points

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
CLIENTS=${CLIENTS:-8}
ACCOUNTS=${ACCOUNTS:-50}
PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGBIN=/usr/lib/postgresql/15/bin
OUT=${OUT:-$ROOT/target/bench/points-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1

WORK=$(mktemp -d /tmp/pointsbench.XXXXXX)
chmod 755 "$WORK"
chown postgres: "$WORK"
JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
START=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-34s %s\n' "$1" "$2"; }
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
  local rc=$?
  set +e
  [[ -f $WORK/pg.log ]] && cp "$WORK/pg.log" "$OUT/postgresql.log"
  if [[ -f $WORK/data/postmaster.pid ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "FAILED (exit $rc); logs in $OUT"
}
trap cleanup EXIT

log "0. machine"
result machine_nproc "$(nproc)"
result machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo '+dirty')"
result java "$(java -version 2>&1 | head -1)"
result postgresql "$("$PGBIN/postgres" --version)"
result load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
result clients "$CLIENTS"
result accounts "$ACCOUNTS"
result duration_s "$DURATION"

log "1. build (points-service test classes and classpath)"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  ./mvnw -B -q -pl points-service -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/points-bench-classpath.txt -Dmdep.includeScope=test
fi
CP=$ROOT/points-service/target/test-classes:$ROOT/points-service/target/classes:$(cat points-service/target/points-bench-classpath.txt)

log "2. PostgreSQL cluster on port $PG_PORT"
mkdir "$WORK/data" && chown postgres: "$WORK/data" && chmod 700 "$WORK/data"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
shared_buffers = 256MB
max_connections = 100
CONF
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null

log "3. schema (Flyway, all migrations) and $ACCOUNTS funded person accounts"
java -cp "$CP" org.gridgov.points.LedgerBenchmark setup --url="$JDBC_URL" --accounts="$ACCOUNTS" \
  --migrations="filesystem:$ROOT/db/migration" | tee "$WORK/setup.properties"
FIRST=$(sed -n 's/^first_person=//p' "$WORK/setup.properties")
HOT1=$(sed -n 's/^hot1_first=//p' "$WORK/setup.properties")
HOT8=$(sed -n 's/^hot8_first=//p' "$WORK/setup.properties")
HOT32=$(sed -n 's/^hot32_first=//p' "$WORK/setup.properties")
psql_pg -c "vacuum analyze" >/dev/null

java_run() { # mode → results java_<mode>_*
  java -cp "$CP" org.gridgov.points.LedgerBenchmark run --url="$JDBC_URL" --mode="$1" --clients="$CLIENTS" \
    --seconds="$DURATION" --warmup="$WARMUP" > "$OUT/java-$1.txt"
  grep -E '^[a-z0-9_]+=' "$OUT/java-$1.txt" | while IFS='=' read -r k v; do [[ $k == mode || $k == clients ]] || result "java_$1_$k" "$v"; done
}
pgbench_run() { # name script extra-vars → results pgbench_<name>_tps
  local name=$1 script=$2; shift 2
  as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CLIENTS" -j 2 \
    -T "$DURATION" -D persons="$ACCOUNTS" -D first_person="$FIRST" "$@" -f "$BENCH/pgbench/$script" \
    -r postgres > "$OUT/pgbench-$name.txt" 2>&1
  result "pgbench_${name}_tps" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-$name.txt" | head -1 | cut -d. -f1)"
  result "pgbench_${name}_latency_ms" "$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$OUT/pgbench-$name.txt")"
  result "pgbench_${name}_failed" "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench-$name.txt")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }'; }
get() { sed -n "s/^$1=//p" "$RESULTS" | tail -1; }

log "4. pgbench warm-up (10 s, discarded)"
as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T 10 \
  -D persons="$ACCOUNTS" -D first_person="$FIRST" -f "$BENCH/pgbench/random.sql" postgres >/dev/null 2>&1

for mode in random hot1 hot8 hot32; do
  log "5. $mode: Java ledger, then pgbench, $CLIENTS clients, ${DURATION}s each"
  java_run "$mode"
  case $mode in
    random) pgbench_run random random.sql ;;
    hot1) pgbench_run hot1 hot.sql -D pool_first="$HOT1" -D shards=1 ;;
    hot8) pgbench_run hot8 hot.sql -D pool_first="$HOT8" -D shards=8 ;;
    hot32) pgbench_run hot32 hot.sql -D pool_first="$HOT32" -D shards=32 ;;
  esac
  result "java_vs_pgbench_$mode" "$(ratio "$(get "java_${mode}_tps")" "$(get "pgbench_${mode}_tps")")"
done

log "6. invariants after the run"
result unbalanced_entries "$(psql_pg -At -c "select count(*) from (select entry_id from posting group by entry_id having sum(amount) <> 0) x")"
result balance_mismatches "$(psql_pg -At -c "select count(*) from ledger_account a left join (select account_id, sum(amount) s from posting group by account_id) p on p.account_id = a.id where a.balance <> coalesce(p.s, 0)")"
result negative_person_or_pool "$(psql_pg -At -c "select count(*) from ledger_account where kind in ('PERSON','POOL') and balance < 0")"
result entries_total "$(psql_pg -At -c "select count(*) from journal_entry")"
result load_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
log "done: $RESULTS"
