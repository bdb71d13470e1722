#!/usr/bin/env bash
# CLI start-up benchmark: wall time of `iapeer version` and `iapeer list --json` with 200 peers,
# against `java -version` on the same JDK as the floor, all measured in this run.
# Prints one logfmt line per command (machine-readable) and a summary table.
# Usage: bench/cli-startup.sh [runs]   (needs a build: ./install.sh or mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-25}
java_home=$(bin/java-home)
work=$(mktemp -d /tmp/iapeer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home IAPEER_ROOT=$work/root IAPEER_TEST_SANDBOX=1
mkdir -p "$HOME" "$IAPEER_ROOT/peers"

# 200 registered peers, written as the registry would write them (list reads only the registry
# and the lifecycle markers, so profiles are not needed for this measurement).
{
  printf '{\n  "version": 2,\n  "peers": [\n'
  for i in $(seq -w 1 200); do
    sep=","; [ "$i" = "200" ] && sep=""
    printf '    {\n      "personality": "peer-%s",\n      "default_runtime": "claude",\n      "runtimes": [\n        "claude",\n        "codex"\n      ],\n      "description": "benchmark peer %s",\n      "intelligence": "artificial",\n      "cwd": "%s/peers/peer-%s"\n    }%s\n' "$i" "$i" "$IAPEER_ROOT" "$i" "$sep"
  done
  printf '  ]\n}\n'
} > "$IAPEER_ROOT/peers-profiles.json"

# Median and 90th percentile of wall milliseconds over $runs runs (after 2 warm-ups, which also
# create the class-data-sharing archive).
measure() {
  local name=$1; shift
  "$@" >/dev/null 2>&1; "$@" >/dev/null 2>&1
  local times=()
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local med p90
  med=$(echo "$sorted" | awk -v n="$runs" 'NR==int((n+1)/2){print}')
  p90=$(echo "$sorted" | awk -v n="$runs" 'NR==int(n*0.9+0.5){print}')
  echo "$name $med $p90"
}

floor=$(measure java_version "$java_home/bin/java" -version)
version=$(measure iapeer_version bin/iapeer version)
list=$(measure iapeer_list_json_200 bin/iapeer list --json)
count=$(bin/iapeer list --json | grep -c '"personality"')
[ "$count" = 200 ] || { echo "bench: list --json returned $count peers, expected 200" >&2; exit 1; }

floor_med=$(echo "$floor" | cut -d' ' -f2)
echo "# cli start-up, $runs runs each, $(nproc) cores, JDK $("$java_home/bin/java" -version 2>&1 | head -n1 | cut -d'"' -f2)"
for row in "$floor" "$version" "$list"; do
  read -r name med p90 <<<"$row"
  echo "bench=cli_startup cmd=$name median_ms=$med p90_ms=$p90 floor_ms=$floor_med over_floor_ms=$((med - floor_med))"
done
