package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;

/** The caller of an agent self-call (04 §3.25): the session's own {@code PEER_IDENTITY}. */
final class SelfCalls {
  private SelfCalls() {}

  static Identity caller(Context ctx) {
    String raw = ctx.env().get("PEER_IDENTITY")
        .orElseThrow(() -> new IapException("PEER_IDENTITY is not set — this verb is an agent self-call from inside"
            + " a session"));
    return Identity.parse(raw).orElseThrow(() ->
        new IapException("invalid PEER_IDENTITY \"" + raw + "\" — expected <runtime>-<personality>"));
  }
}
