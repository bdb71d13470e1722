package io.iapeer.host.cli;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.Router;

/**
 * The one place that says which {@link Router} does the delivering, for the daemon and for the
 * CLI's in-process fallback alike.
 */
final class Routing {
  private Routing() {}

  /** Until the delivery path is part of this build, every send is refused and says why. */
  static Router router(Layout layout, Settings settings) {
    return (caller, request) ->
        new Refused("the delivery path is not part of this build yet — message NOT delivered");
  }
}
