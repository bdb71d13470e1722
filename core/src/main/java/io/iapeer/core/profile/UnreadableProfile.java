package io.iapeer.core.profile;

import io.iapeer.core.IapException;
import java.nio.file.Path;

/**
 * A profile file that exists but cannot be taken as a JSON object: unreadable, invalid JSON, or
 * another JSON value. {@code verify} reports these per peer as {@code profile is <problem> — <detail>}.
 */
public final class UnreadableProfile extends IapException {
  private final String problem;
  private final String detail;

  UnreadableProfile(Path file, String problem, String detail) {
    super(ProfileReader.FILE + (problem.startsWith("not ") ? " must be " + problem.substring(4) : " is " + problem)
        + " (" + file + ")" + (detail.isEmpty() ? "" : ": " + detail));
    this.problem = problem;
    this.detail = detail;
  }

  /** {@code unreadable}, {@code invalid JSON} or {@code not a JSON object}. */
  public String problem() {
    return problem;
  }

  public String detail() {
    return detail;
  }
}
