#!/usr/bin/env bash
# Typing-latency benchmark: our Typist typing into an idle real Claude Code session until the
# message is confirmed (06 D2), against bench/typing-floor.sh on the same session, same run.
# Prints a logfmt line per message pair and one summary line:
#   bench=typing runtime=claude n=50 p50_ms=… p99_ms=… floor_p50_ms=… floor_p99_ms=… ratio_p50=… …
# Usage: bench/typing-latency.sh [messages=50] [warmup=3]
# Needs tmux, node and the real CLIs (dev/install-agent-clis.sh); talks only to a fake model on
# loopback. The harness lives in the host test tree, so the normal test runs never start it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
dev/install-agent-clis.sh >/dev/null
# One reactor build: core's classes come from core/target, never from ~/.m2. Quiet unless it fails.
if ! build=$(mvn -B -q -pl host -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1); then
  echo "$build" >&2
  echo "typing-latency: the build failed" >&2
  exit 1
fi
cp="host/target/test-classes:host/target/classes:$(cat host/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" io.iapeer.host.bench.TypingLatency bench/typing-floor.sh "$@"
