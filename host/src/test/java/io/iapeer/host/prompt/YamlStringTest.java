package io.iapeer.host.prompt;

import static io.iapeer.host.prompt.YamlString.quote;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** J(s) of 03 §8.2, escape by escape. */
class YamlStringTest {

  @Test
  void plainTextIsOnlyQuoted() {
    assertThat(quote("boris")).isEqualTo("\"boris\"");
    assertThat(quote("")).isEqualTo("\"\"");
  }

  @Test
  void quoteAndBackslashAreBackslashed() {
    assertThat(quote("a: \"b\"")).isEqualTo("\"a: \\\"b\\\"\"");
    assertThat(quote("a\\b")).isEqualTo("\"a\\\\b\"");
  }

  @Test
  void theFiveShortControlEscapes() {
    assertThat(quote("\b\t\n\f\r")).isEqualTo("\"\\b\\t\\n\\f\\r\"");
  }

  @Test
  void otherControlsAndDelAreLowercaseSixCharacterEscapes() {
    assertThat(quote("\u0000")).isEqualTo("\"\\u0000\"");
    assertThat(quote("\u001b[0m")).isEqualTo("\"\\u001b[0m\"");
    assertThat(quote("\u000b\u001f")).isEqualTo("\"\\u000b\\u001f\"");
    assertThat(quote("\u007f")).isEqualTo("\"\\u007f\"");
  }

  @Test
  void everyC0ControlIsEscapedAndNothingAboveDelButSurrogatesIs() {
    for (char c = 0; c < 0x20; c++) {
      assertThat(quote(String.valueOf(c))).startsWith("\"\\").hasSizeBetween(4, 8);
    }
    for (char c = 0x20; c < 0xd800; c++) {
      if (c != '"' && c != '\\' && c != 0x7f) {
        assertThat(quote(String.valueOf(c))).isEqualTo("\"" + c + "\"");
      }
    }
  }

  @Test
  void slashAndNonAsciiStayLiteral() {
    assertThat(quote("a\\b/c")).isEqualTo("\"a\\\\b/c\"");
    String mixed = "Борис — 中文 é \u0085 \u2028";
    assertThat(quote(mixed)).isEqualTo("\"" + mixed + "\"");
    assertThat(quote("ship it 🚀")).isEqualTo("\"ship it 🚀\"");
  }

  @Test
  void unpairedSurrogatesAreEscapedInLowercase() {
    assertThat(quote("x\uD83D")).isEqualTo("\"x\\ud83d\"");
    assertThat(quote("\uDE80y")).isEqualTo("\"\\ude80y\"");
    // A low surrogate before a high one is two halves, not a pair.
    assertThat(quote("\uDE80\uD83D")).isEqualTo("\"\\ude80\\ud83d\"");
    assertThat(quote("\uD83D\uD83D\uDE80")).isEqualTo("\"\\ud83d\uD83D\uDE80\"");
  }
}
