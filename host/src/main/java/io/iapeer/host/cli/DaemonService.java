package io.iapeer.host.cli;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.client.Health;
import io.iapeer.host.service.ServiceResult;
import java.time.Duration;

/**
 * Waiting for the daemon a service manager just (re)started (04 §3.2): healthy is two socket
 * connections in a row within IAPEER_HEALTH_WAIT_SECS.
 */
final class DaemonService {
  private DaemonService() {}

  static boolean healthy(Layout layout, Settings settings) {
    return Health.healthy(layout.routerSocket(), 2, Duration.ofMillis(250), settings.healthWait());
  }

  /** The started states after which the daemon should answer. */
  static boolean started(ServiceResult r) {
    return switch (r.state()) {
      case LOADED, ALREADY_LOADED, RESTARTED -> true;
      default -> false;
    };
  }
}
