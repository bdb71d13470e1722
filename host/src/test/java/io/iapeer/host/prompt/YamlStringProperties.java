package io.iapeer.host.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.iapeer.core.storage.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** J(s) is a JSON string literal (03 §8.2): any description survives a JSON parser unchanged. */
class YamlStringProperties {

  @Test
  void theDescriptionLineParsesBackToTheSameString() {
    qt().withExamples(5000)
        .forAll(anyText())
        .checkAssert(
            s -> {
              String line = "description: " + YamlString.quote(s);
              assertThat(line).doesNotContain("\n", "\r");
              String literal = line.substring("description: ".length());
              assertThat(Json.parse(literal).stringValue()).isEqualTo(s);
            });
  }

  @Test
  void theLiteralHoldsNoRawControlCharacterAndNoLoneSurrogate() {
    qt().withExamples(5000)
        .forAll(anyText())
        .checkAssert(
            s -> {
              String q = YamlString.quote(s);
              assertThat(q.chars().filter(c -> c < 0x20 || c == 0x7f)).isEmpty();
              assertThat(q.codePoints().filter(c -> c >= 0xd800 && c <= 0xdfff)).isEmpty();
            });
  }

  /**
   * Strings weighted towards what the escaper must get right: quotes, backslashes, slashes, every
   * control, DEL, C1 controls, line separators, emoji and lone surrogates — plus anything at all.
   */
  static Gen<String> anyText() {
    Gen<Integer> unit =
        Generate.frequency(
            List.of(
                Pair.of(4, Generate.range(0x20, 0x7e)),
                Pair.of(2, Generate.pick(List.of((int) '"', (int) '\\', (int) '/', 0x7f))),
                Pair.of(2, Generate.range(0, 0x1f)),
                Pair.of(1, Generate.range(0x80, 0x9f)),
                Pair.of(1, Generate.pick(List.of(0x2028, 0x2029, 0xfeff, 0xfffd))),
                Pair.of(1, Generate.range(0x400, 0x4ff)),
                Pair.of(1, Generate.range(0x1f300, 0x1faff)),
                Pair.of(2, Generate.range(0xd800, 0xdfff)),
                Pair.of(1, Generate.range(0, Character.MAX_CODE_POINT))));
    return lists().of(unit).ofSizeBetween(0, 40).map(YamlStringProperties::text);
  }

  /** Lone surrogate code points become single UTF-16 units, so adjacent ones may pair up or not. */
  private static String text(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
