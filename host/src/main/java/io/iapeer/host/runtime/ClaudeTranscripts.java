package io.iapeer.host.runtime;

import io.iapeer.core.storage.Folders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Claude Code keeps a folder's conversations (03 §3.2, real-runtimes.md):
 * {@code $HOME/.claude/projects/<slug>/<session-uuid>.jsonl}, sub-agents under
 * {@code <entry>/subagents/}.
 */
final class ClaudeTranscripts {
  /** Child activity this recent already keeps a peer awake; looking further is wasted work. */
  private static final Duration FRESH = Duration.ofSeconds(60);

  private static final int SUBAGENT_DEPTH = 4;

  private final Path projects;
  private final Clock clock;

  ClaudeTranscripts(Path home, Clock clock) {
    this.projects = home.resolve(".claude").resolve("projects");
    this.clock = clock;
  }

  /**
   * The real path of {@code cwd} (as given if it cannot be resolved) with every UTF-16 unit outside
   * {@code [A-Za-z0-9]} replaced by {@code -}: {@code /tmp/h/proj} → {@code -tmp-h-proj}.
   */
  static String slug(Path cwd) {
    // Per UTF-16 unit, as the CLI's JavaScript does: an emoji (two units) becomes "--".
    char[] units = Folders.canonical(cwd).toString().toCharArray();
    for (int i = 0; i < units.length; i++) {
      char c = units[i];
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      units[i] = keep ? c : '-';
    }
    return new String(units);
  }

  Path dir(Path cwd) {
    return projects.resolve(slug(cwd));
  }

  List<Path> files(Path cwd) {
    return TranscriptFiles.in(dir(cwd));
  }

  Optional<Path> newest(Path cwd) {
    return TranscriptFiles.newest(files(cwd));
  }

  /**
   * The newest mtime of a sub-agent transcript of any entry of the folder's dir; stops at the first
   * one younger than a minute.
   */
  Optional<Instant> childActivity(Path cwd) {
    Instant fresh = clock.instant().minus(FRESH);
    Optional<Instant> newest = Optional.empty();
    for (Path entry : TranscriptFiles.entries(dir(cwd))) {
      for (Path file : TranscriptFiles.under(entry.resolve("subagents"), SUBAGENT_DEPTH)) {
        Optional<Instant> t = TranscriptFiles.mtime(file);
        if (t.isPresent() && (newest.isEmpty() || t.get().isAfter(newest.get()))) {
          newest = t;
        }
        if (newest.isPresent() && newest.get().isAfter(fresh)) {
          return newest;
        }
      }
    }
    return newest;
  }
}
