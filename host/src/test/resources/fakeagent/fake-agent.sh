#!/bin/sh
# The fake `claude` / `codex` for tests (03 §11), written by FakeAgentInstall with the JDK and class
# path of the test run baked in. The name it is invoked by picks the flavor.
FAKE_AGENT_ARGV0=$0
export FAKE_AGENT_ARGV0
# A JVM decodes argv, the environment and file names by the locale, so without a UTF-8 one a
# non-ASCII folder would be mangled where the real CLIs take it as is. The agent records and
# hands on the caller's own LC_ALL.
case "${LC_ALL:-${LC_CTYPE:-$LANG}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  *)
    FAKE_AGENT_LC_ALL_WAS=${LC_ALL-unset}
    LC_ALL=C.UTF-8
    export FAKE_AGENT_LC_ALL_WAS LC_ALL
    ;;
esac
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
