package io.iapeer.host.service;

/**
 * The outcome of one service operation (04 §4.1, §4.2.4–§4.2.5). The state tokens are the stable
 * words scripts read; the detail says why, for humans.
 */
public record ServiceResult(State state, String detail) {

  public enum State {
    LOADED("loaded"),
    ALREADY_LOADED("already-loaded"),
    RESTARTED("restarted"),
    STOPPED("stopped"),
    NOT_LOADED("not-loaded"),
    SKIPPED_SANDBOX("skipped-sandbox"),
    SKIPPED_UNSUPPORTED("skipped-unsupported"),
    REFUSED_FOREIGN("refused-foreign"),
    FAILED("failed");

    private final String token;

    State(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }

  public static ServiceResult of(State state) {
    return new ServiceResult(state, "");
  }

  public static ServiceResult failed(String detail) {
    return new ServiceResult(State.FAILED, detail);
  }

  public boolean failed() {
    return state == State.FAILED || state == State.REFUSED_FOREIGN;
  }

  /** {@code state[ — detail]}. */
  @Override
  public String toString() {
    return detail.isEmpty() ? state.token() : state.token() + " — " + detail;
  }
}
