package io.iapeer.host.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every live process whose environment names a test's IAPEER_ROOT (Linux {@code /proc}): what a
 * test started through a service host — the host, its jobs, their tmux servers and panes — carries
 * that root in its environment whoever its parent is, so nothing of it escapes the count or the
 * cleanup. Zombies have no environment left and do not count.
 */
public final class RootProcesses {
  private RootProcesses() {}

  public static List<ProcessHandle> of(Path root) {
    byte[] needle = ("IAPEER_ROOT=" + root + "\0").getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
          .filter(p -> contains(read(p.resolve("environ")), needle))
          .flatMap(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).stream())
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** SIGKILLs them all and waits until they are gone. */
  public static void killAll(Path root) {
    List<ProcessHandle> left = of(root);
    left.forEach(ProcessHandle::destroyForcibly);
    await().atMost(Duration.ofSeconds(20)).until(() -> left.stream().noneMatch(ProcessHandle::isAlive));
  }

  private static byte[] read(Path environ) {
    try {
      return Files.readAllBytes(environ);
    } catch (IOException e) {
      return new byte[0]; // gone meanwhile, or not ours to read
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (i > 0 && hay[i - 1] != 0) {
        continue; // only at the start of a NAME=value entry
      }
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
