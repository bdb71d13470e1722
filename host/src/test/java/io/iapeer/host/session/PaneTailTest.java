package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** 03 §5 paneTail, case 14. */
class PaneTailTest {

  @Test
  void theLastTwoNonEmptyLinesJoinedWithWhitespaceCollapsedAndDoubleQuotesMadeSingle() {
    assertThat(PaneTail.of("first\n\n  middle  line \n⚠ MCP \"failed\"\n› composer\n\n"))
        .isEqualTo("⚠ MCP 'failed' ⏎ › composer");
  }

  @Test
  void oneLineIsItself() {
    assertThat(PaneTail.of("only")).isEqualTo("only");
  }

  @Test
  void nothingVisibleIsEmpty() {
    assertThat(PaneTail.of("")).isEmpty();
    assertThat(PaneTail.of(" \n\t\r\n  \n")).isEmpty();
  }

  @Test
  void aLongTailIsCutTo160Characters() {
    assertThat(PaneTail.of("x".repeat(300))).hasSize(160);
  }

  @Test
  void crlfScreensAndNoBreakSpacesCollapseLikeLf() {
    assertThat(PaneTail.of("a\r\nb\u00a0\u00a0c\r\n")).isEqualTo("a ⏎ b c");
  }

  @Test
  void anyScreenGivesOneShortLineWithoutDoubleQuotes() {
    qt().withExamples(1000)
        .forAll(strings().allPossible().ofLengthBetween(0, 600))
        .checkAssert(screen -> {
          String tail = PaneTail.of(screen);
          assertThat(tail.codePointCount(0, tail.length())).isLessThanOrEqualTo(160);
          assertThat(tail).doesNotContain("\n", "\"");
        });
  }
}
