package io.iapeer.host.lifecycle;

import java.util.Optional;

/**
 * The first message a woken session gets (03 §9.2 step 14): a fresh session gets the profile's
 * {@code initial_prompt} seed, a blank line, then the task; a resumed one only the task.
 */
public final class FirstMessage {
  private FirstMessage() {}

  public static String compose(boolean fresh, Optional<String> seed, String task) {
    String t = task == null ? "" : task;
    if (!fresh || seed.isEmpty() || seed.get().isEmpty()) {
      return t;
    }
    return t.isEmpty() ? seed.get() : seed.get() + "\n\n" + t;
  }
}
