package io.iapeer.host.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temp dirs on tmpfs when there is one: every CLI write is fsynced, and on a disk that costs far
 * more than the test itself. Falls back to the default temp dir where /dev/shm is missing or
 * mounted noexec (the sandbox's runtime stand-ins must count as executable).
 */
final class FastTempDir implements TempDirFactory {
  private static final Path SHM = Path.of("/dev/shm");
  private static final boolean USABLE = usable();

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
    return USABLE ? Files.createTempDirectory(SHM, "iapeer-cli-") : Files.createTempDirectory("iapeer-cli-");
  }

  private static boolean usable() {
    if (!Files.isDirectory(SHM) || !Files.isWritable(SHM)) {
      return false;
    }
    try {
      Path probe = Files.createTempFile(SHM, "iapeer-probe-", "");
      try {
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
        return Files.isExecutable(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
