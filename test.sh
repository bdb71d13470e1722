#!/usr/bin/env bash
# Runs every test tier: `mvn -B verify` on a JDK >= 21 (found by bin/java-home).
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# Maven's own guava calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
exec mvn -B verify "$@"
