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
  RouteResult send(Caller caller, SendRequest request);

  /**
   * The same, given the registry as this request already read it to resolve {@code caller}: one
   * read then serves the caller, the target and a wake. This default reads it again.
   */
  default RouteResult send(Caller caller, SendRequest request, RegistrySnapshot registry) {
    return send(caller, request);
  }
}
