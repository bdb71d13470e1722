package io.iapeer.host.runtime;

import io.iapeer.core.runtime.Installed;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which program an agent runtime runs (06 D8): {@code IAPEER_<RT>_BIN}, else
 * {@code ~/.local/bin/<name>} if executable (the CLIs' own installers put them there, often off a
 * service's PATH), else the name on PATH. {@code CLAUDE_BIN}/{@code CODEX_BIN} are not read.
 */
final class AgentBinary {
  private AgentBinary() {}

  static Optional<String> resolve(Layout layout, String name) {
    Optional<String> pinned = layout.env().get("IAPEER_" + name.toUpperCase(Locale.ROOT) + "_BIN");
    if (pinned.isPresent()) {
      return pinned;
    }
    Path local = layout.home().resolve(".local").resolve("bin").resolve(name);
    if (Files.isExecutable(local) && !Files.isDirectory(local)) {
      return Optional.of(local.toString());
    }
    return Installed.which(layout, name).map(Path::toString);
  }
}
