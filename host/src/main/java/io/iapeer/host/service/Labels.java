package io.iapeer.host.service;

import java.util.Optional;

/**
 * Service labels (04 §4.1): the daemon's lives in a namespace of its own, so no peer name can
 * collide with it; an infra peer's label is per personality (06 D3).
 */
public final class Labels {
  public static final String DAEMON = "com.agfpd.iapeer";
  private static final String PEER_PREFIX = "com.iapeer.";

  private Labels() {}

  public static String peer(String personality) {
    return PEER_PREFIX + personality;
  }

  /** The personality of a peer label; empty for the daemon's or a foreign label. */
  public static Optional<String> personality(String label) {
    return label.startsWith(PEER_PREFIX) && label.length() > PEER_PREFIX.length()
        ? Optional.of(label.substring(PEER_PREFIX.length()))
        : Optional.empty();
  }
}
