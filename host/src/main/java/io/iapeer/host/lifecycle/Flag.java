package io.iapeer.host.lifecycle;

/**
 * The timestamp markers of 03 §2: present or absent, each holding the ISO instant it was set. What
 * the presence means is the whole contract; the instant is for the operator.
 */
public enum Flag {
  /** {@code stop}: the peer accepts no messages until {@code start}. */
  STOPPED("stopped"),
  /** The clean park: an idle reap or {@code stop} ended a session worth resuming. */
  IDLE_REAPED("idle-reaped"),
  /** {@code refresh}: the next message wake starts fresh. */
  FRESH_NEXT("fresh-next"),
  /** {@code self-fresh}: the next tick relaunches fresh. */
  NEW_EAGER("new-eager"),
  /** An ephemeral worker replied or called {@code self-done}: reap it after the quiet window. */
  EPHEMERAL_ARMED("ephemeral-armed");

  private final String suffix;

  Flag(String suffix) {
    this.suffix = suffix;
  }

  /** The file name part after {@code <identity>.}. */
  public String suffix() {
    return suffix;
  }
}
