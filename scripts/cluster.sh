#!/usr/bin/env bash
# A real cluster on one machine (issue 21): Debian's PostgreSQL 15 as primary + streaming replica (pg_basebackup),
# NODES application nodes of the built jar (default 3), HAProxy in front with readiness health checks.
#
#   scripts/cluster.sh up      start everything (installs haproxy/postgresql from Debian's packages when missing)
#   scripts/cluster.sh test [test_name...]  checks against the balancer (the test_* below); needs `up` first
#   scripts/cluster.sh down    stop everything and remove the state directory
#   scripts/cluster.sh status  what runs
#
# Not part of ./mvnw verify (it starts 3 JVMs and 2 PostgreSQL servers). Needs the jar:
#   ./mvnw -B -pl web-app -am -DskipTests package
# Settings (environment): NODES=3, CLUSTER_DIR=/tmp/gridgov-cluster, BASE_PORT=18080 (balancer; nodes +1..+N,
# HAProxy stats +9), PG_PORT=56432 (replica +1), NODE_HEAP=384m.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODES=${NODES:-3}
DIR=${CLUSTER_DIR:-/tmp/gridgov-cluster}
BASE_PORT=${BASE_PORT:-18080}
LB_PORT=$BASE_PORT
PG_PORT=${PG_PORT:-56432}
REPLICA_PORT=$((PG_PORT + 1))
NODE_HEAP=${NODE_HEAP:-384m}
ADMIN_PASSWORD=cluster-admin
LB=http://127.0.0.1:$LB_PORT
DELAY_SECONDS=2 # docs/SCALING.md: a grid change reaches every node's locate within this delay

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
node_port() { echo $((BASE_PORT + $1)); }

ensure_packages() {
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  ls -d /usr/lib/postgresql/15/bin >/dev/null 2>&1 || missing+=(postgresql-15)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PGBIN=/usr/lib/postgresql/15/bin
}

jar() {
  local jar
  jar=$(ls "$ROOT"/web-app/target/web-app-*.jar 2>/dev/null | head -1 || true)
  [ -n "$jar" ] || fail "no jar: build it with ./mvnw -B -pl web-app -am -DskipTests package"
  echo "$jar"
}

wait_ready() { # url seconds
  for _ in $(seq 1 "$2"); do
    curl -fs "$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

start_postgres() {
  mkdir -p "$DIR"
  chown postgres "$DIR" 2>/dev/null || true
  as_pg "$PGBIN/initdb" -D "$DIR/primary" -U postgres --auth=trust >/dev/null
  cat >> "$DIR/primary/postgresql.conf" <<EOF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
max_connections = 200
EOF
  as_pg "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database gridgov"
  log "primary PostgreSQL 15 on $PG_PORT; streaming replica by pg_basebackup"
  as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$DIR/replica" -R -X stream -c fast
  cat >> "$DIR/replica/postgresql.conf" <<EOF
port = $REPLICA_PORT
hot_standby = on
# every statement is logged on the replica: the test proves which reads it served
log_statement = 'all'
EOF
  as_pg "$PGBIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
  [ "$(psql_replica -Atc 'select pg_is_in_recovery()')" = t ] || fail "the replica is not a standby"
}

psql_primary() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d gridgov -q "$@"; }
psql_replica() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d gridgov -q "$@"; }

keys() {
  # the nodes must share the personal-data keys; generated once per cluster
  if [ ! -f "$DIR/keys.env" ]; then
    {
      echo "GRIDGOV_RESIDENTS_CRYPTO_KEYS_C1=$(openssl rand -base64 32)"
      echo "GRIDGOV_RESIDENTS_CRYPTO_ACTIVE_KEY_ID=c1"
      echo "GRIDGOV_RESIDENTS_CRYPTO_INDEX_KEY=$(openssl rand -base64 32)"
    } > "$DIR/keys.env"
  fi
}

start_node() { # n [demo-data]
  local n=$1 demo=${2:-false} port
  port=$(node_port "$n")
  mkdir -p "$DIR/blobs"
  (
    set -a; . "$DIR/keys.env"; set +a
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/gridgov" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD=postgres GRIDGOV_DATASOURCE_REPLICA_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/gridgov" \
    GRIDGOV_ADMIN_PASSWORD=$ADMIN_PASSWORD GRIDGOV_DEMO_DATA_ENABLED=$demo GRIDGOV_BLOBS_DIRECTORY="$DIR/blobs" \
    GRIDGOV_INCIDENTS_ESCALATION_INTERVAL=PT3S GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE=100000 \
    SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=10 \
      exec java -Xmx"$NODE_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$(jar)" --server.port="$port" \
        > "$DIR/node$n.log" 2>&1
  ) &
  echo $! > "$DIR/node$n.pid"
}

