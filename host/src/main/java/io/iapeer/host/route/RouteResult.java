package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import java.time.Instant;
import java.util.Optional;

/** What one send ended in (02 §7.5–§7.6): accepted by a session or a queue, or refused. */
public sealed interface RouteResult {

  /**
   * @param deliveredTo the session, or the identity whose queue took the message
   * @param woke the message was the first message of a session this send woke
   * @param ts the acceptance instant, identical to the envelope's {@code ts}
   * @param queue set when the message was queued rather than delivered
   */
  record Accepted(Identity deliveredTo, boolean woke, Instant ts, Optional<Queued> queue)
      implements RouteResult {}

  /** @param by {@code composer} or {@code ephemeral}; @param depth the queue length after it */
  record Queued(String by, int depth) {}

  /** @param error the exact text of the spec, shown to the sender as is */
  record Refused(String error) implements RouteResult {}
}
