package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.runtime.TuiAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** 02 §9.8 human-text detection, acceptance case 69, and the real CLIs' screens. */
class HumanTextTest {
  private static final String ESC = "\u001b";
  private static final List<String> GHOST = TuiAdapter.GHOST_TEXT_SGR;

  private static boolean human(String screen, String glyph) {
    return HumanText.present(screen, List.of(glyph), GHOST);
  }

  private static String screen(String composerRow) {
    return "✻ Claude Code\n\nsome history\n" + ESC + "[38;5;246m────────" + ESC + "[39m\n" + composerRow + "\n────\n  ? for shortcuts";
  }

  @ParameterizedTest
  @ValueSource(strings = {"❯", "›"})
  void defaultColourTextAfterTheGlyphIsHuman(String glyph) {
    assertThat(human(screen(glyph + " hello"), glyph)).isTrue();
    assertThat(human(screen(glyph + " " + ESC + "[39mhello" + ESC + "[0m"), glyph)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"❯", "›"})
  void faintOrGreyTextIsAPlaceholder(String glyph) {
    assertThat(human(screen(glyph + " " + ESC + "[2mAsk anything" + ESC + "[0m"), glyph)).isFalse();
    assertThat(human(screen(glyph + " " + ESC + "[38;5;246mTry \"fix lint\"" + ESC + "[39m"), glyph)).isFalse();
    assertThat(human(screen(glyph + " " + ESC + "[1;2mbold faint" + ESC + "[22mX"), glyph)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"❯", "›"})
  void anAcceptedSuggestionInTheDefaultColourIsHuman(String glyph) {
    String ghost = glyph + " " + ESC + "[2mrun the tests" + ESC + "[0m";
    String accepted = glyph + " run the tests";
    assertThat(human(screen(ghost), glyph)).isFalse();
    assertThat(human(screen(accepted), glyph)).isTrue();
  }

  @Test
  void anEmptyComposerOrNoComposerIsNotHuman() {
    assertThat(human(screen("❯ "), "❯")).isFalse();
    assertThat(human(screen("❯\u00a0" + ESC + "[7m " + ESC + "[0m"), "❯")).isFalse();
    assertThat(human("✻ Working… (esc to interrupt)\n", "❯")).isFalse();
  }

  @Test
  void onlyTheLastComposerRowCounts() {
    String history = "❯ an earlier message in the history\n";
    assertThat(human(history + screen("❯ "), "❯")).isFalse();
    assertThat(human(screen("❯ typed") + "\n❯ ", "❯")).isFalse();
  }

  @Test
  void aTruecolourForegroundIsNeverGhost() {
    assertThat(human(screen("› " + ESC + "[38;2;128;128;128mgrey-ish"), "›")).isTrue();
    assertThat(human(screen("› " + ESC + "[48;5;246m" + ESC + "[38;5;246mgrey on grey"), "›")).isFalse();
  }

  @Test
  void styleCarriesOverFromEarlierRows() {
    // tmux emits a style change only where it changes; a faint run may start on an earlier row
    assertThat(human(ESC + "[2mfaint above\n› still faint", "›")).isFalse();
    assertThat(human(ESC + "[2mfaint above" + ESC + "[0m\n› plain", "›")).isTrue();
  }

  @Test
  void aBasicColourIsGhostOnlyWhenTheRuntimeListsIt() {
    String row = screen("› " + ESC + "[90mhint" + ESC + "[39m");
    assertThat(HumanText.present(row, List.of("›"), GHOST)).isTrue();
    assertThat(HumanText.present(row, List.of("›"), List.of("90"))).isFalse();
  }

  @Test
  void oscHyperlinksAreSkipped() {
    assertThat(human(screen("› " + ESC + "]8;;http://x" + ESC + "\\" + ESC + "[2mlink" + ESC + "]8;;\u0007"), "›"))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "claude-ready, ❯, false",
    "claude-busy, ❯, false",
    "claude-busy-queued, ❯, false",
    "claude-replied, ❯, false",
    "claude-resumed, ❯, false",
    "claude-composer-pasted, ❯, true",
    "codex-ready, ›, false",
    "codex-busy, ›, false",
    "codex-busy-queued, ›, false",
    "codex-replied, ›, false",
    "codex-composer-pasted, ›, true"
  })
  void theRealClisScreens(String name, String glyph, boolean expected) throws IOException {
    assertThat(human(real(name), glyph)).as(name).isEqualTo(expected);
  }

  private static String real(String name) throws IOException {
    try (InputStream in = HumanTextTest.class.getResourceAsStream("/runtime/real/" + name + ".ansi")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
