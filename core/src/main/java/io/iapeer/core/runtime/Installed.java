package io.iapeer.core.runtime;

import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Layout;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether an agentic runtime is installed on this host (01 §12.2, 06 D8): any hit counts —
 * {@code IAPEER_<RT>_BIN} set, {@code ~/.local/bin/<rt>} executable, the name on PATH, or the
 * runtime's config folder {@code ~/.<rt>}.
 *
 * <p>Unlike the reference, IAPEER_TEST_SANDBOX does not make every runtime "installed": tests point
 * IAPEER_CLAUDE_BIN / IAPEER_CODEX_BIN / PATH at stand-ins, so "not installed" stays testable.
 */
public final class Installed {
  private Installed() {}

  public static boolean isInstalled(Layout layout, String runtime) {
    if (layout.env().get("IAPEER_" + runtime.toUpperCase(Locale.ROOT) + "_BIN").isPresent()) {
      return true;
    }
    if (Files.isExecutable(layout.home().resolve(".local").resolve("bin").resolve(runtime))) {
      return true;
    }
    if (onPath(layout, runtime)) {
      return true;
    }
    return Files.isDirectory(layout.home().resolve("." + runtime));
  }

  /** The installed agentic runtimes in preference order (claude first). */
  public static List<String> agentic(Layout layout) {
    return Runtimes.AGENTIC.stream().filter(rt -> isInstalled(layout, rt)).toList();
  }

  /** The absolute path of {@code name} on the environment's PATH, if executable there. */
  public static java.util.Optional<Path> which(Layout layout, String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return p.isAbsolute() && Files.isExecutable(p) && !Files.isDirectory(p)
          ? java.util.Optional.of(p)
          : java.util.Optional.empty();
    }
    for (String dir : layout.env().raw("PATH").orElse("").split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return java.util.Optional.of(candidate.toAbsolutePath());
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean onPath(Layout layout, String name) {
    return which(layout, name).isPresent();
  }
}
