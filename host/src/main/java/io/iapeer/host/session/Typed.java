package io.iapeer.host.session;

/**
 * What typing into a live session achieved (06 D2's ladder): never a higher rung than was observed.
 */
public sealed interface Typed {
  /** @param proof what showed it landed: {@code transcript}, {@code input-cleared} or {@code paste} */
  record Delivered(String proof) implements Typed {}

  /** Claude took it into its queue behind a running turn; it lands at the turn boundary. */
  record Queued() implements Typed {}

  /** @param reason the honest one-line failure text (03 §7.1 step 6) */
  record NotDelivered(String reason) implements Typed {}
}
