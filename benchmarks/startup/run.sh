#!/usr/bin/env bash
# Start-up benchmark (issue 18): time from process start to /actuator/health/readiness UP, the app's own
# "Started … in X seconds", the JVM's CPU time at ready (/proc/<pid>/stat), heap used after start (jcmd), per
# configuration step, ROUNDS rounds each on a fresh embedded data directory (demo data loaded) plus one start on
# the directory the last round left (second start). See README.md next to this file.
#
#   benchmarks/startup/run.sh                      # every step
#   STEPS="plain cds" ROUNDS=3 benchmarks/startup/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAR="${JAR:-$(ls "$root"/web-app/target/web-app-*.jar | grep -v original | head -1)}"
ROUNDS="${ROUNDS:-3}"
STEPS="${STEPS:-plain lazy cds flags prod}"
PORT="${PORT:-18095}"
OUT="${OUT:-$root/target/bench/startup-$(date -u +%Y%m%dT%H%M%SZ)}"
LOCK="${LOCK:-/work/bench.lock}"         # measurements of several people on one machine never overlap
TIMEOUT="${TIMEOUT:-900}"
EXTRA_ARGS="${EXTRA_ARGS:-}"              # appended to every start, e.g. --gridgov.grid.…
mkdir -p "$OUT"
work="$(mktemp -d /tmp/gridgov-startup.XXXXXX)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
clk=$(getconf CLK_TCK)

# --- configurations -------------------------------------------------------------------------------------------
# (a) plain: the jar as before issue 18: demo data and the grid index loaded before readiness, no warm-up
PLAIN_ARGS="--gridgov.startup.background=false --gridgov.startup.warm-up.enabled=false"
# (b)–(d) without the warm-up, so each step's own gain shows; prod = (d) with the warm-up (the application's default)
NO_WARM_UP="--gridgov.startup.warm-up.enabled=false"
# (d) JVM flags for a small 2-core node (steady state unchanged: full tiered compilation stays on)
FLAGS="${FLAGS:--XX:+UseSerialGC -Xmx512m -XX:CICompilerCount=2}"

