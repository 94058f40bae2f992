#!/usr/bin/env bash
# Resident figures at city scale (issue 18): the "residents" figures of the CITY root, the largest district, a street
# and a community, by the statements ResidentFiguresContributor sends — the count over the subtree's rows (live, as
# before V2026_12_20_1000) against the maintained rollup — and what the rollup's triggers cost the writes: a 1 M-row
# import statement and single-row care visits with the triggers on and off, interleaved. See docs/BENCHMARKS.md
# ("Resident figures as maintained rollups").
#
# usage: benchmarks/residents/figures.sh
#   env: OUT=dir (default target/bench/resident-figures-<time>)  PERSONS=20000000  BATCH=1000000  ROUNDS=3
#        PG_PORT=55473
#
# One throw-away PostgreSQL 15 cluster (defaults except memory; fsync on) with every migration of db/migration applied
# in version order, as Flyway would. The synthetic city has the generated city's shape (CITY root, 23 districts,
# 230 streets, 4,370 communities, 3 general grids of 9 micro grids each per community: 118,000 micro grids) as paths
# only: the foreign keys of resident_person and resident_dwelling to grid_node and resident_building are dropped in
# this throw-away database, nothing else. Persons: 3 % under care, last contact spread over 60 days; dwellings (one per
# 2.5 persons): 60 % verified, spread over a year. Everything is deleted on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
PERSONS=${PERSONS:-20000000}
BATCH=${BATCH:-1000000}
ROUNDS=${ROUNDS:-3}
PG_PORT=${PG_PORT:-55473}
PGBIN=/usr/lib/postgresql/15/bin
OUT=${OUT:-$ROOT/target/bench/resident-figures-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.properties
: > "$RESULTS"
exec > >(tee -a "$OUT/run.log") 2>&1
WORK=$(mktemp -d /tmp/residentfigures.XXXXXX)
chmod 755 "$WORK"
START=$(date +%s)
log() { printf '[%s +%4ss] %s\n' "$(date +%T)" "$(($(date +%s) - START))" "$*"; }
result() { echo "$1=$2" >> "$RESULTS"; printf '    %-40s %s\n' "$1" "$2"; }
as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d gridgov -v ON_ERROR_STOP=1 -q "$@"; }
ms() { date +%s%3N; }
cleanup() {
  local rc=$?
  set +e
  [[ -f $WORK/data/postmaster.pid ]] && as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "FAILED (exit $rc); logs in $OUT"
}
trap cleanup EXIT

log "0. machine"
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result machine "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
result load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- db resident-service 2>/dev/null || echo ' with uncommitted changes')"

log "1. throw-away PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync on), every migration in version order"
chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_buffers = 2GB
effective_cache_size = 8GB
maintenance_work_mem = 512MB
work_mem = 64MB
max_wal_size = 8GB
CONF
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database gridgov"
find db/migration -name 'V*.sql' | awk -F/ '{ print $NF "\t" $0 }' | sort -t_ -k1,1V | cut -f2 > "$WORK/migrations.txt"
while read -r file; do psql_pg -f "$file" > /dev/null; done < "$WORK/migrations.txt"
result migrations "$(wc -l < "$WORK/migrations.txt") applied, the last $(basename "$(tail -1 "$WORK/migrations.txt")")"
psql_pg <<'SQL'
do $$ declare c record; begin
  for c in select conrelid::regclass as t, conname from pg_constraint
            where contype = 'f' and conrelid in ('resident_person'::regclass, 'resident_dwelling'::regclass) loop
    execute format('alter table %s drop constraint %I', c.t, c.conname);
  end loop;
end $$;
-- the synthetic city as micro-grid paths: /1/district/street/community/general/micro/
create table bench_micro as
select m, '/1/' || d || '/' || s || '/' || c || '/' || g || '/' || m || '/' as path, c as community
  from (select d, s, c, g, m from generate_series(2, 24) d,
              lateral (select d * 100 + k as s from generate_series(0, 9) k) st,
              lateral (select s * 100 + k as c from generate_series(0, 18) k) co,
              lateral (select c * 10 + k as g from generate_series(0, 2) k) ge,
              lateral (select g * 10 + k as m from generate_series(0, 8) k) mi) t;
