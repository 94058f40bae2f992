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
STREAM_DELAY_SECONDS=1 # docs/SCALING.md: a notification written on one node is pushed on any node's stream within this

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

# ---- the notification stream (SSE) of the demo grid worker, whose micro grid is 510116001003G01M01

STREAM_GRID=510116001003G01M01

grid_point() { # code token: "lat lng", the middle of the grid's boundary box
  local id boundary
  id=$(curl -fs -H "Authorization: Bearer $2" "$LB/api/v1/grids/by-code/$1" | jq -r .id)
  boundary=$(curl -fs -H "Authorization: Bearer $2" "$LB/api/v1/grids/$id/boundary" | jq -c '.geometry // .boundary // .')
  jq -r '[.coordinates[0][]] | "\(((map(.[1])|min) + (map(.[1])|max)) / 2) \(((map(.[0])|min) + (map(.[0])|max)) / 2)"' <<<"$boundary"
}

report() { # base token category description lat lng: the tracking code
  curl -fs -X POST "$1/api/v1/incidents" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    -d "{\"category\":\"$3\",\"description\":\"$4\",\"lat\":$5,\"lng\":$6}" | jq -r .incident.trackingCode
}

open_stream() { # base token file [last-event-id]: curl holds the stream in the background (pid in file.pid)
  local extra=()
  [ -n "${4:-}" ] && extra=(-H "Last-Event-ID: $4")
  rm -f "$3" "$3.head"
  curl -sN -D "$3.head" -H "Authorization: Bearer $2" -H 'Accept: text/event-stream' "${extra[@]}" \
    "$1/api/v1/me/notifications/stream" > "$3" 2>/dev/null &
  echo $! > "$3.pid"
  for _ in $(seq 1 100); do
    grep -q '^:connected' "$3" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

close_stream() { kill "$(cat "$1.pid")" 2>/dev/null || true; }

served_by() { tr -d '\r' < "$1" | awk -F': ' 'tolower($1)=="x-served-by"{print $2}'; }

wait_in_stream() { # file text seconds: the milliseconds it took, or fails
  local started now
  started=$(date +%s%N)
  while :; do
    now=$(date +%s%N)
    grep -q "^data:.*$2" "$1" && { echo $(( (now - started) / 1000000 )); return 0; }
    [ $(( (now - started) / 1000000 )) -gt $(($3 * 1000)) ] && return 1
    sleep 0.02
  done
}

test_a_report_made_on_one_node_appears_live_in_a_stream_held_on_another() {
  local admin worker resident lat lng a b tracking millis
  admin=$(token admin "$ADMIN_PASSWORD")
  worker=$(token demo.grid gridgov-demo)
  resident=$(token demo.resident gridgov-demo)
  read -r lat lng <<<"$(grid_point "$STREAM_GRID" "$admin")"
  a=http://127.0.0.1:$(node_port 1)
  b=http://127.0.0.1:$(node_port 2)
  open_stream "$b" "$worker" "$DIR/stream-b" || { close_stream "$DIR/stream-b"; fail "no stream on node 2"; }
  tracking=$(report "$a" "$resident" NOISE "集群测试：楼上装修噪音" "$lat" "$lng")
  [ -n "$tracking" ] && [ "$tracking" != null ] || { close_stream "$DIR/stream-b"; fail "no incident reported on node 1"; }
  millis=$(wait_in_stream "$DIR/stream-b" "$tracking" "$STREAM_DELAY_SECONDS") \
    || { close_stream "$DIR/stream-b"; fail "$tracking (reported on node 1) not on node 2's stream after ${STREAM_DELAY_SECONDS}s"; }
  close_stream "$DIR/stream-b"
  log "OK $tracking reported on node 1 was pushed on demo.grid's stream held on node 2 after $millis ms (documented ≤ ${STREAM_DELAY_SECONDS}s)"
}

test_console_and_stream_keep_working_when_a_node_is_killed() {
  local jar=$DIR/cookies-kill.txt page csrf admin worker resident lat lng served first last missed again code millis
  rm -f "$jar"
  page=$(curl -fs -c "$jar" -b "$jar" "$LB/login")
  csrf=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" -X POST "$LB/login" --data-urlencode "username=admin" \
    --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$csrf" || fail "no console login"
  admin=$(token admin "$ADMIN_PASSWORD")
  worker=$(token demo.grid gridgov-demo)
  resident=$(token demo.resident gridgov-demo)
  read -r lat lng <<<"$(grid_point "$STREAM_GRID" "$admin")"

  # demo.grid's phone holds its stream through the balancer and has received one notification
  open_stream "$LB" "$worker" "$DIR/stream-1" || { close_stream "$DIR/stream-1"; fail "no stream through the balancer"; }
  served=$(served_by "$DIR/stream-1.head")
  [ -n "$served" ] || { close_stream "$DIR/stream-1"; fail "the stream names no node"; }
  first=$(report "$LB" "$resident" NOISE "集群测试：广场舞音响太大" "$lat" "$lng")
  wait_in_stream "$DIR/stream-1" "$first" 5 >/dev/null || { close_stream "$DIR/stream-1"; fail "$first not on the stream"; }
  last=$(grep '^id:' "$DIR/stream-1" | tail -1 | cut -d: -f2)

  log "stream held on $served (last event $last); killing it"
  kill -9 "$(cat "$DIR/$served.pid")"
  for _ in $(seq 1 50); do kill -0 "$(cat "$DIR/stream-1.pid")" 2>/dev/null || break; sleep 0.1; done
  close_stream "$DIR/stream-1"

  # while the phone is away a report is made, and the console goes on
  missed=$(report "$LB" "$resident" BUILDING_SAFETY "集群测试：楼梯扶手松动" "$lat" "$lng")
  [ -n "$missed" ] && [ "$missed" != null ] || fail "no report through the balancer after $served died"
  for i in 1 2 3 4; do
    code=$(curl -s -o "$DIR/page.html" -w '%{http_code}' -b "$jar" "$LB/")
    [ "$code" = 200 ] && grep -q logout-button "$DIR/page.html" || fail "console request $i after the kill: $code"
  done

  # the phone reconnects through the balancer with Last-Event-ID, as EventSource does: another node replays the missed
  open_stream "$LB" "$worker" "$DIR/stream-2" "$last" || { close_stream "$DIR/stream-2"; fail "no stream after the kill"; }
  again=$(served_by "$DIR/stream-2.head")
  millis=$(wait_in_stream "$DIR/stream-2" "$missed" 5) \
    || { close_stream "$DIR/stream-2"; fail "the stream resumed on $again did not replay $missed"; }
  if grep -q "^data:.*$first" "$DIR/stream-2"; then close_stream "$DIR/stream-2"; fail "$first was replayed again"; fi
  close_stream "$DIR/stream-2"
  [ "$again" != "$served" ] || fail "the resumed stream was served by the killed $served"
  log "OK after $served died: 4 console pages through the others, and the stream resumed on $again replayed $missed (made meanwhile) in $millis ms"
  start_node "${served#node}"
  wait_ready "http://127.0.0.1:$(node_port "${served#node}")" 180 || fail "$served did not come back"
}

run_tests() {
  ensure_packages
  wait_ready "$LB" 30 || fail "no cluster: run '$0 up' first"
  local failed=0 passed=0 tests=("$@")
  [ ${#tests[@]} -gt 0 ] || tests=(test_console_login_survives_the_death_of_its_node
    test_escalation_runs_once_across_the_nodes test_redraw_on_one_node_moves_locate_on_another
    test_figures_are_read_from_the_replica test_a_report_made_on_one_node_appears_live_in_a_stream_held_on_another
    test_console_and_stream_keep_working_when_a_node_is_killed)
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
