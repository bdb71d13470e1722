package io.iapeer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The knobs' parsing rules: the daemon's (02 §8.2 case 45, bearer, trace) and the delivery path's (02 §0.4). */
class SettingsTest {
  private static Settings with(String name, String value) {
    return new Settings(value == null ? Env.of() : Env.of(name, value));
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

  @ParameterizedTest
  @CsvSource(nullValues = "unset", value = {
    "unset, 120000", "'', 120000", "abc, 120000", "-1, 120000", "0, 0", "20, 20", "' 250 ', 250", "1.5, 120000"})
  void theComposerTimeoutTakesZeroOrMore(String value, long ms) {
    assertThat(with("IAPEER_COMPOSER_QUEUE_TIMEOUT_MS", value).composerQueueTimeout()).isEqualTo(Duration.ofMillis(ms));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "unset", value = {"unset, 500", "0, 500", "-5, 500", "x, 500", "25, 25"})
  void theComposerPollMustBePositive(String value, long ms) {
    assertThat(with("IAPEER_COMPOSER_QUEUE_POLL_MS", value).composerQueuePoll()).isEqualTo(Duration.ofMillis(ms));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "unset", value = {"unset, 5242880", "0, 5242880", "-1, 5242880", "1k, 5242880", "4096, 4096"})
  void theDeliveryLogSizeIsAPositiveInteger(String value, long bytes) {
    assertThat(with("IAPEER_DELIVERY_LOG_MAX_BYTES", value).deliveryLogMaxBytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "unset", value = {"unset, 5", "0, 5", "-2, 5", "two, 5", "2, 2"})
  void theDeliveryLogKeepIsAPositiveInteger(String value, int keep) {
    assertThat(with("IAPEER_DELIVERY_LOG_KEEP", value).deliveryLogKeep()).isEqualTo(keep);
  }
}
