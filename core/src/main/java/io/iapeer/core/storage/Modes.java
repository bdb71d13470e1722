package io.iapeer.core.storage;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The file modes of 01 §7.5: directories 0700, files 0600 unless a file says otherwise. */
public final class Modes {
  public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
  /** {@code .mcp.json}, {@code IAPEER.md}, codex {@code config.toml}: read by other tools. */
  public static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

  private Modes() {}

  public static FileAttribute<Set<PosixFilePermission>> attr(Set<PosixFilePermission> mode) {
    return PosixFilePermissions.asFileAttribute(mode);
  }
}
