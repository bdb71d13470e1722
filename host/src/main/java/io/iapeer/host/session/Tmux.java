package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.session.CommandRunner.Command;
import io.iapeer.host.session.CommandRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tmux client of one server socket. Every server is started with {@code -f /dev/null} so a
 * user's {@code ~/.tmux.conf} cannot change our sessions (06 D1); {@code -S} comes first so the
 * command line of a hung server still starts with {@code tmux -S <sock> } (03 §5 step 2).
 */
record Tmux(CommandRunner runner, Path socket) {
  static final String PROGRAM = "tmux";

  /** The exact-name target of a session: no prefix match onto {@code claude-bob2}. */
  static String session(Identity id) {
    return "=" + id.address();
  }

  /** The active pane of a session; pane and window commands refuse the bare {@code =name} form. */
  static String pane(Identity id) {
    return "=" + id.address() + ":";
  }

  Result run(String... args) {
    return run(List.of(args));
  }

  Result run(List<String> args) {
    return call(Optional.empty(), "", List.of(args));
  }

  /** Commands in one client call with {@code stdin} as its input ({@code load-buffer -}). */
  Result input(String stdin, List<List<String>> commands) {
    return call(Optional.empty(), stdin, commands);
  }

  /** Several commands in one client call, run in order by the server; a failure stops the rest. */
  Result sequence(List<List<String>> commands) {
    return call(Optional.empty(), "", commands);
  }

  /** A sequence run with exactly {@code env}, which a server it starts inherits. */
  Result sequence(Map<String, String> env, List<List<String>> commands) {
    return call(Optional.of(env), "", commands);
  }

  Result require(String... args) {
    return require(List.of(args));
  }

  /** Runs the command; a failure throws {@link TmuxException} named after its first word. */
  Result require(List<String> args) {
    Result r = run(args);
    if (!r.ok()) {
      throw new TmuxException(args.getFirst(), r.failure());
    }
    return r;
  }

  private Result call(Optional<Map<String, String>> env, String stdin, List<List<String>> commands) {
    return runner.run(new Command(argv(commands), env, stdin));
  }

  /** The client's command line before its commands. */
  List<String> client() {
    return List.of(PROGRAM, "-S", socket.toString(), "-f", "/dev/null");
  }

  private List<String> argv(List<List<String>> commands) {
    List<String> argv = new ArrayList<>(client());
    for (int i = 0; i < commands.size(); i++) {
      if (i > 0) {
        argv.add(";");
      }
      commands.get(i).stream().map(Tmux::literal).forEach(argv::add);
    }
    return argv;
  }

  /**
   * tmux reads an argument that ends in {@code ;} as the end of a command (and {@code \;} as a
   * literal {@code ;}), even in a pane's argv or {@code send-keys -l} text; escaping that last
   * {@code ;} passes every argument through unchanged.
   */
  static String literal(String arg) {
    return arg.endsWith(";") ? arg.substring(0, arg.length() - 1) + "\\;" : arg;
  }
}
