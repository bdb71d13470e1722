package io.iapeer.host.realcli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where the real agent CLIs are: {@code IAPEER_TEST_CLAUDE_BIN} / {@code IAPEER_TEST_CODEX_BIN},
 * else the cache {@code dev/install-agent-clis.sh} fills ({@code IAPEER_AGENT_CLI_CACHE}, default
 * {@code ~/.cache/iapeer/agent-clis}). Only reads the real HOME to find that cache.
 */
public final class RealClis {
  private RealClis() {}

  public static Path claude() {
    return bin("IAPEER_TEST_CLAUDE_BIN", "claude");
  }

  static Path codex() {
    return bin("IAPEER_TEST_CODEX_BIN", "codex");
  }

  /** Skips the calling test when a CLI is absent; CI runs the install script first, so it is not. */
  static void assumeInstalled() {
    for (Path bin : new Path[] {claude(), codex()}) {
      assumeTrue(Files.isExecutable(bin),
          "real agent CLI not installed at " + bin + " — run dev/install-agent-clis.sh (needs the npm registry)");
    }
  }

  /**
   * PATH for an agent's environment: the system folders plus node's (the codex launcher is a node
   * script), and never the test machine's own agent CLIs.
   */
  public static String path() {
    Set<String> dirs = new LinkedHashSet<>();
    Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "node")))
        .findFirst()
        .ifPresent(dirs::add);
    dirs.addAll(Arrays.asList("/usr/local/bin", "/usr/bin", "/bin"));
    return String.join(File.pathSeparator, dirs);
  }

  private static Path bin(String override, String name) {
    String explicit = System.getenv(override);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String cache = System.getenv("IAPEER_AGENT_CLI_CACHE");
    Path dir = cache != null && !cache.isBlank()
        ? Path.of(cache)
        : Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")), ".cache/iapeer/agent-clis");
    return dir.resolve("node_modules/.bin").resolve(name);
  }
}
