#!/usr/bin/env bash
# Starts Debian's PostgreSQL server in a throw-away directory on 127.0.0.1:55432, runs the platform against it
# with SPRING_DATASOURCE_URL (so no embedded database starts), checks health and the migrated schema, and stops both.
# Needs the Debian `postgresql` package (apt-get install postgresql) and a built jar (./run or ./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${PORT:-55432}
WORK=$(mktemp -d)
chown postgres "$WORK" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null; as_pg "$PGBIN/pg_ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database gridgov"

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PORT/gridgov" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD=postgres GRIDGOV_ADMIN_PASSWORD=check \
  java -jar web-app/target/web-app-*.jar --server.port=18080 > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do
  curl -fs http://127.0.0.1:18080/actuator/health/readiness >/dev/null 2>&1 && break
  sleep 1
done
curl -fs http://127.0.0.1:18080/actuator/health | grep -q '"db":{"status":"UP"}' || { cat "$WORK/app.log"; exit 1; }
grep -q "EmbeddedPostgresServer" "$WORK/app.log" && { echo "FAIL: an embedded database was started"; exit 1; }
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d gridgov -Atc "select count(*) from flyway_schema_history where success"
echo "OK: the platform ran on the external PostgreSQL at 127.0.0.1:$PORT"
