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

  /**
   * @param by which queue took it: {@link #COMPOSER}, {@link #EPHEMERAL} or {@link #SESSION}
   * @param depth the queue length right after it was added
   */
  record Queued(String by, int depth) {
    /** Held by the router while an operator types in the target's composer (02 §9.8). */
    public static final String COMPOSER = "composer";

    /** A stateless worker's durable FIFO (02 §9.5). */
    public static final String EPHEMERAL = "ephemeral";

    /**
     * Claude took it into its own input queue behind a running turn; it lands at the turn boundary
     * (06 D2). iapeer cannot see that queue's length, so {@code depth} is 1: this message.
     */
    public static final String SESSION = "session";
  }

  /** @param error the exact text of the spec, shown to the sender as is */
  record Refused(String error) implements RouteResult {}
}
