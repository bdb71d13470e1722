package io.iapeer.host.session;

/**
 * Why a session found dead is gone (03 §6). Observability only: the tag and reason go to
 * lifecycle.log and drive no decision.
 */
public enum Death {
  SOCKET_MISSING("server-dead", "tmux server gone (socket file missing)"),
  SESSION_GONE("session-gone", "session gone, tmux server alive (exit cause should be in exits.log)"),
  STALE_SOCKET("server-dead", "tmux server dead — stale socket (SIGKILL class; check exits.log)");

  private final String tag;
  private final String reason;

  Death(String tag, String reason) {
    this.tag = tag;
    this.reason = reason;
  }

  /** The {@code death=} value. */
  public String tag() {
    return tag;
  }

  public String reason() {
    return reason;
  }
}