SQL
MICROS=$(psql_pg -Atc 'select count(*) from bench_micro')
result micro_grids "$MICROS"
psql_pg -c "create table bench_paths as select row_number() over (order by m) - 1 as k, path from bench_micro"
psql_pg -c "create unique index on bench_paths (k)"

# persons [from, to) in one INSERT … SELECT, as the import writes them (ImportWrites: one set-based statement)
persons_sql() {
  cat <<SQL
insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac, id_number_masked,
    population_type, grid_id, grid_path, care_level, care_reason, care_set_by, care_set_at, last_visit_at)
select '居民' || i, case when i % 2 = 0 then 'MALE' else 'FEMALE' end, date '1940-01-01' + (i % 25000)::int,
       'RESIDENT_ID', decode(md5(i::text), 'hex'), decode(md5('h' || i), 'hex'), '5101**********' || (i % 10000),
       'REGISTERED', 1, p.path,
       case when i % 100 < 3 then (array['RED', 'YELLOW', 'GREEN'])[1 + (i % 3)::int] end,
       case when i % 100 < 3 then '独居' end, case when i % 100 < 3 then 'bench' end,
       case when i % 100 < 3 then now() - (i % 61) * interval '1 day' - (i % 86400) * interval '1 second' end,
       case when i % 100 < 3 and i % 2 = 0 then now() - (i % 45) * interval '1 day' - (i % 3600) * interval '1 second' end
  from generate_series($1::bigint, $2::bigint - 1) i join bench_paths p on p.k = i % $MICROS;
SQL
}
dwellings_sql() {
  cat <<SQL
insert into resident_dwelling (building_id, unit, room, grid_id, grid_path, verified_by, verified_at)
select i / 100, '1', (i % 100)::text, 1, p.path, case when i % 10 < 6 then 'bench' end,
       case when i % 10 < 6 then now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second' end
  from generate_series($1::bigint, $2::bigint - 1) i join bench_paths p on p.k = i % $MICROS;
SQL
}
triggers() { # on|off
  local verb=enable; [[ $1 == off ]] && verb=disable
  psql_pg -c "alter table resident_person $verb trigger resident_figures_person_insert" \
          -c "alter table resident_person $verb trigger resident_figures_person_update"
}

log "2. import statements of $BATCH persons, triggers on and off interleaved ($ROUNDS rounds each)"
next=0
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    triggers "$mode"
    t0=$(ms); psql_pg -c "$(persons_sql $next $((next + BATCH)))"; t1=$(ms)
    result "import_${BATCH}_triggers_${mode}_round_$round" "$((t1 - t0)) ms"
    next=$((next + BATCH))
  done
done
triggers on
log "   the rows inserted with the triggers off are not in the rollup: rebuild it (the migration's backfill)"
t0=$(ms)
psql_pg <<'SQL'
truncate resident_figures, resident_figures_care, resident_figures_verified;
insert into resident_figures (node_path, shard, residents, under_care)
select n.node_path, 0, count(*), count(*) filter (where p.care_level is not null)
  from resident_person p cross join lateral resident_figures_nodes(p.grid_path, 4) n group by n.node_path;
insert into resident_figures_care (node_path, care_level, day, shard, persons)
select n.node_path, p.care_level, resident_figures_day(coalesce(p.last_visit_at, p.care_set_at)), 0, count(*)
  from resident_person p cross join lateral resident_figures_nodes(p.grid_path, 4) n
 where p.care_level is not null and coalesce(p.last_visit_at, p.care_set_at) is not null group by 1, 2, 3;
SQL
result rollup_rebuild_after_interleaving "$(($(ms) - t0)) ms for $next persons"

log "3. fill to $PERSONS persons and $((PERSONS * 2 / 5)) dwellings (triggers on, $BATCH rows per statement)"
t0=$(ms)
while (( next < PERSONS )); do
  to=$((next + BATCH)); (( to > PERSONS )) && to=$PERSONS
  psql_pg -c "$(persons_sql $next $to)"
  next=$to
done
result fill_persons "$(($(ms) - t0)) ms"
t0=$(ms)
d=0; DWELLINGS=$((PERSONS * 2 / 5))
while (( d < DWELLINGS )); do
  to=$((d + BATCH)); (( to > DWELLINGS )) && to=$DWELLINGS
  psql_pg -c "$(dwellings_sql $d $to)"
  d=$to
