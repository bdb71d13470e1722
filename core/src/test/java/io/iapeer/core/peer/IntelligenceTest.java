package io.iapeer.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §5.1. */
class IntelligenceTest {

  @Test
  void theThreeContractWordsReadAsThemselves() {
    assertThat(Intelligence.normalize("artificial")).contains(Intelligence.ARTIFICIAL);
    assertThat(Intelligence.normalize("natural")).contains(Intelligence.NATURAL);
    assertThat(Intelligence.normalize("absent")).contains(Intelligence.ABSENT);
  }

  @Test
  void legacyHumanAndScriptedAreReadAliases() {
    assertThat(Intelligence.normalize("human")).contains(Intelligence.NATURAL);
    assertThat(Intelligence.normalize("scripted")).contains(Intelligence.ABSENT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Human", "SCRIPTED", "Artificial", "sentient", "", " natural", "1", "true"})
  void anythingElseIsUnrecognized(String raw) {
    assertThat(Intelligence.normalize(raw)).isEmpty();
  }

  @Test
  void nullIsUnrecognized() {
    assertThat(Intelligence.normalize(null)).isEmpty();
  }

  @Test
  void theWireValueIsTheLowercaseWord() {
    assertThat(Intelligence.ARTIFICIAL.wire()).isEqualTo("artificial");
    assertThat(Intelligence.NATURAL).hasToString("natural");
    assertThat(Intelligence.ABSENT.wire()).isEqualTo("absent");
  }
}
