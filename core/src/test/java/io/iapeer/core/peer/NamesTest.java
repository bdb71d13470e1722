package io.iapeer.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §2.1 and §2.2, full-match semantics (01 §0.3). */
class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "code-reviewer", "a", "notifier-timer", "x1-", "a--b"})
  void theseArePersonalities(String s) {
    assertThat(Names.isPersonality(s)).isTrue();
  }

  @Test
  void aPersonalityMayBe32CharsButNot33() {
    assertThat(Names.isPersonality("a".repeat(32))).isTrue();
    assertThat(Names.isPersonality("a".repeat(33))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alice", "2nd", "-a", "a_b", "a.b", "alice\n", "\nalice", " alice"})
  void theseAreNotPersonalities(String s) {
    assertThat(Names.isPersonality(s)).isFalse();
  }

  @Test
  void nullIsNeitherAPersonalityNorARuntime() {
    assertThat(Names.isPersonality(null)).isFalse();
    assertThat(Names.isRuntime(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex", "telegram", "discord", "webhook", "a", "x9"})
  void theseAreRuntimeIds(String s) {
    assertThat(Names.isRuntime(s)).isTrue();
  }

  @Test
  void aRuntimeIdMayBe32CharsButNot33() {
    assertThat(Names.isRuntime("r".repeat(32))).isTrue();
    assertThat(Names.isRuntime("r".repeat(33))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-dash", "Claude", "9x", "", "cl_aude", "claude\n"})
  void theseAreNotRuntimeIds(String s) {
    assertThat(Names.isRuntime(s)).isFalse();
  }

  @Test
  void requireNamesTheOffendingValueAndTheRule() {
    assertThat(Names.requirePersonality("alice")).isEqualTo("alice");
    assertThat(Names.requireRuntime("claude")).isEqualTo("claude");
    assertThatThrownBy(() -> Names.requirePersonality("Alice"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("\"Alice\"")
        .hasMessageContaining(Names.PERSONALITY_REGEX);
    assertThatThrownBy(() -> Names.requireRuntime("no-dash"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("\"no-dash\"")
        .hasMessageContaining(Names.RUNTIME_REGEX);
  }
}