done
result fill_dwellings "$(($(ms) - t0)) ms"
psql_pg -c "vacuum analyze resident_person" -c "vacuum analyze resident_dwelling" \
        -c "vacuum analyze resident_figures" -c "vacuum analyze resident_figures_care" \
        -c "vacuum analyze resident_figures_verified"
result persons "$(psql_pg -Atc 'select count(*) from resident_person')"
result dwellings "$(psql_pg -Atc 'select count(*) from resident_dwelling')"
result size "$(psql_pg -Atc "select pg_size_pretty(pg_total_relation_size('resident_person') + pg_total_relation_size('resident_dwelling'))") persons + dwellings; rollup $(psql_pg -Atc "select pg_size_pretty(pg_total_relation_size('resident_figures') + pg_total_relation_size('resident_figures_care') + pg_total_relation_size('resident_figures_verified'))")"

log "4. correctness: rollup = count over the rows, for the CITY root and the first district"
CITY=/1/ DISTRICT=/1/2/ STREET=/1/2/200/ COMMUNITY=/1/2/200/20000/   # ids as bench_micro builds them
# the cuts, as the contributor computes them (Asia/Shanghai days; care intervals 7 / 14 / 30 days)
read -r NOW VCUT VDAY VEND RCUT RDAY YCUT YDAY GCUT GDAY < <(psql_pg -At -F' ' -c "
  with n as (select now() as now)
  select now, now - interval '6 months', ((now - interval '6 months') at time zone 'Asia/Shanghai')::date,
         (((now - interval '6 months') at time zone 'Asia/Shanghai')::date + 1)::timestamp at time zone 'Asia/Shanghai',
         now - interval '7 days', ((now - interval '7 days') at time zone 'Asia/Shanghai')::date,
         now - interval '14 days', ((now - interval '14 days') at time zone 'Asia/Shanghai')::date,
         now - interval '30 days', ((now - interval '30 days') at time zone 'Asia/Shanghai')::date from n" \
  | sed 's/ \([0-9][0-9]:\)/T\1/g')
day_start() { psql_pg -Atc "select ('$1'::date)::timestamp at time zone 'Asia/Shanghai'"; }
RSTART=$(day_start "$RDAY"); YSTART=$(day_start "$YDAY"); GSTART=$(day_start "$GDAY")
upper() { psql_pg -Atc "select left('$1', -1) || '0'"; }   # PathRange.upperBound: '/1/2/' → '/1/20' ('/' + 1 = '0')
live_sql() { # path
  local up; up=$(upper "$1")
  cat <<SQL
select count(*), count(*) filter (where verified_at >= '$VCUT') from resident_dwelling
 where grid_path >= '$1' and grid_path < '$up';
select count(*), count(*) filter (where care_level is not null),
       count(*) filter (where care_level is not null and coalesce(last_visit_at, care_set_at) <
           case care_level when 'RED' then '$RCUT'::timestamptz when 'YELLOW' then '$YCUT'::timestamptz
                else '$GCUT'::timestamptz end)
  from resident_person where grid_path >= '$1' and grid_path < '$up';
SQL
}
rollup_sql() { # path
  local up; up=$(upper "$1")
  cat <<SQL
select f.dwellings, f.residents, f.under_care,
       (select coalesce(sum(v.dwellings), 0) from resident_figures_verified v where v.node_path = '$1' and v.day > '$VDAY')
     + (select count(*) from resident_dwelling where verified_at >= '$VCUT' and verified_at < '$VEND'
           and grid_path >= '$1' and grid_path < '$up') as verified,
       (select coalesce(sum(c.persons), 0) from resident_figures_care c where c.node_path = '$1'
           and ((c.care_level = 'RED' and c.day < '$RDAY') or (c.care_level = 'YELLOW' and c.day < '$YDAY')
                or (c.care_level = 'GREEN' and c.day < '$GDAY')))
     + (select count(*) from resident_person where care_level = 'RED' and coalesce(last_visit_at, care_set_at) >= '$RSTART'
           and coalesce(last_visit_at, care_set_at) < '$RCUT' and grid_path >= '$1' and grid_path < '$up')
     + (select count(*) from resident_person where care_level = 'YELLOW' and coalesce(last_visit_at, care_set_at) >= '$YSTART'
           and coalesce(last_visit_at, care_set_at) < '$YCUT' and grid_path >= '$1' and grid_path < '$up')
     + (select count(*) from resident_person where care_level = 'GREEN' and coalesce(last_visit_at, care_set_at) >= '$GSTART'
           and coalesce(last_visit_at, care_set_at) < '$GCUT' and grid_path >= '$1' and grid_path < '$up') as overdue
  from (select coalesce(sum(dwellings), 0) as dwellings, coalesce(sum(residents), 0) as residents,
               coalesce(sum(under_care), 0) as under_care from resident_figures where node_path = '$1') f;
SQL
}
for node in CITY DISTRICT; do
  path=${!node}
  live=$(psql_pg -At -F, -c "$(live_sql "$path" | sed -n 1,2p)" ; psql_pg -At -F, -c "$(live_sql "$path" | sed -n '3,$p')")
  roll=$(psql_pg -At -F, -c "$(rollup_sql "$path")")
  # live: dwellings,verified / residents,under_care,overdue ; rollup: dwellings,residents,under_care,verified,overdue
  l=$(echo "$live" | tr '\n' ',' | awk -F, '{ print $1","$3","$4","$2","$5 }')
  result "figures_${node,,}_live_vs_rollup" "$l | $roll $([[ $l == "$roll" ]] && echo same || echo DIFFERENT)"
  [[ $l == "$roll" ]] || exit 1
done

log "5. figures statements, one client (pgbench -M simple, the statements as the contributor sends them)"
bench() { # name file transactions
  as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c1 -t"$3" -f "$2" -l --log-prefix="$WORK/log_$1" gridgov \
    > "$OUT/pgbench_$1.txt" 2>&1
  cat "$WORK"/log_"$1"* | awk '{ print $3 / 1000 }' | sort -n > "$WORK/lat_$1"
  local n p50 p95
  n=$(wc -l < "$WORK/lat_$1")
  p50=$(awk -v n="$n" 'NR == int(n * 0.5 + 0.5) { print; exit }' "$WORK/lat_$1")
  p95=$(awk -v n="$n" 'NR == int(n * 0.95 + 0.5) { print; exit }' "$WORK/lat_$1")
  result "$1" "n=$n p50 ${p50} ms p95 ${p95} ms"
  rm -f "$WORK"/log_"$1"*
}
for node in CITY DISTRICT STREET COMMUNITY; do
  path=${!node}
  live_sql "$path" > "$WORK/live_$node.sql"
  rollup_sql "$path" > "$WORK/rollup_$node.sql"
  case $node in CITY|DISTRICT) n=3 ;; *) n=50 ;; esac
  bench "live_${node,,}" "$WORK/live_$node.sql" "$n"
  bench "rollup_${node,,}" "$WORK/rollup_$node.sql" 300
