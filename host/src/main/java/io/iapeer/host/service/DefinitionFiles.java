package io.iapeer.host.service;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What every manager does with its definition files (04 §4.1, §4.2.2). */
final class DefinitionFiles {
  private DefinitionFiles() {}

  /**
   * Writes {@code text} at {@code path}, mode 0644, unless the bytes are already there (rewriting
   * identical bytes makes macOS notify the user of a new background item). A file without our
   * marker is refused before anything is touched.
   */
  static boolean writeIfChanged(Path path, String text, Predicate<Path> owned, Supplier<String> foreign) {
    byte[] want = text.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(path)) {
      if (!owned.test(path)) {
        throw new ForeignDefinition(foreign.get());
      }
      if (Arrays.equals(read(path), want)) {
        return false;
      }
    }
    AtomicFiles.write(path, text, Modes.SHARED);
    return true;
  }

  /**
   * The text of a definition, for finding an ASCII marker: read as Latin-1 so no byte sequence
   * fails to decode. Absent or unreadable is empty, which carries no marker.
   */
  static String markerText(Path path) {
    try {
      return Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /**
   * Creates the directories of a job's logs (0700), so its first start can open them — except,
   * under the sandbox, inside the real {@code ~/.iapeer} (04 §4.6).
   */
  static void ensureLogDirs(Layout layout, ServiceSpec spec, boolean sandbox) {
    Path real = layout.home().resolve(".iapeer").toAbsolutePath().normalize();
    for (Path log : new Path[] {spec.stdout(), spec.stderr()}) {
      Path dir = log.toAbsolutePath().normalize().getParent();
      if (dir != null && !(sandbox && dir.startsWith(real))) {
        Dirs.ensure(dir);
      }
    }
  }

  static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
