package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real tmux servers for one test. Sockets live in a short directory under /tmp: a unix socket path
 * holds at most 107 bytes, and JUnit's temp dirs can be deeper. {@link #close} kills every server
 * with a socket there and every client the test attached, whatever the test's outcome.
 */
final class TmuxSandbox implements AutoCloseable {
  final Path sockDir;
  final Path home;
  final Path cwd;
  final Layout layout;
  final TmuxSessionHost host;
  private final List<Process> clients = new ArrayList<>();

  TmuxSandbox(Path temp) throws IOException {
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iap");
    home = Files.createDirectories(temp.resolve("home"));
    cwd = Files.createDirectories(temp.resolve("work"));
    // TMUX as if this JVM ran inside someone's tmux: nothing of it may reach our sessions.
    layout = Layout.from(Env.of(
        "HOME", home.toString(),
        "IAPEER_ROOT", temp.resolve("root").toString(),
        "IAPEER_SOCK_DIR", sockDir.toString(),
        "TMUX", "/tmp/elsewhere,1,0",
        "TMUX_PANE", "%9"));
    host = new TmuxSessionHost(layout);
  }

  /** A small composed environment whose HOME is the sandbox's. */
  Map<String, String> env() {
    return Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
  }

  SessionSpec spec(Identity id, String... argv) {
    return new SessionSpec(id, cwd, List.of(argv), env());
  }

  Path socket(Identity id) {
    return sockDir.resolve(id.socketFileName());
  }

  /** tmux on the identity's socket, outside the class under test; returns stdout. */
  String tmux(Identity id, String... args) {
    return tmux(socket(id), args);
  }

  private static String tmux(Path socket, String... args) {
    List<String> argv = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
    argv.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A control-mode client attached to the session: what list-clients sees as someone watching. */
  Process attachClient(Identity id) throws IOException {
    Process p = new ProcessBuilder("tmux", "-S", socket(id).toString(), "-C", "attach", "-t", "=" + id.address())
        .redirectErrorStream(true)
        .start();
    clients.add(p);
    return p;
  }

  @Override
  public void close() throws IOException {
    clients.forEach(Process::destroyForcibly);
    try (DirectoryStream<Path> socks = Files.newDirectoryStream(sockDir, "*.sock")) {
      for (Path sock : socks) {
        tmux(sock, "kill-server");
      }
    }
    try (Stream<Path> walk = Files.walk(sockDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
