package io.iapeer.host.fakeagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One private tmux server holding one pane, driven the way the launcher drives a session (03 §5,
 * §7): {@code -f /dev/null} so no user config applies, a socket under a short /tmp dir (socket
 * paths are limited to ~107 bytes), and {@code remain-on-exit} so a test can read how the agent
 * ended.
 */
final class TmuxPane implements AutoCloseable {
  private static final String SESSION = "fa";

  private final Path dir;
  private final Path socket;
  private final Map<String, String> env;

  /** {@code env} is the whole environment of the server, and so of the pane's process. */
  TmuxPane(Map<String, String> env) {
    try {
      this.dir = Files.createTempDirectory(Path.of("/tmp"), "fa");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.socket = dir.resolve("s");
    this.env = Map.copyOf(env);
  }

  void start(Path cwd, List<String> argv) {
    List<String> cmd = new ArrayList<>(List.of(
        "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
        "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", "-c", cwd.toString()));
    cmd.addAll(argv);
    tmux(null, cmd.toArray(String[]::new));
  }

  String screen() {
    return tmux(null, "capture-pane", "-p", "-t", SESSION);
  }

  /** The screen with its SGR sequences, as the busy-composer check reads ghost text. */
  String styledScreen() {
    return tmux(null, "capture-pane", "-p", "-e", "-t", SESSION);
  }

  /**
   * The screen with the pane's history above it: tmux scrolls a dead pane's screen up by one line
   * to print "Pane is dead", which can push an exit message off the visible screen.
   */
  String scrollback() {
    return tmux(null, "capture-pane", "-p", "-S", "-", "-t", SESSION);
  }

  void keys(String... keys) {
    List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    cmd.addAll(List.of(keys));
    tmux(null, cmd.toArray(String[]::new));
  }

  void type(String literal) {
    tmux(null, "send-keys", "-t", SESSION, "-l", literal);
  }

  /** A bracketed paste through a tmux buffer, as warm delivery does it (03 §7.1). */
  void paste(String text) {
    tmux(text, "load-buffer", "-b", "fa-paste", "-");
    tmux(null, "paste-buffer", "-p", "-d", "-b", "fa-paste", "-t", SESSION);
  }

  /**
   * How the pane's process ended — {@code "exit N"} or {@code "signal N"} — or null while it runs.
   * tmux 3.3a with libutempter can miss the SIGCHLD of a pane (tmux issue #311): the pane reads as
   * dead with neither status nor signal, its process a zombie. A SIGCHLD sent to the server makes
   * it reap the zombie; the next poll then sees the status.
   */
  String ended() {
    String[] f = tmux(null, "display-message", "-p", "-t", SESSION, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}")
        .strip().split("\\|", -1);
    if (!f[0].equals("1")) {
      return null;
    }
    if (f[1].isEmpty() && f[2].isEmpty()) {
      run(null, List.of("kill", "-s", "CHLD", tmux(null, "display-message", "-p", "#{pid}").strip()));
      return null;
    }
    return f[1].isEmpty() ? "signal " + f[2] : "exit " + f[1];
  }

  long panePid() {
    return Long.parseLong(tmux(null, "display-message", "-p", "-t", SESSION, "#{pane_pid}").strip());
  }

  @Override
  public void close() {
    try {
      run(null, List.of("tmux", "-S", socket.toString(), "kill-server"));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private String tmux(String stdin, String... args) {
    // -u: the screen is UTF-8 even when the test leaves the locale out of the environment
    List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-f", "/dev/null", "-S", socket.toString()));
    cmd.addAll(List.of(args));
    Result r = run(stdin, cmd);
    if (r.code() != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": exit " + r.code() + ": " + r.err());
    }
    return r.out();
  }

  private record Result(int code, String out, String err) {}

  private Result run(String stdin, List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("tmux did not answer: " + cmd);
      }
      return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
