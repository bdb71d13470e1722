package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Codex's screens: 03 §12 cases 11 and 12, the ready screen of Codex 0.171.0 (real-runtimes.md). */
class CodexScreensTest {
  @TempDir Path home;

  private RuntimeAdapter codex() {
    return new Adapters(Layout.from(Env.of("HOME", home.toString()))).of("codex");
  }

  private BootDialog answer(String screen) {
    return codex().bootDialog(Screens.of(screen));
  }

  private boolean ready(String screen) {
    return codex().isInputReady(Screens.of(screen));
  }

  @Test
  void theUpdateOfferIsDeclinedWithTwoThenEnter() {
    assertThat(answer("codex-dialogs/update")).isEqualTo(new BootDialog.Keys("update", List.of("2", "Enter")));
  }

  @Test
  void directoryTrustIsAnsweredWithEnter() {
    assertThat(answer("codex-dialogs/directory-trust"))
        .isEqualTo(new BootDialog.Keys("directory-trust", List.of("Enter")));
  }

  @Test
  void hooksReviewIsAnsweredWithTwoAlone() {
    assertThat(answer("codex-dialogs/hooks")).isEqualTo(new BootDialog.Keys("hooks-review", List.of("2")));
  }

  @Test
  void theUpdateOfferIsAnsweredFirstWhenItSharesTheScreen() {
    String both = Screens.of("codex-dialogs/update") + "\nDo you trust the contents of this directory?\n";
    assertThat(codex().bootDialog(both)).isEqualTo(new BootDialog.Keys("update", List.of("2", "Enter")));
  }

  @Test
  void theReadyScreenAndAPlainHistoryHaveNoDialog() {
    assertThat(answer("codex-ready/real-splash")).isEqualTo(BootDialog.NONE);
    assertThat(answer("codex-ready/history-mcp-warning")).isEqualTo(BootDialog.NONE);
  }

  @Test
  void theSplashWithTheComposerIsReady() {
    assertThat(ready("codex-ready/real-splash")).isTrue();
  }

  @Test
  void aHistoryWithAnMcpWarningAndTheComposerButNoSplashIsReady() {
    assertThat(ready("codex-ready/history-mcp-warning")).isTrue();
  }

  @Test
  void dialogScreensAreNotReadyThoughTheirCursorRowStartsWithTheGlyph() {
    assertThat(ready("codex-dialogs/update")).isFalse();
    assertThat(ready("codex-dialogs/directory-trust")).isFalse();
    assertThat(ready("codex-dialogs/hooks")).isFalse();
  }

  @Test
  void theHeaderBoxAloneIsNotReady() {
    assertThat(ready("codex-ready/box-only")).isFalse();
  }

  @Test
  void aBareGlyphWithoutTheFollowingSpaceIsNotReady() {
    assertThat(ready("codex-ready/bare-glyph")).isFalse();
  }

  @Test
  void claudesGlyphIsNotCodexsComposer() {
    assertThat(codex().isInputReady("❯ Ask Codex to do anything\n")).isFalse();
  }

  @Test
  void theRealFolderAccessDialogIsAcceptedOnlyFromTrustAndContinue() {
    // Captured from Codex 0.171.0 started in an untrusted git repository.
    assertThat(answer("codex-folder-access/real-cursor-on-trust"))
        .isEqualTo(new BootDialog.Keys("folder-access", List.of("Enter")));
    assertThat(answer("codex-folder-access/real-cursor-on-back"))
        .isEqualTo(new BootDialog.Keys("folder-access", List.of("Up")));
    // Its option row starts with `› `, yet it is no composer.
    assertThat(ready("codex-folder-access/real-cursor-on-trust")).isFalse();
  }

  @Test
  void theRealReadyScreenIsReady() {
    assertThat(ready("real/codex-ready")).isTrue();
    assertThat(answer("real/codex-ready")).isEqualTo(BootDialog.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"interrupted", "compacted"})
  void theRealScreensAfterAnInterruptAndACompactionAreReady(String stage) {
    // Captured by RealControlIT: the compact gate's "transcript+ready" and the next delivery read them.
    assertThat(ready("real/codex-" + stage)).isTrue();
    assertThat(answer("real/codex-" + stage)).isEqualTo(BootDialog.NONE);
  }
}
