package io.iapeer.host.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test cleanup for the tmux servers a test started under its own socket dir: kill each server, wait
 * for the programs in its panes (and their children, which may still write into the test's HOME)
 * to exit, then remove the sockets and the dir.
 */
public final class TmuxServers {
  private TmuxServers() {}

  public static void killAll(Path sockDir) throws IOException, InterruptedException {
    if (sockDir == null || !Files.isDirectory(sockDir)) {
      return;
    }
    try (Stream<Path> socks = Files.list(sockDir)) {
      for (Path s : socks.toList()) {
        List<ProcessHandle> programs = panePrograms(s);
        new ProcessBuilder("tmux", "-S", s.toString(), "kill-server").start().waitFor();
        programs.forEach(ProcessHandle::destroy);
        await().atMost(Duration.ofSeconds(20)).until(() -> programs.stream().noneMatch(ProcessHandle::isAlive));
        Files.deleteIfExists(s);
      }
    }
    Files.deleteIfExists(sockDir);
  }

  private static List<ProcessHandle> panePrograms(Path socket) throws IOException {
    Process list = new ProcessBuilder("tmux", "-S", socket.toString(), "list-panes", "-a", "-F", "#{pane_pid}").start();
    return new String(list.getInputStream().readAllBytes()).lines()
        .filter(l -> !l.isBlank())
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())).stream())
        .flatMap(ph -> Stream.concat(Stream.of(ph), ph.descendants()))
        .toList();
  }
}
