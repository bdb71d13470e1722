package io.iapeer.host.session;

import io.iapeer.core.IapException;

/**
 * A tmux command failed: {@code tmux <verb> failed: <detail>} (03 §5, §7.1). The parts stay
 * separate so a caller can name its own context, e.g. a control command (03 §7.2).
 */
public final class TmuxException extends IapException {
  private final String verb;
  private final String detail;

  public TmuxException(String verb, String detail) {
    super("tmux " + verb + " failed: " + detail);
    this.verb = verb;
    this.detail = detail;
  }

  public String verb() {
    return verb;
  }

  public String detail() {
    return detail;
  }
}
