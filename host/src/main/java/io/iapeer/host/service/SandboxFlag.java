package io.iapeer.host.service;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Setting;

/**
 * {@code IAPEER_TEST_SANDBOX=1} in the environment a command was given or in the process's own
 * (04 §4.6): either one keeps every service manager away from the real host.
 */
final class SandboxFlag {
  private SandboxFlag() {}

  static boolean on(Env given) {
    return on(given, Env.system());
  }

  static boolean on(Env given, Env process) {
    String name = Setting.IAPEER_TEST_SANDBOX.name();
    return given.isTrue(name) || process.isTrue(name);
  }
}
