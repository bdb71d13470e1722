#!/usr/bin/env bash
# Builds iapeer and installs it for this user (06 D11):
#   $IAPEER_INSTALL_DIR/<version>/  (default ~/.local/share/iapeer) — the jars and a launcher with
#                                    the absolute path of this JDK (>= 21) baked in
#   $IAPEER_BIN_DIR/iapeer          (default ~/.local/bin) — a symlink to it, replaced atomically
# Other installed versions are left in place. Re-running reinstalls the same version.
set -euo pipefail
cd "$(dirname "$0")"

JAVA_HOME=$(bin/java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# Maven's own guava calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
if grep -qE '^JAVA_VERSION="(2[4-9]|[3-9][0-9])' "$JAVA_HOME/release" 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "install: Maven (mvn) is needed to build — install it (e.g. apt-get install maven)" >&2
  exit 1
fi

echo "install: building with $JAVA_HOME"
mvn -B -q -DskipTests package

version=$(sed -n 's/^version=//p' host/target/classes/io/iapeer/host/version.properties)
prefix=${IAPEER_INSTALL_DIR:-$HOME/.local/share/iapeer}
bin_dir=${IAPEER_BIN_DIR:-$HOME/.local/bin}
dest=$prefix/$version
mkdir -p "$prefix" "$bin_dir"

# Stage the whole version next to its final place, then swap it in with renames.
stage=$(mktemp -d "$prefix/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib"
cp host/target/iapeer-host.jar host/target/lib/*.jar "$stage/lib/"
sed "s|^IAPEER_JAVA_HOME_BAKED=\"\"|IAPEER_JAVA_HOME_BAKED=\"$JAVA_HOME\"|" bin/iapeer > "$stage/bin/iapeer"
cp bin/java-home "$stage/bin/java-home"
chmod 755 "$stage/bin/iapeer" "$stage/bin/java-home"
chmod 700 "$stage"
if [ -d "$dest" ]; then
  rm -rf "$dest.replaced"
  mv "$dest" "$dest.replaced"
fi
mv "$stage" "$dest"
rm -rf "$dest.replaced"

ln -sfn "$dest/bin/iapeer" "$bin_dir/.iapeer.tmp"
mv -Tf "$bin_dir/.iapeer.tmp" "$bin_dir/iapeer"

# The first run writes the class-data-sharing archive that makes later runs start faster.
"$bin_dir/iapeer" version >/dev/null

echo "install: iapeer $version → $bin_dir/iapeer"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "install: add $bin_dir to your PATH, e.g.: export PATH=\"$bin_dir:\$PATH\"" ;;
esac
