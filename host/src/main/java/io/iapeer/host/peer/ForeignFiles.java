package io.iapeer.host.peer;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Files that other programs own and we edit in place (03 §3.5): {@code .mcp.json},
 * {@code .claude/settings.json}, codex's {@code config.toml}.
 */
final class ForeignFiles {
  private ForeignFiles() {}

  /** The bytes, or empty when there is no such file. */
  static Optional<byte[]> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IapException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Strict UTF-8: a file that is not text is malformed, not silently re-encoded. */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces the file atomically. A new file is 0644 (03 §3.5: other tools read it); an existing
   * one keeps its mode so a user's 0600 is never widened, and a symlinked one (dotfile managers)
   * is written at its target so the link survives.
   */
  static void write(Path file, String text) {
    try {
      boolean exists = Files.exists(file);
      Path target = exists ? file.toRealPath() : file;
      AtomicFiles.write(
          target, text, exists ? Files.getPosixFilePermissions(target) : Modes.SHARED);
    } catch (IOException e) {
      throw new IapException("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** A byte-exact copy, mode included: a backup must keep what we could not parse (03 §3.5). */
  static void backup(Path file, Path copy) {
    try {
      Files.copy(
          file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new IapException("cannot back up " + file + " to " + copy + ": " + e.getMessage());
    }
  }
}
