package io.iapeer.core.peer;

import static io.iapeer.core.peer.NameNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §3.2 and acceptance cases 1–4. */
class NameNormalizerTest {

  /** The normative golden table of 01 §3.2 (MUST). */
  static Stream<Arguments> goldens() {
    return Stream.of(
        Arguments.of("Café №2", "cafe-no-2"),
        Arguments.of("项目", "xiang-mu"),
        Arguments.of("My Project", "my-project"),
        Arguments.of("iapeer", "iapeer"),
        Arguments.of("boris", "boris"),
        Arguments.of("darwin", "darwin"),
        Arguments.of("notifier-timer", "notifier-timer"),
        Arguments.of("Нова", "nova"),
        Arguments.of("Борис", "boris"),
        Arguments.of("Наталья", "natalya"),
        Arguments.of("東京", "dong-jing"),
        Arguments.of("北京", "bei-jing"),
        Arguments.of("Ω", "o"),
        Arguments.of("naïve", "naive"),
        Arguments.of("Köln", "koln"),
        Arguments.of("Straße", "strasse"),
        Arguments.of("  a   b  ", "a-b"),
        Arguments.of("a___b...c", "a-b-c"),
        Arguments.of("--lead-and-trail--", "lead-and-trail"),
        Arguments.of("a".repeat(40), "a".repeat(32)),
        Arguments.of("a".repeat(31) + "-bbb", "a".repeat(31)),
        Arguments.of("", ""),
        Arguments.of("①②③", ""),
        Arguments.of("😀", ""),
        Arguments.of("---", ""),
        Arguments.of("2nd", "2nd"),
        Arguments.of("42", "42"));
  }

  /** The "additional expected outputs of the current engine" of 01 §3.2 (SHOULD). */
  static Stream<Arguments> additional() {
    return Stream.of(
        Arguments.of("Привет", "privet"),
        Arguments.of("Ёлка", "yolka"),
        Arguments.of("Щука", "shchuka"),
        Arguments.of("Юля", "yulya"),
        Arguments.of("Объект", "obekt"),
        Arguments.of("Съёмка", "syomka"),
        Arguments.of("Цой", "coy"),
        Arguments.of("Хабр", "habr"),
        Arguments.of("Йошкар-Ола", "yoshkar-ola"),
        Arguments.of("Θεσσαλονίκη", "thessaloniki"),
        Arguments.of("Φώτης", "fotis"),
        Arguments.of("Ξένια", "xenia"),
        Arguments.of("日本語", "ri-ben-yu"),
        Arguments.of("a项目b", "axiang-mu-b"),
        Arguments.of("Ærø", "aero"),
        Arguments.of("Łódź", "lodz"),
        Arguments.of("Đà Nẵng", "da-nang"),
        Arguments.of("Über Müller", "uber-muller"),
        Arguments.of("ß", "ss"),
        Arguments.of("½", "1-2"),
        Arguments.of("™", "tm"),
        Arguments.of("©2024", "c-2024"),
        Arguments.of("Ⅻ", "xii"),
        Arguments.of("x№y", "xno-y"),
        Arguments.of("№", "no"),
        Arguments.of("Dr. Who", "dr-who"),
        Arguments.of("C++ Guru", "c-guru"),
        Arguments.of("-9lives", "9lives"),
        Arguments.of("_alice", "alice"),
        Arguments.of("HELLO_World 2", "hello-world-2"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("goldens")
  void goldenTableNormalizesExactly(String input, String expected) {
    assertThat(normalize(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("additional")
  void additionalExpectedOutputsOfTheCurrentEngineAreReproduced(String input, String expected) {
    assertThat(normalize(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("goldens")
  void everyGoldenOutputIsAFixedPointOfASecondNormalize(String input, String expected) {
    assertThat(normalize(expected)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Café №2", "项目", "My Project", "iapeer", "Нова"})
  void theseOutputsAreValidNames(String input) {
    assertThat(Names.isPersonality(normalize(input))).as(normalize(input)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "①②③", "😀", "---", "2nd", "42"})
  void theseOutputsAreReturnedAsIsButAreNotValidNames(String input) {
    assertThat(Names.isPersonality(normalize(input))).as(normalize(input)).isFalse();
  }

  @Test
  void aCutJustAfterAHyphenLeavesAtMost32CharsAndNoTrailingHyphen() {
    String out = normalize("a".repeat(31) + "-bbb");
    assertThat(out).hasSizeLessThanOrEqualTo(32).doesNotEndWith("-");
  }

  @Test
  void unknownCharactersVanishWithoutCreatingASeparator() {
    // U+4D00 is a Han character junidecode marks "[?] "; U+0378 is unassigned ("[?]").
    assertThat(normalize("a\u4D00b")).isEqualTo("ab");
    assertThat(normalize("a\u0378b")).isEqualTo("ab");
  }

  @Test
  void supplementaryCodePointsVanishInsteadOfAliasingABmpCharacter() {
    // junidecode would read U+1D538 (double-struck A) as U+D538, the Hangul syllable "pyik".
    assertThat(normalize("a\uD835\uDD38b")).isEqualTo("ab");
    assertThat(normalize("x😀y")).isEqualTo("xy");
  }

  @Test
  void loneSurrogatesVanish() {
    assertThat(normalize("a\uD83Db\uDE00c")).isEqualTo("abc");
  }
}
