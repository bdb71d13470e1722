#!/usr/bin/env bash
# Installs the pinned real agent CLIs that the tier-3 tests (host/.../realcli) run against, into a
# cache outside the repo (~400 MB each). Idempotent: a second run only checks `--version`.
# Prints the claude and codex binary paths, one a line.
set -euo pipefail

CLAUDE_VERSION=2.1.332
CODEX_VERSION=0.171.0
CACHE=${IAPEER_AGENT_CLI_CACHE:-$HOME/.cache/iapeer/agent-clis}
CLAUDE=$CACHE/node_modules/.bin/claude
CODEX=$CACHE/node_modules/.bin/codex

has() { [ -x "$1" ] && "$1" --version 2>/dev/null | grep -F "$2" >/dev/null; }

if ! has "$CLAUDE" "$CLAUDE_VERSION" || ! has "$CODEX" "$CODEX_VERSION"; then
  command -v npm >/dev/null 2>&1 || { echo "install-agent-clis: npm not found — install node and npm" >&2; exit 1; }
  # One cheap request first, so an unreachable registry fails in one line, not a page of npm retries.
  if ! npm view --fetch-retries=0 --fetch-timeout=20000 "@openai/codex@$CODEX_VERSION" version >/dev/null 2>&1; then
    echo "install-agent-clis: cannot reach the npm registry ($(npm config get registry)) — the real-CLI tests need it once" >&2
    exit 1
  fi
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
    "@anthropic-ai/claude-code@$CLAUDE_VERSION" "@openai/codex@$CODEX_VERSION" >&2 \
    || { echo "install-agent-clis: npm install into $CACHE failed (see npm's output above)" >&2; exit 1; }
fi

# npm may skip claude's postinstall (install scripts are not auto-approved), leaving the placeholder
# binary that cannot report a version; install.cjs puts the native one in place.
if ! has "$CLAUDE" "$CLAUDE_VERSION"; then
  node "$CACHE/node_modules/@anthropic-ai/claude-code/install.cjs" >&2
fi

for pair in "$CLAUDE:$CLAUDE_VERSION" "$CODEX:$CODEX_VERSION"; do
  bin=${pair%%:*}
  has "$bin" "${pair##*:}" || { echo "install-agent-clis: $bin does not report version ${pair##*:}" >&2; exit 1; }
done
echo "$CLAUDE"
echo "$CODEX"
