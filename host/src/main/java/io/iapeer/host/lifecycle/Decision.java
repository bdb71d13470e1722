package io.iapeer.host.lifecycle;

import java.util.Optional;
import java.util.Set;

/**
 * What the fresh-or-resume table decided (03 §9.4), in the words lifecycle.log records:
 * {@code mode=fresh|resume|fail cause=<cause> [ref=<ref>] [reason=<reason>]}.
 *
 * @param ref the conversation resumed, where the runtime names one
 * @param reason why it failed, or why a resume fell back to fresh
 * @param consumed the markers this decision uses up
 */
public record Decision(Mode mode, String cause, Optional<String> ref, Optional<String> reason, Set<Flag> consumed) {

  public enum Mode {
    FRESH,
    RESUME,
    FAIL;

    /** The {@code mode=} value. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Decision {
    consumed = Set.copyOf(consumed);
  }

  static Decision fresh(String cause, Flag... consumed) {
    return new Decision(Mode.FRESH, cause, Optional.empty(), Optional.empty(), Set.of(consumed));
  }

  public boolean resume() {
    return mode == Mode.RESUME;
  }
}
