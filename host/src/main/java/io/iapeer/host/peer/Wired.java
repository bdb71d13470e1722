package io.iapeer.host.peer;

import java.nio.file.Path;
import java.util.List;

/**
 * One wiring run: the files that carry it (what init prints after {@code mcp:}, 04 §3.11), the ones
 * rewritten by this run, and the verbatim copies taken of malformed files before replacing them.
 */
public record Wired(List<Path> files, List<Path> changed, List<Path> backups) {
  public Wired {
    files = List.copyOf(files);
    changed = List.copyOf(changed);
    backups = List.copyOf(backups);
  }
}
