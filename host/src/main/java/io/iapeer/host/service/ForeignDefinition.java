package io.iapeer.host.service;

import io.iapeer.core.IapException;

/** A definition at one of our labels that we did not write: another manager owns it. */
public final class ForeignDefinition extends IapException {
  public ForeignDefinition(String message) {
    super(message);
  }
}
