package io.iapeer.core.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Folder identity: one personality belongs to one folder (01 §11, §18). */
public final class Folders {
  private Folders() {}

  /**
   * The canonical real path, or the absolute normalized path when the folder does not exist (so
   * {@code /tmp/x} and a symlinked spelling of it compare equal when both resolve).
   */
  public static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  /** Case-sensitive on Linux; macOS folds case because APFS does by default (01 §18). */
  public static boolean same(Path a, Path b) {
    String x = canonical(a).toString();
    String y = canonical(b).toString();
    return isMac() ? x.equalsIgnoreCase(y) : x.equals(y);
  }

  private static boolean isMac() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
  }
}
