#!/usr/bin/env bash
# Supervise-pass benchmark: one pass of 03 §9.6 on a host with 500 registered peers of which 50
# have a live fake-agent session (each with a transcript). Prints one logfmt summary line:
#   bench=supervise-pass peers=500 live=50 passes=20 p50_ms=… max_ms=… target_ms=1000 ok=true
# Usage: bench/supervise-pass.sh [peers=500] [live=50] [passes=20]
# Needs tmux and ~3 GB of memory for the fake agents' JVMs.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if ! build=$(mvn -B -q -pl host -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1); then
  echo "$build" >&2
  echo "supervise-pass: the build failed" >&2
  exit 1
fi
cp="host/target/test-classes:host/target/classes:$(cat host/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" io.iapeer.host.bench.SuperviseCost "$@"
