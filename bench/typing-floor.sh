#!/usr/bin/env bash
# Floor of the typing-latency benchmark: the bare tmux work of typing one message into a live
# Claude Code session — load-buffer, bracketed paste, Enter — and nothing else, until the
# session's transcript file grows. No check that the paste showed, that Enter took, or what was
# written: the least any typist must do. bench/typing-latency.sh runs it between its own messages.
# Prints `floor_us=N enter_us=M`: from before load-buffer to the growth seen, and to Enter sent.
# Exit 1 when the file did not grow within 10 s.
# Usage: bench/typing-floor.sh SOCKET TARGET TRANSCRIPT MESSAGE_FILE
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: typing-floor.sh SOCKET TARGET TRANSCRIPT MESSAGE_FILE" >&2; exit 2; }
sock=$1 target=$2 transcript=$3 message=$4
t() { tmux -S "$sock" -f /dev/null "$@"; }

base=$(stat -c %s "$transcript")
t0=${EPOCHREALTIME/./}  # microseconds from bash's own clock: no fork on the timed path
t load-buffer -b iap-floor "$message"
t paste-buffer -d -p -b iap-floor -t "$target"
t send-keys -t "$target" Enter
t1=${EPOCHREALTIME/./}
# Polls every 5 ms: finer than the typist's own ticks, so the floor is never slowed by its poll.
while (( $(stat -c %s "$transcript") <= base )); do
  (( ${EPOCHREALTIME/./} - t0 < 10000000 )) || { echo "typing-floor: $transcript did not grow within 10 s" >&2; exit 1; }
  sleep 0.005
done
echo "floor_us=$(( ${EPOCHREALTIME/./} - t0 )) enter_us=$(( t1 - t0 ))"
