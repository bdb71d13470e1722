#!/bin/sh
# The fake `claude` / `codex` for tests (03 §11), written by FakeAgentInstall with the JDK and class
# path of the test run baked in. The name it is invoked by picks the flavor.
FAKE_AGENT_ARGV0=$0
export FAKE_AGENT_ARGV0
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp @CLASSPATH@ io.iapeer.host.fakeagent.FakeAgent "$@"
if [ -z "$FAKE_AGENT_KILL_SIGNAL" ]; then
  # exec: the JVM is the pane's process, so tmux's SIGHUP and a test's SIGTERM reach it directly
  exec @JAVA@ "$@"
fi
# A JVM cannot die of a signal (it turns SEGV into an abort and TERM into an exit code), so for
# FAKE_AGENT_KILL_SIGNAL the agent exits 86 and this shell, the pane's process, dies of the signal.
@JAVA@ "$@"
rc=$?
if [ "$rc" -eq 86 ]; then
  ulimit -c 0
  kill -s "$FAKE_AGENT_KILL_SIGNAL" $$
fi
exit "$rc"
