package io.iapeer.host.cli;

import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceManagers;

/** The service manager this host has (04 §4.4), for the verbs. */
final class Services {
  private Services() {}

  static ServiceManager of(Context ctx) {
    return ServiceManagers.select(ctx.layout(), ctx.settings());
  }
}
