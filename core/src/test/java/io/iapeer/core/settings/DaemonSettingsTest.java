package io.iapeer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The daemon's knobs: the strict port table of 02 §8.2 (case 45), the bearer token, the trace. */
class DaemonSettingsTest {
  private static Settings with(String name, String value) {
    return new Settings(Env.of(name, value));
  }

  @ParameterizedTest(name = "IAPEER_PORT=\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {"9000|9000", "' 8765 '|8765", "1|1", "65535|65535"})
  void aPortFromOneTo65535IsTaken(String value, int port) {
    Settings s = with("IAPEER_PORT", value);
    assertThat(s.port()).isEqualTo(port);
    assertThat(s.invalidPort()).isEmpty();
  }

  @ParameterizedTest(name = "IAPEER_PORT=\"{0}\" falls back")
  @ValueSource(strings = {"abc", "0", "70000", "-1", "8765.5", "8080abc"})
  void anythingElseFallsBackTo8765AndIsReported(String value) {
    Settings s = with("IAPEER_PORT", value);
    assertThat(s.port()).isEqualTo(8765);
    assertThat(s.invalidPort()).contains(value);
  }

  @ParameterizedTest(name = "IAPEER_PORT=\"{0}\" is the default, silently")
  @ValueSource(strings = {"", "   "})
  void blankIsTheDefaultWithoutAWarning(String value) {
    Settings s = with("IAPEER_PORT", value);
    assertThat(s.port()).isEqualTo(8765);
    assertThat(s.invalidPort()).isEmpty();
    assertThat(new Settings(Env.of()).invalidPort()).isEmpty();
  }

  @Test
  void theBearerTokenIsTrimmedAndBlankMeansNone() {
    assertThat(with("IAPEER_BEARER_TOKEN", " secret ").bearerToken()).contains("secret");
    assertThat(with("IAPEER_BEARER_TOKEN", "  ").bearerToken()).isEmpty();
    assertThat(new Settings(Env.of()).bearerToken()).isEmpty();
  }

  @Test
  void anyValueOfTheDaemonLogTurnsTheTraceOn() {
    assertThat(with("IAPEER_DAEMON_LOG", "1").daemonTrace()).isTrue();
    assertThat(with("IAPEER_DAEMON_LOG", "yes").daemonTrace()).isTrue();
    assertThat(with("IAPEER_DAEMON_LOG", "").daemonTrace()).isFalse();
    assertThat(new Settings(Env.of()).daemonTrace()).isFalse();
  }
}
