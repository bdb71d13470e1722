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
export LC_ALL=C # read -N counts bytes
t() { tmux -S "$sock" -f /dev/null "$@"; }

# The poll forks nothing, so a loaded machine slows it no more than the typist's: fd 3 reads the
# transcript from its current end (a byte there = it grew), fd 4 is a pipe nobody writes, whose
# read timeout is a sleep.
exec 3<"$transcript" 4<> <(:)
base=$(stat -c %s "$transcript")
[ "$base" -eq 0 ] || read -r -u 3 -N "$base" _
t0=${EPOCHREALTIME/./} # microseconds from bash's own clock
t load-buffer -b iap-floor "$message"
t paste-buffer -d -p -b iap-floor -t "$target"
t send-keys -t "$target" Enter
t1=${EPOCHREALTIME/./}
until read -r -u 3 -N 1 _; do
  if (( ${EPOCHREALTIME/./} - t0 > 10000000 )); then
    echo "typing-floor: $transcript did not grow within 10 s" >&2
    exit 1
  fi
  read -r -t 0.002 -u 4 _ || true
done
echo "floor_us=$(( ${EPOCHREALTIME/./} - t0 )) enter_us=$(( t1 - t0 ))"
