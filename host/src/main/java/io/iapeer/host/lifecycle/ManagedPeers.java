package io.iapeer.host.lifecycle;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceManagers;

/**
 * Whether a service manager keeps a peer running (06 D3: a definition for label
 * {@code com.iapeer.<personality>} exists). The lifecycle never wakes, reaps, drains or restarts
 * such a peer. {@link #NONE} is for tests of a host without one.
 */
@FunctionalInterface
public interface ManagedPeers {
  ManagedPeers NONE = personality -> false;

  boolean isManaged(String personality);

  /**
   * This host's service manager's answer. The manager is chosen at the first question: choosing
   * may ask systemd, which a verb that never meets a peer should not pay for.
   */
  static ManagedPeers of(Layout layout, Settings settings) {
    ServiceManager[] chosen = new ServiceManager[1];
    return personality -> {
      synchronized (chosen) {
        if (chosen[0] == null) {
          chosen[0] = ServiceManagers.select(layout, settings);
        }
        return chosen[0].isManaged(personality);
      }
    };
  }
}
