package io.iapeer.host.service;

/** Whether a user's systemd services run while the user is logged out (04 §4.3.5). */
public record Linger(State state, String user) {

  public enum State {
    ENABLED("enabled"),
    ALREADY("already"),
    FAILED("failed"),
    SKIPPED_SANDBOX("skipped-sandbox");

    private final String token;

    State(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }

  /** {@code linger: <state>}, and the command to run by hand when it failed. */
  @Override
  public String toString() {
    String line = "linger: " + state.token();
    return state == State.FAILED ? line + " — run: sudo loginctl enable-linger " + user : line;
  }
}
