package io.iapeer.core.peer;

import static io.iapeer.core.peer.Intelligence.ABSENT;
import static io.iapeer.core.peer.Intelligence.ARTIFICIAL;
import static io.iapeer.core.peer.Intelligence.NATURAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §5.2 (per-runtime default and allowed set) and §1/§6 (runtime classes). */
class RuntimesTest {

  @ParameterizedTest
  @ValueSource(strings = {"telegram", "discord", "matrix", "email", "web", "voicetalk"})
  void humanChannelsDefaultToNaturalAndMayBeAbsent(String rt) {
    assertThat(Runtimes.defaultIntelligence(rt)).isEqualTo(NATURAL);
    assertThat(Runtimes.allowedIntelligence(rt)).containsExactly(NATURAL, ABSENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"notifier", "webhook", "api", "cron"})
  void servicesAreAbsentOnly(String rt) {
    assertThat(Runtimes.defaultIntelligence(rt)).isEqualTo(ABSENT);
    assertThat(Runtimes.allowedIntelligence(rt)).containsExactly(ABSENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex", "foo"})
  void everythingElseIsArtificialOnly(String rt) {
    assertThat(Runtimes.defaultIntelligence(rt)).isEqualTo(ARTIFICIAL);
    assertThat(Runtimes.allowedIntelligence(rt)).containsExactly(ARTIFICIAL);
  }

  @Test
  void claudeAndCodexAreAgenticInPreferenceOrder() {
    assertThat(Runtimes.AGENTIC).containsExactly("claude", "codex");
    assertThat(Runtimes.isAgentic("claude")).isTrue();
    assertThat(Runtimes.isAgentic("telegram")).isFalse();
  }

  @Test
  void infraRuntimesPinTheirLauncherThroughAnEnvVariable() {
    assertThat(Runtimes.isInfra("notifier")).isTrue();
    assertThat(Runtimes.isInfra("claude")).isFalse();
    assertThat(Runtimes.infraLauncherEnv("notifier")).contains("NOTIFIER_RUNTIME_BIN");
    assertThat(Runtimes.infraLauncherEnv("telegram")).contains("TELEGRAM_RUNTIME_BIN");
    assertThat(Runtimes.infraLauncherEnv("voicetalk")).contains("VOICETALK_RUNTIME_BIN");
    assertThat(Runtimes.infraLauncherEnv("web")).contains("WEB_RUNTIME_BIN");
    assertThat(Runtimes.infraLauncherEnv("claude")).isEmpty();
    assertThat(Runtimes.infraDefaultLauncher("telegram")).isEqualTo("telegram-runtime");
  }
}
