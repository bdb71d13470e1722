package io.iapeer.host.install;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Places a distribution as a versioned install (06 D11, 04 §3.1 step 3): the files go to
 * {@code <install dir>/<version>/} with the JDK baked into the launcher, and {@code <bin>} becomes a
 * symlink to it, replaced atomically. The link it replaces is kept as {@code <bin>.prev} (a copy:
 * the live path is never absent), which is what {@code rollback} goes back to.
 */
public final class Installer {
  static final String BAKED = "IAPEER_JAVA_HOME_BAKED=\"\"";

  private final Layout layout;
  private final Path javaHome;

  public Installer(Layout layout, Path javaHome) {
    this.layout = layout;
    this.javaHome = javaHome;
  }

  /**
   * @param unchanged the same version with the same bytes was installed and linked already
   * @param previousKept {@code <bin>.prev} now points at what {@code <bin>} pointed at before
   */
  public record Installed(Path bin, Path launcher, boolean unchanged, boolean previousKept) {}

  public Installed install(Distribution dist, String version) {
    SandboxPaths.checkInstall(layout);
    Path dest = layout.installDir().resolve(version);
    Path bin = layout.installedLauncher();
    Path launcher = dest.resolve("bin").resolve("iapeer");
    boolean sameFiles = sameFiles(dist, dest);
    if (!sameFiles) {
      place(dist, dest);
    }
    Optional<Path> before = linkTarget(bin);
    if (sameFiles && before.filter(launcher::equals).isPresent()) {
      return new Installed(bin, launcher, true, false);
    }
    boolean previousKept = false;
    if (before.isPresent() && !before.get().equals(launcher)) {
      swapLink(bin.resolveSibling("iapeer.prev"), before.get());
      previousKept = true;
    }
    swapLink(bin, launcher);
    return new Installed(bin, launcher, false, previousKept);
  }

  /** What {@code link} points at, absolute; empty when there is no link there. */
  static Optional<Path> linkTarget(Path link) {
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      Path t = Files.readSymbolicLink(link);
      return Optional.of(link.getParent().resolve(t).normalize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points {@code link} at {@code target} by renaming a fresh link over it: never absent. */
  static void swapLink(Path link, Path target) {
    try {
      Dirs.ensure(link.getParent());
      Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, target);
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IapException("cannot link " + link + " → " + target + ": " + e.getMessage(), e);
    }
  }

  private void place(Distribution dist, Path dest) {
    Path parent = dest.getParent();
    try {
      Files.createDirectories(parent);
      Path stage = Files.createTempDirectory(parent, ".stage.");
      try {
        Path bin = Files.createDirectories(stage.resolve("bin"));
        Path lib = Files.createDirectories(stage.resolve("lib"));
        for (Path jar : dist.jars()) {
          Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        Files.writeString(bin.resolve("iapeer"), baked(Files.readString(dist.launcher())));
        Files.copy(dist.javaHomeScript(), bin.resolve("java-home"));
        for (Path script : List.of(bin.resolve("iapeer"), bin.resolve("java-home"))) {
          Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path aside = dest.resolveSibling(dest.getFileName() + ".replaced");
        deleteTree(aside);
        if (Files.exists(dest)) {
          Files.move(dest, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(stage, dest, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(aside);
      } finally {
        deleteTree(stage);
      }
    } catch (IOException e) {
      throw new IapException("install failed: cannot place " + dest + ": " + e.getMessage(), e);
    }
  }

  /** The launcher with this JDK's path written in, so the install never searches for one. */
  String baked(String launcherText) {
    if (!launcherText.contains(BAKED)) {
      return launcherText; // an installed launcher: already baked
    }
    return launcherText.replace(BAKED, "IAPEER_JAVA_HOME_BAKED=\"" + javaHome + "\"");
  }

  /** The version directory holds exactly the distribution's files, byte for byte. */
  private boolean sameFiles(Distribution dist, Path dest) {
    try {
      Path lib = dest.resolve("lib");
      if (!Files.isDirectory(lib)) {
        return false;
      }
      try (Stream<Path> s = Files.list(lib)) {
        if (s.filter(p -> p.toString().endsWith(".jar")).count() != dist.jars().size()) {
          return false;
        }
      }
      for (Path jar : dist.jars()) {
        Path there = lib.resolve(jar.getFileName());
        if (!Files.exists(there) || Files.mismatch(jar, there) != -1) {
          return false;
        }
      }
      Path launcher = dest.resolve("bin").resolve("iapeer");
      return Files.exists(launcher)
          && Arrays.equals(Files.readAllBytes(launcher), baked(Files.readString(dist.launcher())).getBytes(
              java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
