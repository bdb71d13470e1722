package io.iapeer.host.session;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import java.util.List;
import java.util.Optional;

/**
 * Which of a peer's runtimes an operator verb acts on when none is named (03 §7.2, §9.10; 04 §3.17).
 */
public final class LiveTarget {
  private LiveTarget() {}

  /** The declared runtimes whose session is alive, in declaration order (default first). */
  public static List<String> live(PeerRecord peer, SessionHost host) {
    return peer.runtimes().stream()
        .filter(rt -> host.alive(new Identity(rt, peer.personality())))
        .toList();
  }

  /**
   * The live session a control verb reaches: the explicit runtime, else the default when live,
   * else the only live one. Throws the spec's text when there is none or the choice is ambiguous.
   */
  public static Identity forControl(PeerRecord peer, Optional<String> runtime, SessionHost host) {
    String p = peer.personality();
    if (runtime.isPresent()) {
      Identity id = new Identity(declared(peer, runtime.get()), p);
      if (!host.alive(id)) {
        throw new IapException("cannot control \"%s\": peer offline: %s (%s)".formatted(p, p, id.runtime()));
      }
      return id;
    }
    List<String> live = live(peer, host);
    if (live.contains(peer.runtime())) {
      return new Identity(peer.runtime(), p);
    }
    if (live.size() == 1) {
      return new Identity(live.get(0), p);
    }
    if (live.isEmpty()) {
      throw new IapException("cannot control \"%s\": peer offline: %s".formatted(p, p));
    }
    throw new IapException(
        "%s is online in multiple runtimes (%s) — specify runtime"
            .formatted(p, String.join(", ", live.stream().sorted().toList())));
  }

  /**
   * The runtime {@code attach} opens without an explicit one (03 §9.10): the sole declared one,
   * the default when alive, the only other alive one, else the default. Never "most recent".
   */
  public static String forAttach(PeerRecord peer, SessionHost host) {
    if (peer.runtimes().size() == 1) {
      return peer.runtime();
    }
    List<String> live = live(peer, host);
    if (live.contains(peer.runtime())) {
      return peer.runtime();
    }
    return live.size() == 1 ? live.get(0) : peer.runtime();
  }

  /** An explicit runtime must be one the peer declares. */
  public static String declared(PeerRecord peer, String runtime) {
    if (!peer.runtimes().contains(runtime)) {
      throw new IapException(
          "runtime \"%s\" is not declared for \"%s\" (declared: %s)"
              .formatted(runtime, peer.personality(), String.join(", ", peer.runtimes())));
    }
    return runtime;
  }
}
