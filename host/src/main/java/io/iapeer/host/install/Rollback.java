package io.iapeer.host.install;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points {@code <bin>} back at {@code <bin>.prev} (04 §3.3, 06 D11): exactly one level deep — the
 * previous version's directory is still there because install keeps every version it replaced.
 */
public final class Rollback {
  private Rollback() {}

  /** Returns the launcher {@code <bin>} points at now. */
  public static Path toPrevious(Layout layout) {
    SandboxPaths.checkInstall(layout);
    Path bin = layout.installedLauncher();
    Path prev = bin.resolveSibling("iapeer.prev");
    Path target = Installer.linkTarget(prev)
        .orElseThrow(() -> new IapException(
            "rollback failed: no previous binary at " + prev + " — nothing to roll back to"));
    if (!Files.isExecutable(target)) {
      throw new IapException("rollback failed: the previous binary " + target + " is gone — nothing to roll back to");
    }
    Installer.swapLink(bin, target);
    return target;
  }
}
