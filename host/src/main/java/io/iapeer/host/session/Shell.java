package io.iapeer.host.session;

/** POSIX shell quoting for the command strings tmux hands to {@code sh -c}. */
final class Shell {
  private Shell() {}

  /** {@code 'text'} with every {@code '} written as {@code '\''} (03 §5 step 3). */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
