#!/usr/bin/env bash
# Builds iapeer, installs it for this user and starts its daemon under the service manager this
# host has (systemd --user, launchd, or iapeer's built-in supervisor):
#   ./install.sh [--accept-risk]
# `iapeer install` puts the program in $IAPEER_INSTALL_DIR/<version>/ (default ~/.local/share/iapeer)
# and links $IAPEER_BIN_DIR/iapeer (default ~/.local/bin) to it; `iapeer onboard` shows the security
# warning, asks you to accept it (--accept-risk accepts it in scripts) and starts the daemon.
set -euo pipefail
cd "$(dirname "$0")"

JAVA_HOME=$(bin/java-home)   # prints why and fails when there is no JDK >= 21
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# Maven's own guava calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "install: Maven (mvn) is needed to build — install it (e.g. apt-get install maven, brew install maven)" >&2
  exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then
  echo "install: tmux is needed to host agent sessions — install it (e.g. apt-get install tmux, brew install tmux)" >&2
  exit 1
fi

echo "install: building with $JAVA_HOME"
mvn -B -q -DskipTests package

bin/iapeer install
"${IAPEER_BIN_DIR:-$HOME/.local/bin}/iapeer" onboard "$@"

bin_dir=${IAPEER_BIN_DIR:-$HOME/.local/bin}
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "install: add $bin_dir to your PATH, e.g.: export PATH=\"$bin_dir:\$PATH\"" ;;
esac
