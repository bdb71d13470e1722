package io.iapeer.host.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlLineTest {
  @Test
  void aTableHeaderIsReadWithItsKeyUnquotedHoweverItIsSpelled() {
    List<String> key = List.of("projects", "/a \"b\"\\c");
    assertThat(TomlLine.header("[projects.\"/a \\\"b\\\"\\\\c\"]").orElseThrow().key())
        .isEqualTo(key);
    assertThat(TomlLine.header("  [ projects . '/a \"b\"\\c' ]  # x\r").orElseThrow().key())
        .isEqualTo(key);
    assertThat(TomlLine.header("[x.\"\\u00e9\\U0001F600\"]").orElseThrow().key())
        .containsExactly("x", "é\uD83D\uDE00");
  }

  @Test
  void arrayHeadersAreHeadersButNotTables() {
    assertThat(TomlLine.header("[[hooks.pre]]").orElseThrow().array()).isTrue();
    assertThat(TomlLine.header("[hooks.pre]").orElseThrow().array()).isFalse();
  }

  @Test
  void linesThatOnlyLookLikeHeadersAreNot() {
    assertThat(TomlLine.header("[link](http://example.com)")).isEmpty();
    assertThat(TomlLine.header("a = [1, 2]")).isEmpty();
    assertThat(TomlLine.header("[a.]")).isEmpty();
    assertThat(TomlLine.header("[\"open]")).isEmpty();
    assertThat(TomlLine.header("[\"\\q\"]")).isEmpty();
    assertThat(TomlLine.header("[\"\\u+0e9\"]")).isEmpty();
    assertThat(TomlLine.header("[[a]")).isEmpty();
  }

  @Test
  void aOneLineStringValueIsReadWithItsTrailingCommentIgnored() {
    assertThat(TomlLine.string(" \"http://x/mcp\"  # note")).contains("http://x/mcp");
    assertThat(TomlLine.string("'C:\\path'")).contains("C:\\path");
    assertThat(TomlLine.string(" \"x\" y")).isEmpty();
    assertThat(TomlLine.string(" 42")).isEmpty();
  }

  @Test
  void quotingEscapesWhatABasicStringCannotHoldAndReadsBackTheSame() {
    String raw = "/a\"b\\c\td\u0001";
    assertThat(TomlLine.quote(raw)).isEqualTo("\"/a\\\"b\\\\c\\td\\u0001\"");
    assertThat(TomlLine.string(TomlLine.quote(raw))).contains(raw);
  }
}
