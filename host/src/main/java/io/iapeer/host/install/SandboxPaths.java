package io.iapeer.host.install;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Setting;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;

/**
 * Under {@code IAPEER_TEST_SANDBOX=1} install, rollback and uninstall refuse the machine's real
 * binary and root (04 §4.6): a test must name isolated paths explicitly, so a forgotten variable
 * fails loudly instead of replacing the user's iapeer.
 */
final class SandboxPaths {
  private SandboxPaths() {}

  static void checkInstall(Layout layout) {
    if (!sandboxed(layout)) {
      return;
    }
    Path bin = layout.installedLauncher();
    if (layout.env().get(Setting.IAPEER_BIN_DIR.name()).isEmpty() || isReal(bin, ".local/bin/iapeer")) {
      throw new IapException("refusing to overwrite the REAL prod binary (" + bin
          + ") under IAPEER_TEST_SANDBOX=1 — set IAPEER_BIN_DIR to an isolated path");
    }
    if (layout.env().get(Setting.IAPEER_INSTALL_DIR.name()).isEmpty()
        || isReal(layout.installDir(), ".local/share/iapeer")) {
      throw new IapException("refusing to install into the REAL " + layout.installDir()
          + " under IAPEER_TEST_SANDBOX=1 — set IAPEER_INSTALL_DIR to an isolated path");
    }
  }

  static void checkRoot(Layout layout) {
    if (sandboxed(layout) && (!layout.explicitRoot() || isReal(layout.root(), ".iapeer"))) {
      throw new IapException("refusing to remove the REAL " + layout.root()
          + " under IAPEER_TEST_SANDBOX=1 — set IAPEER_ROOT to an isolated path");
    }
  }

  private static boolean sandboxed(Layout layout) {
    return layout.env().isTrue(Setting.IAPEER_TEST_SANDBOX.name())
        || "1".equals(System.getenv(Setting.IAPEER_TEST_SANDBOX.name()));
  }

  /** The path is the machine user's own {@code ~/<relative>}, whatever HOME says. */
  private static boolean isReal(Path p, String relative) {
    Path real = Path.of(System.getProperty("user.home")).resolve(relative);
    return p.toAbsolutePath().normalize().equals(real.toAbsolutePath().normalize());
  }
}
