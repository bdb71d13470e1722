package io.iapeer.core.storage;

import io.iapeer.core.IapException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

/**
 * Durable replace of a whole file: temp in the same directory, fsync, rename (01 §8). A reader sees
 * the old or the new content, never a partial file, and no temp file is left behind.
 */
public final class AtomicFiles {
  static final String REGISTRY_NAME = "peers-profiles.json";

  private AtomicFiles() {}

  public static void write(Path target, String text) {
    write(target, text, Modes.PRIVATE);
  }

  public static void write(Path target, String text, Set<PosixFilePermission> mode) {
    if (target.getFileName() != null && REGISTRY_NAME.equals(target.getFileName().toString())) {
      throw new IapException(
          "refusing to write peers-profiles.json via storage.writeFileAtomic — it is the registry's"
              + " locked write target; use upsert/remove/rename");
    }
    writeUnguarded(target, text, mode, null);
  }

  /** With an explicit temp directory, which must be on the target's filesystem. */
  public static void write(Path target, String text, Set<PosixFilePermission> mode, Path tmpDir) {
    if (target.getFileName() != null && REGISTRY_NAME.equals(target.getFileName().toString())) {
      throw new IapException(
          "refusing to write peers-profiles.json via storage.writeFileAtomic — it is the registry's"
              + " locked write target; use upsert/remove/rename");
    }
    writeUnguarded(target, text, mode, tmpDir);
  }

  /** The registry's private writer calls this, under the registry lock only. */
  public static void writeRegistry(Path target, String text) {
    writeUnguarded(target, text, Modes.PRIVATE, null);
  }

  private static void writeUnguarded(
      Path target, String text, Set<PosixFilePermission> mode, Path tmpDir) {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    Dirs.ensure(parent);
    Path dir = tmpDir == null ? parent : Dirs.ensure(tmpDir.toAbsolutePath());
    Path tmp =
        dir.resolve(
            "." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + UUID.randomUUID()
                + ".tmp");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      Files.createFile(tmp, Modes.attr(mode));
      // java.io, not an NIO channel: an interrupt (a pass stopped at shutdown) must not cut a write
      try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
        out.write(bytes);
        out.getFD().sync();
      }
      // The umask may have narrowed the mode at creation; set it exactly.
      Files.setPosixFilePermissions(tmp, mode);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDir(parent);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort (01 §8: recommended, not required); some filesystems refuse it.
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // nothing more to do: the original failure is what the caller needs to see
    }
  }
}
