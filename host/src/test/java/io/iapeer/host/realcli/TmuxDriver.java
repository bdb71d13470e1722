package io.iapeer.host.realcli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A private tmux server for one test, driven the way the session host drives it (D1): its own
 * socket under a short /tmp folder (socket paths are length-limited), {@code -f /dev/null} so no
 * user config applies, one fixed window size so saved screens are comparable.
 */
final class TmuxDriver implements AutoCloseable {
  static final int WIDTH = 120;
  static final int HEIGHT = 40;
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

  private final Path dir;
  private final Path socket;

  TmuxDriver() {
    try {
      dir = Files.createTempDirectory(Path.of("/tmp"), "iapt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    socket = dir.resolve("s");
  }

  /**
   * Starts {@code argv} in a new session in {@code cwd} with exactly {@code env} (plus the TERM and
   * TMUX variables tmux sets). A pane whose program exits stays, so its last screen can be read,
   * and the server outlives its last session, so a restart never races the server's own exit.
   */
  void start(String session, Path cwd, Map<String, String> env, List<String> argv) {
    List<String> cmd = new ArrayList<>(List.of(
        "set-option", "-s", "exit-empty", "off", ";",
        "set-option", "-g", "remain-on-exit", "on", ";",
        "new-session", "-d", "-s", session, "-x", "" + WIDTH, "-y", "" + HEIGHT, "-c", cwd.toString()));
    // -e overrides the server's global environment, which a second session would otherwise share.
    env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
    cmd.addAll(argv);
    tmux(null, cmd);
  }

  /** The visible screen, one line per row. */
  Screen capture(String session) {
    return Screen.of(tmux(null, List.of("capture-pane", "-p", "-e", "-t", target(session))));
  }

  /** Bracketed paste, as a delivery does: the text stays one input however many lines it has. */
  void paste(String session, String text) {
    tmux(text, List.of("load-buffer", "-b", "iapt", "-"));
    tmux(null, List.of("paste-buffer", "-p", "-d", "-b", "iapt", "-t", target(session)));
  }

  void keys(String session, String... keys) {
    List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", target(session)));
    cmd.addAll(List.of(keys));
    tmux(null, cmd);
  }

  /** Ends the session and waits until its program has exited, so its files are complete. */
  void kill(String session) {
    List<ProcessHandle> programs = programs("-t", "=" + session);
    tmux(null, List.of("kill-session", "-t", "=" + session));
    awaitExit(programs);
  }

  /**
   * Ends every session and waits for their programs to exit: an agent still shutting down writes
   * into its HOME while the test's temp folder is being deleted.
   */
  @Override
  public void close() {
    try {
      List<ProcessHandle> programs = programs("-a");
      tmux(null, List.of("kill-server"));
      awaitExit(programs);
    } catch (IllegalStateException e) {
      // no server: nothing was started
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The programs in the panes (tmux ends them with SIGHUP), with their children. */
  private List<ProcessHandle> programs(String... scope) {
    List<String> cmd = new ArrayList<>(List.of("list-panes"));
    cmd.addAll(List.of(scope));
    cmd.addAll(List.of("-F", "#{pane_pid}"));
    return tmux(null, cmd).lines()
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).stream())
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .toList();
  }

  /** Waits for the programs to exit; one that ignores the hangup is killed after the wait. */
  private static void awaitExit(List<ProcessHandle> programs) {
    try {
      await("the agent programs to exit").atMost(EXIT_WAIT).pollInterval(Duration.ofMillis(50))
          .until(() -> programs.stream().noneMatch(ProcessHandle::isAlive));
    } catch (ConditionTimeoutException e) {
      programs.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static String target(String session) {
    return "=" + session + ":";
  }

  private String tmux(String stdin, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-S", socket.toString(), "-f", "/dev/null"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // The server inherits this: nothing of the test JVM's environment reaches the agents.
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8"));
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tmux " + args.get(0) + ": "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
