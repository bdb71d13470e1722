package io.iapeer.host.install;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The program this process runs from (06 D11): its launcher script, the JDK finder next to it, and
 * its jars — from an installed version ({@code <v>/bin}, {@code <v>/lib}) or a built checkout
 * ({@code bin/}, {@code host/target/}). {@code install} copies exactly these files, so the installed
 * binary can install itself again without the source tree.
 */
public record Distribution(Path launcher, Path javaHomeScript, List<Path> jars) {
  static final String MAIN_JAR = "iapeer-host.jar";

  public static Distribution running(Layout layout) {
    Path launcher = layout.runningLauncher()
        .orElseThrow(() -> new IapException(
            "cannot tell which program to install — run it through the iapeer launcher (bin/iapeer)"));
    Path bin = launcher.toAbsolutePath().getParent();
    Path top = bin.getParent();
    Path installedLib = top.resolve("lib");
    Path jarDir = Files.isRegularFile(installedLib.resolve(MAIN_JAR)) ? installedLib : top.resolve("host/target");
    if (!Files.isRegularFile(jarDir.resolve(MAIN_JAR))) {
      throw new IapException("no built program at " + jarDir.resolve(MAIN_JAR) + " — build it first (./install.sh)");
    }
    List<Path> jars = new ArrayList<>();
    jars.add(jarDir.resolve(MAIN_JAR));
    Path deps = jarDir == installedLib ? installedLib : jarDir.resolve("lib");
    try (Stream<Path> s = Files.list(deps)) {
      s.filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().equals(MAIN_JAR))
          .sorted()
          .forEach(jars::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Distribution(launcher, bin.resolve("java-home"), List.copyOf(jars));
  }

  public long bytes() {
    long n = 0;
    for (Path p : jars) {
      try {
        n += Files.size(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return n;
  }
}
