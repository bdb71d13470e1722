package io.iapeer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delivery knobs' parsing rules (02 §0.4). */
class SettingsTest {
  private static Settings with(String name, String value) {
    return new Settings(value == null ? Env.of() : Env.of(name, value));
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
