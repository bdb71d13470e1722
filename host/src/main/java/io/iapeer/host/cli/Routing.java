package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.route.DeliveryRouter;
import io.iapeer.host.route.Router;
import java.util.function.Consumer;

/**
 * The one place that says which {@link Router} delivers: the daemon's, and the one {@code iapeer
 * send} runs in-process when no daemon answers (02 §12: no composer queue, nothing would drain it).
 */
final class Routing {
  private Routing() {}

  /** @param drainKick the daemon's tick, told when an ephemeral worker's queue got a task */
  static Router forDaemon(Layout layout, Settings settings, Consumer<Identity> drainKick) {
    return DeliveryRouter.forDaemon(layout, settings, drainKick);
  }

  static Router inProcess(Layout layout, Settings settings) {
    return DeliveryRouter.inProcess(layout, settings);
  }
}
