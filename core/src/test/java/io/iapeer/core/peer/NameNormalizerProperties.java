package io.iapeer.core.peer;

import static io.iapeer.core.peer.NameNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The properties of 01 §3.1: slug shape, idempotence, ASCII valid names as fixed points. */
class NameNormalizerProperties {

  @Property
  void anyStringNormalizesToASlugOfAtMost32Chars(@ForAll("anyText") String s) {
    String out = normalize(s);
    assertThat(out)
        .matches("[a-z0-9-]*")
        .hasSizeLessThanOrEqualTo(Names.MAX_NAME_LENGTH)
        .doesNotStartWith("-")
        .doesNotEndWith("-")
        .doesNotContain("--");
  }

  @Property
  void normalizeIsIdempotent(@ForAll("anyText") String s) {
    String once = normalize(s);
    assertThat(normalize(once)).isEqualTo(once);
  }

  @Property
  void asciiValidNamesAreFixedPoints(@ForAll("normalizerShapedNames") String name) {
    assertThat(Names.isPersonality(name)).isTrue();
    assertThat(normalize(name)).isEqualTo(name);
  }

  /**
   * Code points weighted towards the scripts the spec names (Latin, Cyrillic, Greek, Han), plus
   * emoji, lone surrogates, {@code №}, separators and anything at all.
   */
  @Provide
  Arbitrary<String> anyText() {
    Arbitrary<Integer> cp =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
            Tuple.of(2, Arbitraries.integers().between(0xA0, 0x24F)),
            Tuple.of(2, Arbitraries.integers().between(0x370, 0x4FF)),
            Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
            Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
            Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF)),
            Tuple.of(1, Arbitraries.of((int) '№', (int) '-', (int) ' ')),
            Tuple.of(1, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)));
    return cp.list().ofMaxSize(60).map(NameNormalizerProperties::fromCodePoints);
  }

  /** Names the normalizer could produce: personality alphabet, no double or trailing hyphen. */
  @Provide
  Arbitrary<String> normalizerShapedNames() {
    Arbitrary<Character> first = Arbitraries.chars().range('a', 'z');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars('-')
            .ofMaxLength(Names.MAX_NAME_LENGTH - 1);
    return Combinators.combine(first, rest)
        .as((f, r) -> f + r)
        .filter(n -> !n.contains("--") && !n.endsWith("-"));
  }

  private static String fromCodePoints(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
