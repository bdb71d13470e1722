#!/usr/bin/env bash
# Delivery-latency benchmark: an agent's send_to_peer through the real daemon (`iapeer daemon`, a
# process of its own) into a live idle session until the tool answers delivered, against
# bench/typing-floor.sh on the same session, same run. Target: p50 <= 1.3x the floor's.
# Prints a logfmt line per message pair and one summary line:
#   bench=delivery runtime=claude n=50 p50_ms=… floor_p50_ms=… ratio_p50=… pass=… daemon_rss_mb=… load=…
# Usage: bench/delivery-latency.sh [fake|claude] [messages=50] [warmup=3]
# Needs tmux; `claude` also needs the real CLI (dev/install-agent-clis.sh) and talks only to a fake
# model on loopback. The harness lives in the host test tree, so the normal test runs never start it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
runtime=${1:-fake}
if [ "$runtime" = claude ]; then dev/install-agent-clis.sh >/dev/null; fi
# One reactor build: the launcher's jar for the daemon, the test classes for the harness; core's
# classes come from core/target, never from ~/.m2. Quiet unless it fails.
if ! build=$(mvn -B -q -pl host -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1); then
  echo "$build" >&2
  echo "delivery-latency: the build failed" >&2
  exit 1
fi
cp="host/target/test-classes:host/target/classes:$(cat host/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" io.iapeer.host.bench.DeliveryLatency "$PWD/bin/iapeer" bench/typing-floor.sh \
  "$runtime" "${@:2}"