start_haproxy() {
  {
    cat <<EOF
global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option redispatch
  retries 2
  retry-on conn-failure empty-response response-timeout
frontend gridgov
  bind 127.0.0.1:$LB_PORT
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /actuator/health/readiness
  http-check expect status 200
  http-response set-header X-Served-By %[srv_name]
EOF
    for n in $(seq 1 "$NODES"); do
      echo "  server node$n 127.0.0.1:$(node_port "$n") check inter 1s fall 2 rise 2"
    done
    cat <<EOF
listen stats
  bind 127.0.0.1:$((BASE_PORT + 9))
  stats enable
  stats uri /
EOF
  } > "$DIR/haproxy.cfg"
  haproxy -c -q -f "$DIR/haproxy.cfg"
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
}

up() {
  [ -d "$DIR" ] && fail "$DIR exists: run '$0 down' first"
  ensure_packages
  jar >/dev/null
  start_postgres
  keys
  log "node 1 (migrations, demo data) on $(node_port 1)"
  start_node 1 true
  wait_ready "http://127.0.0.1:$(node_port 1)" 180 || { tail -50 "$DIR/node1.log"; fail "node 1 did not start"; }
  for n in $(seq 2 "$NODES"); do
    log "node $n on $(node_port "$n")"
    start_node "$n"
  done
  for n in $(seq 2 "$NODES"); do
    wait_ready "http://127.0.0.1:$(node_port "$n")" 180 || { tail -50 "$DIR/node$n.log"; fail "node $n did not start"; }
  done
  start_haproxy
  wait_ready "$LB" 30 || fail "the balancer answers no readiness"
  log "up: balancer $LB (stats http://127.0.0.1:$((BASE_PORT + 9))/), $NODES nodes, primary $PG_PORT, replica $REPLICA_PORT"
}

