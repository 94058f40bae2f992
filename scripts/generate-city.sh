#!/usr/bin/env bash
# Generates the deterministic synthetic Chengdu (org.gridgov.grid.synthetic.SyntheticCity) for benchmarks and
# scale tests: a GeoJSON FeatureCollection of the whole grid tree and, optionally, a staff CSV.
#
# usage: scripts/generate-city.sh [--out FILE] [--staff-out FILE] [--scale 1.0] [--seed 20261123]
#   Without --out it writes target/city/city.geojson and (unless --staff-out is given) target/city/staff.csv.
#   Compiles grid-core first when its classes are missing or older than its sources. JAVA_OPTS is passed to java.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

classes=grid-core/target/classes
main_class=$classes/org/gridgov/grid/synthetic/SyntheticCity.class
if [[ ! -f $main_class || ! -f $classes/org/gridgov/grid/GridType.class ]] \
    || [[ -n "$(find grid-core/src/main/java -name '*.java' -newer "$main_class" -print -quit)" ]]; then
  echo "Compiling grid-core ..." >&2
  ./mvnw -B -q -pl grid-core -am -DskipTests compile
fi

has_out=false
has_staff=false
for arg in "$@"; do
  case $arg in
    --out|--out=*) has_out=true ;;
    --staff-out|--staff-out=*) has_staff=true ;;
  esac
done
defaults=()
if [[ $has_out == false ]]; then
  defaults+=(--out target/city/city.geojson)
  if [[ $has_staff == false ]]; then
    defaults+=(--staff-out target/city/staff.csv)
  fi
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -cp "$classes" org.gridgov.grid.synthetic.SyntheticCity ${defaults[@]+"${defaults[@]}"} "$@"
