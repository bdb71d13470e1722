package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Names;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;

/** Looking up the peer an operator verb names. */
final class Peers {
  private Peers() {}

  static PeerRecord registered(RegistrySnapshot registry, String personality) {
    Names.requirePersonality(personality);
    return registry
        .find(personality)
        .orElseThrow(() -> new IapException("peer \"" + personality + "\" is not registered"));
  }
}
