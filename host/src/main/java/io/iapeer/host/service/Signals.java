package io.iapeer.host.service;

import io.iapeer.host.session.CommandRunner;
import io.iapeer.host.session.CommandRunner.Command;
import io.iapeer.host.session.ProcessCommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * POSIX signals, both ways. Java can only send SIGTERM and SIGKILL to single processes, so sending
 * goes through {@code kill(1)}, which also reaches a whole process group ({@code -pgid}). Receiving
 * uses {@code sun.misc.Signal} (module jdk.unsupported, on the class path of JDK 21 and 25 alike):
 * a trapped HUP, TERM or INT replaces the JVM's default of running shutdown hooks and exiting.
 */
public final class Signals {
  private final CommandRunner runner;

  public Signals() {
    this(new ProcessCommandRunner(Duration.ofSeconds(5)));
  }

  public Signals(CommandRunner runner) {
    this.runner = runner;
  }

  /** Sends {@code signal} ({@code HUP}, {@code TERM}, {@code KILL}) to one process. */
  public boolean send(String signal, long pid) {
    return runner.run(Command.of(List.of("kill", "-s", signal, "--", Long.toString(pid)))).ok();
  }

  /** Sends {@code signal} to every process of the group {@code pgid}; an empty group is no error. */
  public boolean sendGroup(String signal, long pgid) {
    return runner.run(Command.of(List.of("kill", "-s", signal, "--", "-" + pgid))).ok();
  }

  /** Calls {@code handler} with the signal's name (HUP, TERM, INT) whenever one of them arrives. */
  public static void trap(List<String> names, Consumer<String> handler) {
    for (String name : names) {
      Signal.handle(new Signal(name), s -> handler.accept(s.getName()));
    }
  }
}
