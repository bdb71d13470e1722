package io.iapeer.host.route;

import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.RegistrySnapshot;

/**
 * Route-and-deliver (02 §9): the one routine behind the {@code send_to_peer} tool and
 * {@code iapeer send}. It returns only once the outcome is known, and never throws for anything
 * a sender can cause — that is a {@link RouteResult.Refused}.
 */
@FunctionalInterface
public interface Router {
  /**
   * @param registry the registry as this request read it to resolve {@code caller}: the target and
   *     a wake are looked up in it too, so one read serves the whole request (02 §9.1's fresh read)
   */
  RouteResult send(Caller caller, SendRequest request, RegistrySnapshot registry);
}
