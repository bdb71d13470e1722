package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.session.SessionHost;
import java.util.List;
import java.util.Optional;

/**
 * Which live session a send goes to (02 §9.2), asked of the session host on every call: an
 * explicit runtime or nothing; else the default runtime; else the one live runtime; several live
 * runtimes are for the sender to choose between.
 */
final class Targets {
  private Targets() {}

  sealed interface Resolved {}

  record Live(Identity id) implements Resolved {}

  /** @param error the text a sender sees when nothing is woken in its place */
  record Offline(String error) implements Resolved {}

  static Resolved resolve(SessionHost host, PeerRecord target, Optional<String> runtime) {
    String p = target.personality();
    if (runtime.isPresent()) {
      Identity id = new Identity(runtime.get(), p);
      return host.alive(id) ? new Live(id) : new Offline("peer offline: " + p + " (" + runtime.get() + ")");
    }
    Identity dflt = new Identity(target.runtime(), p);
    if (host.alive(dflt)) {
      return new Live(dflt);
    }
    // The default was just found asleep; the others are the declared runtimes, sorted (02 §9.2).
    List<Identity> live =
        target.runtimes().stream()
            .filter(rt -> !rt.equals(target.runtime()))
            .sorted()
            .map(rt -> new Identity(rt, p))
            .filter(host::alive)
            .toList();
    return switch (live.size()) {
      case 0 -> new Offline("peer offline: " + p);
      case 1 -> new Live(live.getFirst());
      default ->
          new Offline(p + " is online in multiple runtimes ("
              + String.join(", ", live.stream().map(Identity::runtime).toList()) + ") — specify runtime");
    };
  }
}
