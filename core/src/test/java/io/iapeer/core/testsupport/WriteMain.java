package io.iapeer.core.testsupport;

import io.iapeer.core.storage.AtomicFiles;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code <file> <rwx-mode> <text>}: one atomic write, then {@code done}. */
public final class WriteMain {
  private WriteMain() {}

  public static void main(String[] args) {
    AtomicFiles.write(Path.of(args[0]), args[2], PosixFilePermissions.fromString(args[1]));
    System.out.println("done");
  }
}
