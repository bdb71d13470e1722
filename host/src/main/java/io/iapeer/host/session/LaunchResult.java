package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;

/** What a launch ended in (03 §5): READY, or FAILED with the one-line reason the spec gives. */
public sealed interface LaunchResult {
  Identity identity();

  record Ready(Identity identity) implements LaunchResult {}

  /** @param sessionLeft whether a live session remains (the lifecycle enrols or kills it) */
  record Failed(Identity identity, String reason, boolean sessionLeft) implements LaunchResult {}
}
