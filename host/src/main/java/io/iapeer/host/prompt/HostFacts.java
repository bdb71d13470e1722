package io.iapeer.host.prompt;

import io.iapeer.core.settings.Env;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The host facts of the identity block (03 §8.1), read fresh at every bring-up (§8.7). */
public record HostFacts(
    String platform, String osVersion, String user, String hostname, LocalDate today) {
  private static final String UNKNOWN = "unknown";
  private static final Path OS_RELEASE = Path.of("/etc/os-release");

  public HostFacts {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(today, "today");
  }

  /** This machine's facts; {@code today} is the local date of {@code clock}. */
  public static HostFacts detect(Env env, Clock clock) {
    return detect(env, clock, HostProbe.system());
  }

  /** As {@link #detect(Env, Clock)}, asking {@code probe} instead of the machine. */
  public static HostFacts detect(Env env, Clock clock, HostProbe probe) {
    String platform = platform(probe.osName());
    Optional<String> osVersion =
        switch (platform) {
          case "darwin" -> probe.run("sw_vers", "-productVersion").flatMap(HostFacts::trimmed);
          case "linux" -> probe.readFile(OS_RELEASE).flatMap(HostFacts::versionId);
          default -> Optional.empty();
        };
    String user =
        env.get("USER")
            .or(() -> probe.run("id", "-un").flatMap(HostFacts::trimmed))
            .orElse(UNKNOWN);
    String hostname = probe.run("hostname", "-s").flatMap(HostFacts::trimmed).orElse(UNKNOWN);
    return new HostFacts(
        platform, osVersion.orElse(UNKNOWN), user, hostname, LocalDate.now(clock));
  }

  /** {@code darwin} for macOS, {@code linux} for Linux (Node's names), else os.name lowercased. */
  private static String platform(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    }
    return os.startsWith("linux") ? "linux" : os;
  }

  /** {@code VERSION_ID} of an os-release text, unquoted; the last wins, as when sourced. */
  static Optional<String> versionId(String osRelease) {
    return osRelease
        .lines()
        .filter(l -> l.startsWith("VERSION_ID="))
        .reduce((first, second) -> second)
        .map(l -> unquote(l.substring("VERSION_ID=".length()).trim()))
        .flatMap(HostFacts::trimmed);
  }

  private static String unquote(String v) {
    boolean quoted =
        v.length() >= 2
            && (v.charAt(0) == '"' || v.charAt(0) == '\'')
            && v.charAt(v.length() - 1) == v.charAt(0);
    return quoted ? v.substring(1, v.length() - 1) : v;
  }

  private static Optional<String> trimmed(String s) {
    String t = s.trim();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }
}