cds_dir="${CDS_DIR:-$work/cds}"   # CDS_DIR: keep the extracted jar and archive between invocations
prepare_cds() {
  # Spring Boot's CDS recipe: extract, one training run that exits right after the context refresh, archive
  rm -rf "$cds_dir"
  java -Djarmode=tools -jar "$JAR" extract --destination "$cds_dir" >/dev/null
  local app; app=$(ls "$cds_dir"/*.jar | head -1)
  local data="$work/train-data"
  rm -rf "$data"
  ( cd "$cds_dir" && GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY="$data" GRIDGOV_ADMIN_PASSWORD=bench-admin \
      java -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar "$app" --server.port=0 \
      > "$OUT/cds-training.log" 2>&1 )
  rm -rf "$data"
  ls -la "$cds_dir/app.jsa" >> "$OUT/cds-training.log"
}

# (e) leyden: the same extracted jar on a JDK >= 25 with its AOT cache (JEP 483/514: classes loaded and linked, and
# method profiles, from a training run) instead of the CDS archive. The jar is still compiled for Java 17.
JAVA_AOT="${JAVA_AOT:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
prepare_leyden() {
  [[ -f "$cds_dir/app.jsa" ]] || prepare_cds
  local app; app=$(ls "$cds_dir"/*.jar | head -1)
  local data="$work/train-data-aot"
  rm -rf "$data" "$cds_dir/app.aot"
  ( cd "$cds_dir" && GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY="$data" GRIDGOV_ADMIN_PASSWORD=bench-admin \
      "$JAVA_AOT" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar "$app" --server.port=0 \
      > "$OUT/leyden-training.log" 2>&1 )
  rm -rf "$data"
  { "$JAVA_AOT" -version 2>&1; ls -la "$cds_dir/app.aot"; } >> "$OUT/leyden-training.log"
}

command_for() { # step → java command line (as an array in CMD)
  local app; app=$(ls "$cds_dir"/*.jar 2>/dev/null | head -1 || true)
  case "$1" in
    plain) CMD=(java -jar "$JAR" $PLAIN_ARGS) ;;
    lazy)  CMD=(java -jar "$JAR" $NO_WARM_UP) ;;
    cds)   CMD=(java -XX:SharedArchiveFile="$cds_dir/app.jsa" -jar "$app" $NO_WARM_UP) ;;
    flags) CMD=(java -XX:SharedArchiveFile="$cds_dir/app.jsa" $FLAGS -jar "$app" $NO_WARM_UP) ;;
    prod)  CMD=(java -XX:SharedArchiveFile="$cds_dir/app.jsa" $FLAGS -jar "$app" --gridgov.startup.warm-up.enabled=true) ;;
    aot)   CMD=(java -XX:SharedArchiveFile="$cds_dir/app.jsa" $FLAGS -Dspring.aot.enabled=true -jar "$app" $NO_WARM_UP) ;;
    leyden) CMD=("$JAVA_AOT" -XX:AOTCache="$cds_dir/app.aot" -jar "$app" $NO_WARM_UP) ;;
    base)  CMD=(java -jar "${BASE_JAR:?BASE_JAR: the jar of the code before issue 18}") ;;
    *) echo "unknown step $1" >&2; exit 2 ;;
  esac
}

busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }

# one start: prints a result line; $1 step, $2 round label, $3 data directory
measure() {
  local step=$1 label=$2 data=$3 log="$OUT/$1-$2.log"
  command_for "$step"
  local busy0; busy0=$(busy_ticks)
  local t0; t0=$(date +%s%N)
  GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY="$data" GRIDGOV_ADMIN_PASSWORD=bench-admin \
    "${CMD[@]}" --server.port="$PORT" $EXTRA_ARGS > "$log" 2>&1 &
  pid=$!
  local ready="" code
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)
    if [[ "$code" == 200 ]]; then ready=$(date +%s%N); break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "the app died, see $log" >&2; exit 1; fi
    if (( ($(date +%s%N) - t0) / 1000000000 > TIMEOUT )); then echo "no readiness in ${TIMEOUT}s, see $log" >&2; exit 1; fi
    sleep 0.05
  done
  local stat; stat=($(sed 's/^.*) //' "/proc/$pid/stat"))
  local cpu_ms=$(( (stat[11] + stat[12]) * 1000 / clk ))
  local busy1; busy1=$(busy_ticks)
  local machine_ms=$(( (busy1 - busy0) * 1000 / clk ))
  local started; started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | awk '{print $4}' | head -1)
  local jcmd=jcmd; [[ "$step" == leyden ]] && jcmd="$(dirname "$JAVA_AOT")/jcmd" # the JDK of the process
  local used; used=$($jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ && !/Metaspace|class space/ {for(i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); s+=v}} END {print int(s/1024)}' || true)
  $jcmd "$pid" GC.run >/dev/null 2>&1 || true
  local live; live=$($jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ && !/Metaspace|class space/ {for(i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); s+=v}} END {print int(s/1024)}' || true)
  local index; index=$(grep -o 'Grid index loaded: [0-9]* nodes' "$log" | head -1 | awk '{print $4}' || true)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  local ready_ms=$(( (ready - t0) / 1000000 ))
  printf '%s\t%s\t%d\t%s\t%d\t%d\t%s\t%s\t%s\n' "$step" "$label" "$ready_ms" "${started:-?}" "$cpu_ms" "$machine_ms" \
    "${used:-?}" "${live:-?}" "${index:-?}" | tee -a "$OUT/results.tsv"
}

printf 'step\tround\tready_ms\tstarted_s\tjvm_cpu_ms\tmachine_cpu_ms\theap_used_mb\theap_live_mb\tindex_nodes\n' \
  | tee "$OUT/results.tsv"
{ echo "jar: $JAR"; java -version 2>&1; nproc; uptime; echo "steps: $STEPS rounds: $ROUNDS flags: $FLAGS"; } > "$OUT/machine.txt"
for step in $STEPS; do
  if [[ "$step" == cds || "$step" == flags || "$step" == prod || "$step" == aot ]] && [[ ! -f "$cds_dir/app.jsa" ]]; then
    exec {lockfd}>"$LOCK"; flock "$lockfd"; prepare_cds; flock -u "$lockfd"; exec {lockfd}>&-
  fi
  if [[ "$step" == leyden && ! -f "$cds_dir/app.aot" ]]; then
    exec {lockfd}>"$LOCK"; flock "$lockfd"; prepare_leyden; flock -u "$lockfd"; exec {lockfd}>&-
  fi
  for r in $(seq 1 "$ROUNDS"); do
    data="$work/data-$step-$r"; rm -rf "$data"
    exec {lockfd}>"$LOCK"; flock "$lockfd"
    measure "$step" "fresh-$r" "$data"
    if [[ "$r" == "$ROUNDS" ]]; then measure "$step" "second" "$data"; fi
    flock -u "$lockfd"; exec {lockfd}>&-
    rm -rf "$data"
  done
done

# median and spread (min–max) of the fresh rounds per step
awk -F'\t' -v steps="$STEPS" 'NR>1 && $2 ~ /^fresh/ {n[$1]++; r[$1,n[$1]]=$3; c[$1,n[$1]]=$5; h[$1,n[$1]]=$7; s[$1,n[$1]]=$4; order[$1]=NR}
  NR>1 && $2=="second" {second[$1]=$3}
  function med(a, k, m,   i, j, t, v) { for (i=1;i<=m;i++) v[i]=a[k,i]; for(i=1;i<=m;i++) for(j=i+1;j<=m;j++) if (v[j]+0<v[i]+0) {t=v[i];v[i]=v[j];v[j]=t}
     return v[int((m+1)/2)] " (" v[1] "–" v[m] ")" }
  END { print "| step | ready ms, median (min–max) | Started in s | JVM CPU ms at ready | heap used MB | second start ready ms |";
        print "|---|---|---|---|---|---|";
        m=split(steps, ks, " ");
        for (x=1;x<=m;x++) { k=ks[x]; if (!(k in n)) continue; printf "| %s | %s | %s | %s | %s | %s |\n", k, med(r,k,n[k]), med(s,k,n[k]), med(c,k,n[k]), med(h,k,n[k]), second[k] } }' \
  "$OUT/results.tsv" | tee "$OUT/summary.md"
echo "results: $OUT"
