package io.iapeer.core;

/**
 * A domain failure a user can cause or fix: its message is shown verbatim, one line that names the
 * offending value and says what to do (01 §0.1). Surfaces map it once: the CLI to a line and exit 1.
 */
public class IapException extends RuntimeException {
  public IapException(String message) {
    super(message, null, false, false);
  }

  public IapException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
