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

  /** @param attached whether a client was attached when the session was found live */
  record Live(Identity id, boolean attached) implements Resolved {}

  /** @param error the text a sender sees when nothing is woken in its place */
  record Offline(String error) implements Resolved {}

  private static Optional<Live> live(SessionHost host, Identity id) {
    return host.attachedIfAlive(id).map(attached -> new Live(id, attached));
  }

  static Resolved resolve(SessionHost host, PeerRecord target, Optional<String> runtime) {
    String p = target.personality();
    if (runtime.isPresent()) {
      Identity id = new Identity(runtime.get(), p);
      return live(host, id).<Resolved>map(r -> r)
          .orElseGet(() -> new Offline("peer offline: " + p + " (" + runtime.get() + ")"));
    }
    Optional<Live> dflt = live(host, new Identity(target.runtime(), p));
    if (dflt.isPresent()) {
      return dflt.get();
    }
    // The default was just found asleep; the others are the declared runtimes, sorted (02 §9.2).
    List<Live> live =
        target.runtimes().stream()
            .filter(rt -> !rt.equals(target.runtime()))
            .sorted()
            .flatMap(rt -> live(host, new Identity(rt, p)).stream())
            .toList();
    return switch (live.size()) {
      case 0 -> new Offline("peer offline: " + p);
      case 1 -> live.getFirst();
      default ->
          new Offline(p + " is online in multiple runtimes ("
              + String.join(", ", live.stream().map(l -> l.id().runtime()).toList()) + ") — specify runtime");
    };
  }
}
