package io.iapeer.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recursive directory creation where every created level is 0700; existing ones are not chmod-ed. */
public final class Dirs {
  private Dirs() {}

  public static Path ensure(Path dir) {
    try {
      Path abs = dir.toAbsolutePath();
      if (Files.isDirectory(abs)) {
        return dir;
      }
      Path parent = abs.getParent();
      if (parent != null) {
        ensure(parent);
      }
      try {
        Files.createDirectory(abs, Modes.attr(Modes.DIR));
        // createDirectory applies the umask; set the mode exactly.
        Files.setPosixFilePermissions(abs, Modes.DIR);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(abs)) {
          throw e;
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
