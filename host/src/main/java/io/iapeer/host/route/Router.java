package io.iapeer.host.route;

import io.iapeer.core.registry.Caller;

/**
 * Route-and-deliver (02 §9): the one routine behind the {@code send_to_peer} tool and
 * {@code iapeer send}. It returns only once the outcome is known, and never throws for anything
 * a sender can cause — that is a {@link RouteResult.Refused}.
 */
@FunctionalInterface
public interface Router {
  RouteResult send(Caller caller, SendRequest request);
}
