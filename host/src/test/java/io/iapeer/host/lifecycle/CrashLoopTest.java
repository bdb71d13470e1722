package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash-loop window, 03 §9.7 (case 37). */
class CrashLoopTest {
  static final long NOW = 1_800_000_000_000L;

  @Test
  void case37_deathsAreCountedInsideTheWindowOnly() {
    List<Long> deaths = List.of(NOW - 400_000, NOW - 10_000, NOW - 5_000);
    assertThat(new CrashLoop(3, Duration.ofSeconds(300)).count(deaths, NOW)).isEqualTo(2);
    assertThat(new CrashLoop(3, Duration.ofSeconds(600)).count(deaths, NOW)).isEqualTo(3);
    assertThat(new CrashLoop(3, Duration.ofSeconds(300)).refusal(deaths, NOW)).isEmpty();
    assertThat(new CrashLoop(3, Duration.ofSeconds(600)).refusal(deaths, NOW)).contains("3 deaths in 600s");
  }

  @Test
  void aDeathExactlyAtTheWindowsEdgeCounts() {
    assertThat(new CrashLoop(1, Duration.ofSeconds(300)).count(List.of(NOW - 300_000), NOW)).isEqualTo(1);
    assertThat(new CrashLoop(1, Duration.ofSeconds(300)).count(List.of(NOW - 300_001), NOW)).isZero();
  }

  @Test
  void threeDeathsNowRefuseByDefault() {
    assertThat(new CrashLoop(3, Duration.ofSeconds(300)).refusal(List.of(NOW, NOW, NOW), NOW))
        .contains("3 deaths in 300s");
  }
}
