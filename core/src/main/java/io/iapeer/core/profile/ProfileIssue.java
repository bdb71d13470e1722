package io.iapeer.core.profile;

/** One finding of the profile standard (01 §10). */
public record ProfileIssue(Severity severity, String field, String message) {
  public enum Severity {
    ERROR,
    WARN
  }

  static ProfileIssue error(String field, String message) {
    return new ProfileIssue(Severity.ERROR, field, message);
  }

  static ProfileIssue warn(String field, String message) {
    return new ProfileIssue(Severity.WARN, field, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