down() {
  [ -f "$DIR/haproxy.pid" ] && kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true
  for pid in "$DIR"/node*.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 2
  ensure_packages
  for db in replica primary; do
    [ -d "$DIR/$db" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/$db" -m fast stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  log "down"
}

status() {
  for n in $(seq 1 "$NODES"); do
    printf 'node%s :%s %s\n' "$n" "$(node_port "$n")" \
      "$(curl -fs "http://127.0.0.1:$(node_port "$n")/actuator/health/readiness" 2>/dev/null || echo down)"
  done
  printf 'replica lag: %s\n' "$(psql_replica -Atc 'select now() - pg_last_xact_replay_timestamp()' 2>/dev/null || echo '?')"
}

# ---------------------------------------------------------------- the checks

token() { # user password [base]
  curl -fs -X POST "${3:-$LB}/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken
}

test_console_login_survives_the_death_of_its_node() {
  local jar=$DIR/cookies.txt page csrf served code
  rm -f "$jar"
  page=$(curl -fs -c "$jar" -b "$jar" "$LB/login")
  csrf=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
  served=$(curl -s -o /dev/null -D - -c "$jar" -b "$jar" -X POST "$LB/login" \
    --data-urlencode "username=admin" --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$csrf" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-served-by"{print $2}')
  [ -n "$served" ] || fail "no login through the balancer"
  log "logged in on $served; killing it"
  kill -9 "$(cat "$DIR/$served.pid")"
  for i in 1 2 3 4; do
    code=$(curl -s -o "$DIR/page.html" -w '%{http_code}' -b "$jar" "$LB/")
    [ "$code" = 200 ] && grep -q logout-button "$DIR/page.html" || fail "request $i after the kill: $code"
  done
  log "OK the console session went on after $served died (4 pages through the other nodes)"
  start_node "${served#node}"
  wait_ready "http://127.0.0.1:$(node_port "${served#node}")" 180 || fail "$served did not come back"
}

test_escalation_runs_once_across_the_nodes() {
  local token tracking id count
  token=$(token demo.resident gridgov-demo)
  tracking=$(curl -fs -X POST "$LB/api/v1/incidents" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    -d '{"category":"BUILDING_SAFETY","description":"集群测试：楼道灯损坏","lat":30.5725,"lng":103.935}' \
    | jq -r .incident.trackingCode)
  [ -n "$tracking" ] && [ "$tracking" != null ] || fail "no incident reported"
  id=$(psql_primary -Atc "update incident set accept_due_at = now() - interval '1 minute' where tracking_code = '$tracking' returning id" | head -1)
  # every node runs the job every 3 s: wait for 4 rounds of it
  for _ in $(seq 1 15); do
    count=$(psql_primary -Atc "select count(*) from incident_timeline where incident_id = $id and action = 'AUTO_ESCALATE'")
    [ "$count" -ge 1 ] && break
    sleep 1
  done
  sleep 12
  count=$(psql_primary -Atc "select count(*) from incident_timeline where incident_id = $id and action = 'AUTO_ESCALATE'")
  [ "$count" = 1 ] || fail "incident $tracking escalated $count times (expected exactly once across $NODES nodes)"
  log "OK overdue incident $tracking escalated exactly once across $NODES nodes"
}

test_redraw_on_one_node_moves_locate_on_another() {
  local token a b grid boundary bbox lng lat small etag started now code
  token=$(token admin "$ADMIN_PASSWORD")
  a=http://127.0.0.1:$(node_port 1)
  b=http://127.0.0.1:$(node_port 2)
  grid=$(curl -fs -H "Authorization: Bearer $token" "$a/api/v1/grids/by-code/510116001003G01M02" | jq -r .id)
  boundary=$(curl -fs -H "Authorization: Bearer $token" "$a/api/v1/grids/$grid/boundary" | jq -c '.geometry // .boundary // .')
  bbox=$(jq -r '[.coordinates[0][] ] | [(map(.[0])|min), (map(.[1])|min), (map(.[0])|max), (map(.[1])|max)] | @tsv' <<<"$boundary")
  read -r x1 y1 x2 y2 <<<"$bbox"
  lng=$(awk -v a="$x1" -v b="$x2" 'BEGIN{printf "%.7f", (a+b)/2}')
  lat=$(awk -v a="$y1" -v b="$y2" 'BEGIN{printf "%.7f", (a+b)/2}')
  code=$(curl -fs -H "Authorization: Bearer $token" "$b/api/v1/locate?lat=$lat&lng=$lng" | jq -r .grid.code)
  [ "$code" = 510116001003G01M02 ] || fail "before the redraw node 2 locates $code"
  small=$(awk -v x="$x1" -v y="$y1" -v X="$x2" -v Y="$y2" 'BEGIN{dx=(X-x)/5; dy=(Y-y)/5;
    printf "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}",
    x+dx/2,y+dy/2, x+dx,y+dy/2, x+dx,y+dy, x+dx/2,y+dy, x+dx/2,y+dy/2}')
  etag=$(curl -fs -D - -o /dev/null -H "Authorization: Bearer $token" "$a/api/v1/grids/$grid" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $token" -H "If-Match: $etag" -H 'Content-Type: application/json' \
    "$a/api/v1/grids/$grid/boundary" -d "{\"boundary\":$small}" || fail "redraw on node 1 refused"
  started=$(date +%s%N)
  while :; do
    code=$(curl -fs -H "Authorization: Bearer $token" "$b/api/v1/locate?lat=$lat&lng=$lng" | jq -r .grid.code)
    now=$(date +%s%N)
    [ "$code" != 510116001003G01M02 ] && break
    [ $(( (now - started) / 1000000 )) -gt $((DELAY_SECONDS * 1000)) ] && fail "node 2 still locates the old boundary after ${DELAY_SECONDS}s"
    sleep 0.05
  done
  log "OK redraw on node 1 seen by node 2's locate after $(( (now - started) / 1000000 )) ms (now $code; documented ≤ ${DELAY_SECONDS}s)"
  etag=$(curl -fs -D - -o /dev/null -H "Authorization: Bearer $token" "$a/api/v1/grids/$grid" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $token" -H "If-Match: $etag" -H 'Content-Type: application/json' \
    "$a/api/v1/grids/$grid/boundary" -d "{\"boundary\":$boundary}" || fail "restoring the boundary refused"
}

test_figures_are_read_from_the_replica() {
  local token grid before after
  token=$(token admin "$ADMIN_PASSWORD")
  grid=$(curl -fs -H "Authorization: Bearer $token" "$LB/api/v1/grids/by-code/510116001003" | jq -r .id)
  sleep 6 # past the read-your-writes window of the login (no cookie is sent anyway)
  before=$(wc -l < "$DIR/replica.log")
  for _ in 1 2 3; do
    curl -fs -o /dev/null -H "Authorization: Bearer $token" "$LB/api/v1/grids/$grid/figures" || fail "figures refused"
  done
  after=$(tail -n +"$((before + 1))" "$DIR/replica.log" | grep -c 'from grid_node' || true)
  [ "$after" -ge 3 ] || fail "the figures queries did not reach the replica ($after statements there)"
  log "OK figures read from the replica ($after grid statements in its log for 3 requests through the balancer)"
}

run_tests() {
  ensure_packages
  wait_ready "$LB" 30 || fail "no cluster: run '$0 up' first"
  local failed=0 passed=0 tests=("$@")
  [ ${#tests[@]} -gt 0 ] || tests=(test_console_login_survives_the_death_of_its_node
    test_escalation_runs_once_across_the_nodes test_redraw_on_one_node_moves_locate_on_another
    test_figures_are_read_from_the_replica)
  for t in "${tests[@]}"; do
    if ( set -e; $t ); then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAILED $t"; fi
  done
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

case "${1:-}" in
  up) up ;;
  test) shift; run_tests "$@" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|test|down|status" >&2; exit 2 ;;
esac
