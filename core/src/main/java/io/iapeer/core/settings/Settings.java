package io.iapeer.core.settings;

import java.time.Duration;

/** Typed access to the knobs of {@link Setting}, with the parsing rules of the spec. */
public record Settings(Env env) {
  public static final int DEFAULT_PORT = 8765;

  /** IAPEER_PORT: an integer 1–65535, anything else falls back to the default (04 §1.5). */
  public int port() {
    return env.get(Setting.IAPEER_PORT.name())
        .flatMap(Settings::parseInt)
        .filter(p -> p >= 1 && p <= 65535)
        .orElse(DEFAULT_PORT);
  }

  public Duration lockTimeout() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_LOCK_TIMEOUT_MS, 5000));
  }

  public boolean sandbox() {
    return env.isTrue(Setting.IAPEER_TEST_SANDBOX.name());
  }

  private long positiveLong(Setting s, long dflt) {
    return env.get(s.name()).flatMap(Settings::parseLong).filter(v -> v > 0).orElse(dflt);
  }

  private static java.util.Optional<Integer> parseInt(String s) {
    try {
      return java.util.Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static java.util.Optional<Long> parseLong(String s) {
    try {
      return java.util.Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
