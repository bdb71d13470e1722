package io.iapeer.core.storage;

import io.iapeer.core.IapException;
import java.nio.file.Path;

/**
 * Under {@code IAPEER_TEST_SANDBOX=1} a write to the real {@code $HOME/.iapeer} is refused (01
 * §14.6): a test that forgot IAPEER_ROOT fails loudly instead of editing the user's registry.
 */
public final class SandboxGuard {
  private SandboxGuard() {}

  public static void checkRegistryWrite(Layout layout) {
    if (!layout.env().isTrue(io.iapeer.core.settings.Setting.IAPEER_TEST_SANDBOX.name())) {
      return;
    }
    Path real = layout.home().resolve(".iapeer").toAbsolutePath().normalize();
    Path root = layout.root().toAbsolutePath().normalize();
    if (root.equals(real)) {
      throw new IapException(
          "refusing to write the REAL registry ("
              + layout.registryFile()
              + ") under IAPEER_TEST_SANDBOX=1 — a test/sandbox must set IAPEER_ROOT to an isolated"
              + " path");
    }
  }
}
