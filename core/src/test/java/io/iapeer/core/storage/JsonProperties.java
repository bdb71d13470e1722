package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;

/** 01 §0.2 as properties: the pretty form is a fixed point and keeps every value and literal. */
class JsonProperties {

  @Test
  void prettyThenParseGivesBackTheSameTree() {
    qt().withExamples(500)
        .forAll(documents())
        .checkAssert(text -> {
          JsonNode tree = Json.parse(text);
          assertThat(Json.parse(Json.pretty(tree))).isEqualTo(tree);
        });
  }

  @Test
  void thePrettyFormIsAFixedPoint() {
    qt().withExamples(500)
        .forAll(documents())
        .checkAssert(text -> {
          String once = Json.pretty(Json.parse(text));
          assertThat(Json.pretty(Json.parse(once))).isEqualTo(once);
        });
  }

  @Test
  void compactOutputReproducesACompactDocumentExactly() {
    // Key order, string escapes and number literals all survive a read.
    qt().withExamples(500)
        .forAll(documents())
        .checkAssert(text -> assertThat(Json.compact(Json.parse(text))).isEqualTo(text));
  }

  /** Compact JSON texts in Jackson's own compact spelling, with plain-notation number literals. */
  static Gen<String> documents() {
    return value(3);
  }

  private static Gen<String> value(int depth) {
    Gen<String> leaf =
        Generate.frequency(
            List.of(
                Pair.of(3, numberLiteral()),
                Pair.of(3, stringLiteral()),
                Pair.of(1, Generate.pick(List.of("true", "false", "null")))));
    if (depth == 0) {
      return leaf;
    }
    Gen<String> array = lists().of(value(depth - 1)).ofSizeBetween(0, 4).map(vs -> "[" + String.join(",", vs) + "]");
    Gen<String> member = stringLiteral().zip(value(depth - 1), (k, v) -> k + ":" + v);
    Gen<String> object =
        lists().of(member).ofSizeBetween(0, 4)
            .assuming(ms -> ms.stream().map(m -> m.substring(0, m.indexOf("\":") + 1)).distinct().count() == ms.size())
            .map(ms -> "{" + String.join(",", ms) + "}");
    return Generate.frequency(List.of(Pair.of(2, leaf), Pair.of(1, array), Pair.of(2, object)));
  }

  /** Integers of any size and decimals with trailing zeros; never -0, which JSON tools disagree on. */
  private static Gen<String> numberLiteral() {
    Gen<String> digits = lists().of(integers().between(0, 9)).ofSizeBetween(1, 25)
        .map(ds -> ds.stream().map(String::valueOf).reduce("", String::concat));
    Gen<String> intPart = digits.map(d -> d.replaceFirst("^0+(?=.)", ""));
    Gen<String> sign = Generate.pick(List.of("", "-"));
    Gen<String> frac = Generate.frequency(List.of(Pair.of(1, Generate.constant("")), Pair.of(1, digits.map(d -> "." + d))));
    return sign.zip(intPart, frac, (s, i, f) -> s + i + f)
        .assuming(n -> !n.matches("-0(\\.0*)?"));
  }

  /** Strings without characters Jackson escapes differently from the input, so compact output is exact. */
  private static Gen<String> stringLiteral() {
    return strings().betweenCodePoints(0x20, 0x7FF).ofLengthBetween(0, 8)
        .map((String s) -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }
}
