package io.iapeer.host.fakeagent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Installs the fake agent (03 §11) into a bin dir for a test: a {@code fake-agent} launcher that
 * runs {@link FakeAgent} on this JVM with this test run's class path, and {@code claude} and
 * {@code codex} symlinks to it (the invoked name picks the flavor). Point {@code IAPEER_CLAUDE_BIN}
 * / {@code IAPEER_CODEX_BIN} at the links, or put the dir on PATH.
 */
public final class FakeAgentInstall {
  /** The installed executables. */
  public record Installed(Path claude, Path codex, Path launcher) {}

  private FakeAgentInstall() {}

  /** Writes (or rewrites) the launcher and both links in {@code binDir}, creating it if needed. */
  public static Installed into(Path binDir) {
    try {
      Files.createDirectories(binDir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // absolute entries: the agent runs in the peer's folder, not in the test's working dir
      String classPath =
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(e -> !e.isEmpty())
              .map(e -> Path.of(e).toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator));
      String script = template().replace("@JAVA@", quote(java)).replace("@CLASSPATH@", quote(classPath));
      Path launcher = binDir.resolve("fake-agent");
      Files.writeString(launcher, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new Installed(link(binDir, "claude"), link(binDir, "codex"), launcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path link(Path binDir, String name) throws IOException {
    Path link = binDir.resolve(name);
    Files.deleteIfExists(link);
    return Files.createSymbolicLink(link, Path.of("fake-agent"));
  }

  private static String template() throws IOException {
    try (InputStream in = FakeAgentInstall.class.getResourceAsStream("/fakeagent/fake-agent.sh")) {
      if (in == null) {
        throw new IOException("fakeagent/fake-agent.sh is missing from the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One shell word: single quotes, with each embedded quote closed, escaped and reopened. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
