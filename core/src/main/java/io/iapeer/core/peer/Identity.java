package io.iapeer.core.peer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A peer's address in one runtime: {@code <runtime>-<personality>} (01 §4). */
public record Identity(String runtime, String personality) {
  private static final Pattern SOCKET =
      Pattern.compile("tmux-iap-([a-z][a-z0-9]{0,31})-([a-z][a-z0-9-]{0,31})\\.sock");

  public Identity {
    Names.requireRuntime(runtime);
    Names.requirePersonality(personality);
  }

  /** Splits at the first {@code -}; no normalization (01 §4.2). */
  public static Optional<Identity> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    int dash = s.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    String rt = s.substring(0, dash);
    String p = s.substring(dash + 1);
    return Names.isRuntime(rt) && Names.isPersonality(p)
        ? Optional.of(new Identity(rt, p))
        : Optional.empty();
  }

  /** The per-identity tmux server socket's file name (01 §4.4). */
  public String socketFileName() {
    return "tmux-iap-" + address() + ".sock";
  }

  /** Parses the basename of a session socket path. */
  public static Optional<Identity> fromSocketFileName(String basename) {
    Matcher m = SOCKET.matcher(basename == null ? "" : basename);
    return m.matches() ? Optional.of(new Identity(m.group(1), m.group(2))) : Optional.empty();
  }

  public String address() {
    return runtime + "-" + personality;
  }

  @Override
  public String toString() {
    return address();
  }
}
