#!/usr/bin/env bash
# Runs every test tier: `mvn -B verify` on a JDK >= 21 (found by bin/java-home).
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
exec mvn -B verify "$@"
