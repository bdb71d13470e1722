package io.iapeer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lifecycle knobs of 03 §1.3: positive integers, else the default; the wake-lock retries take 0. */
class LifecycleSettingsTest {
  static Settings with(String... pairs) {
    return new Settings(Env.of(pairs));
  }

  @Test
  void theDefaultsAreTheSpecs() {
    Settings s = with();
    assertThat(s.idle()).isEqualTo(Duration.ofHours(1));
    assertThat(s.crashLoopMax()).isEqualTo(3);
    assertThat(s.crashLoopWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.ephemeralQuiet()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.ephemeralUnarmedIdle()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.wakeLockRetries()).isEqualTo(30);
    assertThat(s.superviseTick()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.superviseLogVerbose()).isFalse();
    assertThat(s.paneLogMaxBytes()).isEqualTo(16L << 20);
    assertThat(s.paneLogKeep()).isEqualTo(2);
    assertThat(s.paneLogDirBudget()).isEqualTo(512L << 20);
    assertThat(s.paneLogStale()).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void zeroAndGarbageFallBack_exceptZeroWakeLockRetries() {
    Settings s = with("IAPEER_IDLE_SECS", "0", "IAPEER_CRASHLOOP_MAX", "-1", "IAPEER_EPHEMERAL_QUIET_SECS", "x",
        "IAPEER_WAKE_LOCK_RETRIES", "0", "IAPEER_PANELOG_STALE_DAYS", "0");
    assertThat(s.idle()).isEqualTo(Duration.ofHours(1));
    assertThat(s.crashLoopMax()).isEqualTo(3);
    assertThat(s.ephemeralQuiet()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.wakeLockRetries()).isZero();
    assertThat(s.paneLogStale()).isEqualTo(Duration.ofDays(14));
    assertThat(with("IAPEER_WAKE_LOCK_RETRIES", "-2").wakeLockRetries()).isEqualTo(30);
  }

  @Test
  void case46_theQuietWindowIsSettable() {
    assertThat(with("IAPEER_EPHEMERAL_QUIET_SECS", "45").ephemeralQuiet()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void staleDaysMayBeFractionalAndVerboseTakesTheUsualWords() {
    assertThat(with("IAPEER_PANELOG_STALE_DAYS", "0.5").paneLogStale()).isEqualTo(Duration.ofHours(12));
    for (String yes : new String[] {"1", "TRUE", "Yes"}) {
      assertThat(with("IAPEER_SUPERVISE_LOG_VERBOSE", yes).superviseLogVerbose()).isTrue();
    }
    assertThat(with("IAPEER_SUPERVISE_LOG_VERBOSE", "on").superviseLogVerbose()).isFalse();
  }
}
