package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.host.client.DaemonClient;
import io.iapeer.host.daemon.Callers;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.Router;
import io.iapeer.host.route.SendRequest;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code iapeer send} once parsed (06 D4): the running daemon delivers, so a session the send
 * wakes is the daemon's child; only when no daemon answers does the CLI route in-process, and it
 * says so. Either way the sender is resolved by the same rules (02 §12).
 *
 * @param local the in-process router, built only when it is needed
 * @param note where the fallback is announced (stderr)
 */
record Sender(
    DaemonClient daemon, Supplier<Router> local, Supplier<RegistrySnapshot> registry, Consumer<String> note) {

  RouteResult send(String from, SendRequest request) {
    Optional<RouteResult> viaDaemon = daemon.send(from, request);
    if (viaDaemon.isPresent()) {
      return viaDaemon.get();
    }
    note.accept("no daemon answered on " + daemon.socket() + " — sending in-process");
    try {
      RegistrySnapshot read = registry.get();
      return local.get().send(Callers.fromFlag(from, read), request, read);
    } catch (IapException e) {
      return new Refused(e.getMessage());
    }
  }
}
