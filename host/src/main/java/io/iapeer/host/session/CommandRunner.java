package io.iapeer.host.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one short-lived command to completion and captures what it printed. Every tmux call goes
 * through this seam, so one timeout bounds them all: a hung tmux must not hang the daemon.
 */
public interface CommandRunner {
  Result run(Command command);

  /**
   * @param env the complete process environment; empty inherits this JVM's
   * @param stdin written to the command's standard input, which is then closed
   */
  record Command(List<String> argv, Optional<Map<String, String>> env, String stdin) {
    public Command {
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("a command needs at least the program");
      }
      argv = List.copyOf(argv);
      env = env.map(Map::copyOf);
    }

    public static Command of(List<String> argv) {
      return new Command(argv, Optional.empty(), "");
    }
  }

  /** A command that could not be run or did not finish in time has {@link #exit} {@code -1}. */
  record Result(int exit, String out, String err) {
    public boolean ok() {
      return exit == 0;
    }

    /** What a failure message shows: stderr when there is any, else the exit code (03 §5 step 3). */
    public String failure() {
      String e = err.strip();
      return e.isEmpty() ? "exit " + exit : e;
    }
  }
}
