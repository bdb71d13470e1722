#!/usr/bin/env bash
# Wake-latency benchmark: a sleeping peer woken by a message until it is delivered, against the
# launch primitive alone bringing up the same runtime with the same message, same run (03 §9.2).
# Prints a logfmt line per round and one summary line:
#   bench=wake runtime=fake n=10 boot_p50_ms=… wake_p50_ms=… overhead_p50_ms=… … ok=true
# Usage: bench/wake-latency.sh [fake|claude] [rounds=10]
# Needs tmux; `claude` also needs the real CLI (dev/install-agent-clis.sh) and talks only to a fake
# model on loopback. The harness lives in the host test tree, so the normal test runs never start it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if [ "${1:-fake}" = claude ]; then dev/install-agent-clis.sh >/dev/null; fi
# One reactor build: core's classes come from core/target, never from ~/.m2. Quiet unless it fails.
if ! build=$(mvn -B -q -pl host -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1); then
  echo "$build" >&2
  echo "wake-latency: the build failed" >&2
  exit 1
fi
cp="host/target/test-classes:host/target/classes:$(cat host/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" io.iapeer.host.bench.WakeLatency "$@"
