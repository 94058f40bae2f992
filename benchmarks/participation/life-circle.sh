#!/usr/bin/env bash
# Life-circle coverage benchmark: a community of 5,000 located dwellings and 500 facilities of the eight kinds on the
# real embedded PostgreSQL the module's integration tests use; the coverage report through the REST API after a
# warm-up, round by round (median, p95, max), and the time the service itself reports (computedInMillis). The goal of
# issue 20 is < 1 s; the run fails when the p95 reaches it. See docs/BENCHMARKS.md ("Participation — life-circle
# coverage") and the harness participation-service/src/test/java/org/gridgov/participation/LifeCircleCoverageBenchmark.java.
#
# usage: benchmarks/participation/life-circle.sh
#   env: DWELLINGS=5000 FACILITIES=500 WARMUP=10 ROUNDS=30 MAVEN_REPO=~/.m2/repository (a private copy is fine)
#        OUT=file (default target/bench/life-circle-<time>.txt)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
OUT=${OUT:-$ROOT/target/bench/life-circle-$(date +%Y%m%d-%H%M%S).txt}
mkdir -p "$(dirname "$OUT")"
REPO_ARG=()
if [[ -n "${MAVEN_REPO:-}" ]]; then REPO_ARG=(-Dmaven.repo.local="$MAVEN_REPO"); fi
./mvnw -B -o "${REPO_ARG[@]}" -q install -DskipTests -pl participation-service -am
./mvnw -B -o "${REPO_ARG[@]}" verify -pl participation-service -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LifeCircleCoverageBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbenchmark=true -Dbenchmark.dwellings="${DWELLINGS:-5000}" -Dbenchmark.facilities="${FACILITIES:-500}" \
  -Dbenchmark.warmup="${WARMUP:-10}" -Dbenchmark.rounds="${ROUNDS:-30}" -Dbenchmark.out="$OUT" \
  | grep -E "Tests run|FAIL|life-circle|http_ms|service_ms|dwellings=" || true
echo "results: $OUT"
cat "$OUT"
