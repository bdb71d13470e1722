package io.iapeer.host.cli;

import io.iapeer.host.service.ServiceManager;

/** The service manager this host has (04 §4.4), for the verbs. */
final class Services {
  private Services() {}

  static ServiceManager of(Context ctx) {
    throw new UnsupportedOperationException("wired when the managers land");
  }
}
