package io.iapeer.host.lifecycle;

/**
 * Whether a service manager keeps a peer running (06 D3: a definition for label
 * {@code com.iapeer.<personality>} exists). The lifecycle never wakes, reaps, drains or restarts
 * such a peer. The service manager answers this once it is part of the build; until then no peer
 * is managed.
 */
@FunctionalInterface
public interface ManagedPeers {
  ManagedPeers NONE = personality -> false;

  boolean isManaged(String personality);
}
