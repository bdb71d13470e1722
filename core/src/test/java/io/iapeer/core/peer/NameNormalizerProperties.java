package io.iapeer.core.peer;

import static io.iapeer.core.peer.NameNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The properties of 01 §3.1: slug shape, idempotence, ASCII valid names as fixed points. */
class NameNormalizerProperties {

  @Test
  void anyStringNormalizesToASlugOfAtMost32Chars() {
    qt().withExamples(2000)
        .forAll(anyText())
        .checkAssert(
            s ->
                assertThat(normalize(s))
                    .matches("[a-z0-9-]*")
                    .hasSizeLessThanOrEqualTo(Names.MAX_NAME_LENGTH)
                    .doesNotStartWith("-")
                    .doesNotEndWith("-")
                    .doesNotContain("--"));
  }

  @Test
  void normalizeIsIdempotent() {
    qt().withExamples(2000)
        .forAll(anyText())
        .checkAssert(s -> assertThat(normalize(normalize(s))).isEqualTo(normalize(s)));
  }

  @Test
  void asciiValidNamesAreFixedPoints() {
    qt().withExamples(2000)
        .forAll(normalizerShapedNames())
        .checkAssert(
            name -> {
              assertThat(Names.isPersonality(name)).isTrue();
              assertThat(normalize(name)).isEqualTo(name);
            });
  }

  /**
   * Code points weighted towards the scripts the spec names (Latin, Cyrillic, Greek, Han), plus
   * emoji, lone surrogates, {@code №}, separators and anything at all.
   */
  static Gen<String> anyText() {
    Gen<Integer> cp =
        Generate.frequency(
            List.of(
                Pair.of(4, Generate.range(0x20, 0x7E)),
                Pair.of(2, Generate.range(0xA0, 0x24F)),
                Pair.of(2, Generate.range(0x370, 0x4FF)),
                Pair.of(2, Generate.range(0x4E00, 0x9FFF)),
                Pair.of(1, Generate.range(0x1F300, 0x1FAFF)),
                Pair.of(1, Generate.range(0xD800, 0xDFFF)),
                Pair.of(1, Generate.pick(List.of((int) '№', (int) '-', (int) ' '))),
                Pair.of(1, Generate.range(0, Character.MAX_CODE_POINT))));
    return lists().of(cp).ofSizeBetween(0, 60).map(NameNormalizerProperties::fromCodePoints);
  }

  /** Names the normalizer could produce: personality alphabet, no double or trailing hyphen. */
  static Gen<String> normalizerShapedNames() {
    Gen<Integer> first = Generate.range('a', 'z');
    Gen<Integer> rest =
        Generate.frequency(
            List.of(
                Pair.of(6, Generate.range('a', 'z')),
                Pair.of(2, Generate.range('0', '9')),
                Pair.of(1, Generate.constant((int) '-'))));
    return first
        .zip(lists().of(rest).ofSizeBetween(0, Names.MAX_NAME_LENGTH - 1), (f, r) -> {
          StringBuilder sb = new StringBuilder().appendCodePoint(f);
          r.forEach(sb::appendCodePoint);
          return sb.toString();
        })
        .assuming(n -> !n.contains("--") && !n.endsWith("-"));
  }

  private static String fromCodePoints(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