done

# where the rollup statement's time goes, for the CITY root (warm: after the pgbench runs above)
psql_pg -c "explain (analyze, buffers) $(rollup_sql "$CITY")" > "$OUT/explain_rollup_city.txt"
result rollup_city_explain_ms "$(grep -oP 'Execution Time: \K[0-9.]+' "$OUT/explain_rollup_city.txt")"

log "6. a care visit to a person under care (one UPDATE of last_visit_at, as VisitService), 4 clients, triggers on and off interleaved"
cat > "$WORK/visit.sql" <<SQL
\\set k random(0, $((PERSONS / 100 - 1)))
\\set i :k * 100 + random(0, 2)
update resident_person set last_visit_at = greatest(last_visit_at, now())
 where id = (select id from resident_person where id_number_hmac = decode(md5('h' || :i::text), 'hex') and id_type = 'RESIDENT_ID');
SQL
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    triggers "$mode"
    as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c4 -j2 -T15 -f "$WORK/visit.sql" gridgov \
      > "$OUT/pgbench_visit_${mode}_$round.txt" 2>&1
    result "visit_triggers_${mode}_round_$round" "$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench_visit_${mode}_$round.txt" | head -1) tps, latency $(grep -oP 'latency average = \K[0-9.]+' "$OUT/pgbench_visit_${mode}_$round.txt") ms"
  done
done
triggers on
result load_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
result total_s "$(($(date +%s) - START))"
log "done; results in $RESULTS"
