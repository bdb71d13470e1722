package io.iapeer.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry as read at one moment (01 §14.3): the version found on disk (at least 2) and the
 * peers in file order. Updaters return a new snapshot; the writer sorts and stamps version 2.
 */
public record RegistrySnapshot(int version, List<PeerRecord> peers) {
  public static final int VERSION = 2;

  public RegistrySnapshot {
    peers = List.copyOf(peers);
  }

  public static RegistrySnapshot empty() {
    return new RegistrySnapshot(VERSION, List.of());
  }

  public Optional<PeerRecord> find(String personality) {
    return peers.stream().filter(p -> p.personality().equals(personality)).findFirst();
  }

  /** Replaces the record of the same personality in place, or appends a new one (§14.7). */
  public RegistrySnapshot with(PeerRecord record) {
    List<PeerRecord> next = new ArrayList<>(peers);
    int at = indexOf(record.personality());
    if (at >= 0) {
      next.set(at, record);
    } else {
      next.add(record);
    }
    return new RegistrySnapshot(version, next);
  }

  public RegistrySnapshot without(String personality) {
    return new RegistrySnapshot(
        version, peers.stream().filter(p -> !p.personality().equals(personality)).toList());
  }

  private int indexOf(String personality) {
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).personality().equals(personality)) {
        return i;
      }
    }
    return -1;
  }
}
