package io.iapeer.host.runtime;

import io.iapeer.core.storage.Folders;
import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Codex's recorded sessions (03 §3.3): date-nested {@code *.jsonl} under
 * {@code $CODEX_HOME/sessions} (else {@code ~/.codex/sessions}). A file belongs to a folder when
 * its first line is a {@code session_meta} record whose {@code payload.cwd} is that folder (real
 * paths compared).
 */
final class CodexSessions {
  /** Deeper than {@code YYYY/MM/DD/rollout-….jsonl}, shallow enough to stay cheap. */
  private static final int DEPTH = 8;

  private final Path root;
  private final int firstWindow;

  /** A file's session folder never changes once written, so a parsed first line is kept. */
  private final Map<Path, Path> sessionCwd = new ConcurrentHashMap<>();

  CodexSessions(Path root) {
    this(root, LastTimestamp.WINDOW);
  }

  CodexSessions(Path root, int firstWindow) {
    this.root = root;
    this.firstWindow = firstWindow;
  }

  /** The session files recorded for {@code cwd}. */
  List<Path> files(Path cwd) {
    Path want = Folders.canonical(cwd);
    return TranscriptFiles.under(root, DEPTH).stream()
        .filter(f -> sessionCwd(f).filter(want::equals).isPresent())
        .toList();
  }

  private Optional<Path> sessionCwd(Path file) {
    Path cached = sessionCwd.get(file);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Path> parsed = firstLine(file).flatMap(CodexSessions::metaCwd);
    parsed.ifPresent(cwd -> sessionCwd.put(file, cwd));
    return parsed;
  }

  private static Optional<Path> metaCwd(String line) {
    try {
      JsonNode meta = Json.parse(line);
      JsonNode cwd = meta.path("payload").path("cwd");
      if (!"session_meta".equals(meta.path("type").asString("")) || !cwd.isString()) {
        return Optional.empty();
      }
      return Optional.of(Folders.canonical(Path.of(cwd.stringValue())));
    } catch (JacksonException | InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The first line, read through a window that doubles until it holds a newline or the whole file:
   * a {@code session_meta} line carries the instructions and can be tens of KB.
   */
  private Optional<String> firstLine(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long window = firstWindow; ; window *= 2) {
        long want = Math.min(window, size);
        byte[] head = TranscriptFiles.read(ch, 0, want);
        int nl = indexOf(head, (byte) '\n');
        if (nl >= 0 || want == size || head.length < want) {
          int end = nl >= 0 ? nl : head.length;
          return Optional.of(new String(head, 0, end, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
