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

/**
 * Claude Code's screens: 03 §12 cases 8–10 and the dialogs of Claude Code 2.1.332 as
 * real-runtimes.md records them (unnumbered menus, refusing default).
 */
class ClaudeScreensTest {
  @TempDir Path home;

  private RuntimeAdapter claude() {
    return new Adapters(Layout.from(Env.of("HOME", home.toString()))).of("claude");
  }

  private BootDialog answer(String screen) {
    return claude().bootDialog(Screens.of(screen));
  }

  private boolean ready(String screen) {
    return claude().isInputReady(Screens.of(screen));
  }

  private static BootDialog keys(String dialog, String... keys) {
    return new BootDialog.Keys(dialog, List.of(keys));
  }

  // --- readiness (case 8) ---

  @ParameterizedTest
  @ValueSource(strings = {"real-idle", "real-after-reply", "pasted-text", "spec-fake", "mcp-mention"})
  void theComposerRowWithTheBypassModeLineIsReadyAndNoDialog(String variant) {
    assertThat(ready("claude-ready/" + variant)).isTrue();
    assertThat(answer("claude-ready/" + variant)).isEqualTo(BootDialog.NONE);
  }

  @Test
  void aComposerWithoutTheBypassModeLineIsNotReady() {
    assertThat(ready("claude-ready/no-mode-line")).isFalse();
  }

  @Test
  void theModeLineWithoutAComposerRowIsNotReady() {
    assertThat(claude().isInputReady("Claude Code v2.1.332\n  ⏵⏵ bypass permissions on\n")).isFalse();
  }

  @Test
  void anyDialogMarkerBlocksReadinessEvenWithComposerAndModeLine() {
    String readyTail = "\n❯\n  ⏵⏵ bypass permissions on\n";
    for (String marker :
        List.of(
            "Quick safety check", "trust this folder", "Allow external CLAUDE.md file imports?",
            "I am using this for local development", "Resume from summary",
            "Resuming the full session", "Choose the text style", "Bypass Permissions mode",
            "Detected a custom API key", "2 new MCP servers found in .mcp.json")) {
      assertThat(claude().isInputReady(marker + readyTail)).as(marker).isFalse();
    }
  }

  @Test
  void theThemePickerIsNotReadyAndIsAnsweredWithEnter() {
    assertThat(ready("claude-other-dialogs/theme")).isFalse();
    assertThat(answer("claude-other-dialogs/theme")).isEqualTo(keys("theme", "Enter"));
  }

  // --- folder trust: real default is "No, exit" ---

  @Test
  void theRealTrustDialogWithTheCursorOnNoExitMovesDownNeverEnter() {
    assertThat(answer("claude-trust-dialog/real-cursor-on-no-exit")).isEqualTo(keys("folder-trust", "Down"));
    assertThat(ready("claude-trust-dialog/real-cursor-on-no-exit")).isFalse();
  }

  @Test
  void theRealTrustDialogWithTheCursorOnTrustIsConfirmed() {
    assertThat(answer("claude-trust-dialog/real-cursor-on-yes")).isEqualTo(keys("folder-trust", "Enter"));
  }

  @Test
  void theNumberedTrustDialogIsConfirmedOnYesProceedAndMovedUpFromNoExit() {
    assertThat(answer("claude-trust-dialog/numbered-cursor-on-yes")).isEqualTo(keys("folder-trust", "Enter"));
    assertThat(answer("claude-trust-dialog/numbered-cursor-on-no")).isEqualTo(keys("folder-trust", "Up"));
  }

  @Test
  void aTrustQuestionWithoutItsMenuIsWaitedOutNotConfirmedBlindly() {
    assertThat(answer("claude-trust-dialog/question-without-menu")).isEqualTo(new BootDialog.Wait("folder-trust"));
  }

  // --- custom API key: never answered (06 D8) ---

  @ParameterizedTest
  @ValueSource(strings = {"real-cursor-on-no", "real-cursor-on-yes"})
  void theCustomApiKeyDialogFailsTheLaunchWhereverTheCursorIs(String variant) {
    assertThat(answer("claude-api-key-dialog/" + variant))
        .isEqualTo(
            new BootDialog.Refuse(
                "custom-api-key",
                "Claude Code asks whether to use ANTHROPIC_API_KEY; approve it once in"
                    + " ~/.claude.json or unset it"));
    assertThat(ready("claude-api-key-dialog/" + variant)).isFalse();
  }

  // --- bypass permissions (case 10 "same for the bypass menu") ---

  @Test
  void theRealBypassDialogMovesDownFromNoExitAndConfirmsYesIAccept() {
    assertThat(answer("claude-bypass-dialog/real-cursor-on-no-exit")).isEqualTo(keys("bypass-permissions", "Down"));
    assertThat(answer("claude-bypass-dialog/real-cursor-on-yes")).isEqualTo(keys("bypass-permissions", "Enter"));
  }

  @Test
  void theNumberedBypassDialogMovesDownOnOneAndConfirmsOnTwo() {
    assertThat(answer("claude-bypass-dialog/numbered-cursor-on-1")).isEqualTo(keys("bypass-permissions", "Down"));
    assertThat(answer("claude-bypass-dialog/numbered-cursor-on-2")).isEqualTo(keys("bypass-permissions", "Enter"));
  }

  @Test
  void aBypassWarningWhoseMenuIsNotDrawnYetIsWaitedOut() {
    assertThat(answer("claude-bypass-dialog/menu-not-drawn-yet"))
        .isEqualTo(new BootDialog.Wait("bypass-permissions"));
  }

  // --- resume picker (case 10) ---

  @Test
  void theResumePickerOnSummaryMovesDownRepeatedlyNeverEnter() {
    for (int poll = 0; poll < 3; poll++) {
      assertThat(answer("claude-resume-picker/cursor-on-1")).isEqualTo(keys("resume-picker", "Down"));
    }
  }

  @Test
  void theResumePickerOnTheFullSessionIsConfirmed() {
    assertThat(answer("claude-resume-picker/cursor-on-2")).isEqualTo(keys("resume-picker", "Enter"));
  }

  @Test
  void theThreeOptionResumePickerMovesTowardTheFullSessionFromEitherSide() {
    assertThat(answer("claude-resume-picker/three-options-cursor-on-1")).isEqualTo(keys("resume-picker", "Down"));
    assertThat(answer("claude-resume-picker/three-options-cursor-on-3")).isEqualTo(keys("resume-picker", "Up"));
  }

  @Test
  void aResumeInProgressIsWaitedOutAndNotReady() {
    assertThat(answer("claude-resume-picker/resuming")).isEqualTo(new BootDialog.Wait("resuming"));
    assertThat(ready("claude-resume-picker/resuming")).isFalse();
  }

  // --- the other dialogs of 03's table (case 9) ---

  @Test
  void developmentChannelsAreConfirmedOnTheLocalDevelopmentRow() {
    assertThat(answer("claude-other-dialogs/dev-channels")).isEqualTo(keys("development-channels", "Enter"));
    assertThat(answer("claude-other-dialogs/dev-channels-cursor-on-exit"))
        .isEqualTo(keys("development-channels", "Up"));
  }

  @Test
  void externalImportsAreAnsweredWithEnter() {
    assertThat(answer("claude-other-dialogs/imports")).isEqualTo(keys("claude-md-imports", "Enter"));
  }

  @Test
  void theMcpApprovalNeedsBothItsPartsAndIsAnsweredWithEnter() {
    assertThat(answer("claude-other-dialogs/mcp-approval")).isEqualTo(keys("mcp-approval", "Enter"));
    assertThat(claude().bootDialog("we should add a new MCP server\n")).isEqualTo(BootDialog.NONE);
    assertThat(claude().bootDialog("found in the logs\n")).isEqualTo(BootDialog.NONE);
  }

  @Test
  void theRealOneServerMcpApprovalMovesUpFromContinueWithoutAndConfirmsUseThis() {
    // Claude Code 2.1.332 on a folder whose .claude/settings.json lacks enableAllProjectMcpServers
    assertThat(answer("claude-other-dialogs/real-mcp-approval-one-server")).isEqualTo(keys("mcp-approval", "Up"));
    assertThat(ready("claude-other-dialogs/real-mcp-approval-one-server")).isFalse();
    assertThat(answer("claude-other-dialogs/real-mcp-approval-cursor-on-use-all"))
        .isEqualTo(keys("mcp-approval", "Enter"));
  }

  @Test
  void theLoginPickerIsNeverAnsweredAndNeverReady() {
    assertThat(answer("claude-other-dialogs/login-picker")).isEqualTo(BootDialog.NONE);
    assertThat(ready("claude-other-dialogs/login-picker")).isFalse();
  }

  @Test
  void anEmptyScreenIsNoDialogAndNotReady() {
    assertThat(claude().bootDialog("")).isEqualTo(BootDialog.NONE);
    assertThat(claude().isInputReady("")).isFalse();
  }

  // --- mid-session nag ---

  @Test
  void theFullscreenRendererNagIsDeclinedOneVerifiedStepAtATime() {
    assertThat(claude().nagDismissKeys(Screens.of("claude-nag/modal-cursor-on-yes"))).contains(List.of("Down"));
    assertThat(claude().nagDismissKeys(Screens.of("claude-nag/modal-cursor-on-not-now"))).contains(List.of("Enter"));
  }

  @Test
  void aQuoteOfTheNagAboveTheNormalComposerIsNotTheNag() {
    assertThat(claude().nagDismissKeys(Screens.of("claude-nag/quoted-with-composer"))).isEmpty();
    assertThat(claude().nagDismissKeys(Screens.of("claude-ready/real-idle"))).isEmpty();
  }

  @Test
  void theRealAddDirectoryDialogIsAnsweredByMovingOntoYesAddIt() {
    // Captured from Claude Code 2.1.332 started with `--add-dir /` on a fresh HOME.
    assertThat(answer("claude-add-dir-dialog/real-cursor-on-no-exit")).isEqualTo(keys("add-directory", "Down"));
    assertThat(ready("claude-add-dir-dialog/real-cursor-on-no-exit")).isFalse();
    assertThat(answer("claude-add-dir-dialog/real-cursor-on-yes")).isEqualTo(keys("add-directory", "Enter"));
    assertThat(ready("claude-add-dir-dialog/real-cursor-on-yes")).isFalse();
  }

  @Test
  void everyRealClaudeScreenIsReadOrAnsweredAsTheRealCliNeeds() {
    // Captured from Claude Code 2.1.332 (host/src/test/resources/runtime/real).
    assertThat(answer("real/claude-trust-folder-on-no")).isEqualTo(keys("folder-trust", "Down"));
    assertThat(answer("real/claude-trust-folder-on-yes")).isEqualTo(keys("folder-trust", "Enter"));
    assertThat(answer("real/claude-bypass-on-no")).isEqualTo(keys("bypass-permissions", "Down"));
    assertThat(answer("real/claude-bypass-on-yes")).isEqualTo(keys("bypass-permissions", "Enter"));
    assertThat(answer("real/claude-api-key-on-no")).isInstanceOf(BootDialog.Refuse.class);
    assertThat(ready("real/claude-ready")).isTrue();
    assertThat(answer("real/claude-ready")).isEqualTo(BootDialog.NONE);
    for (String s : new String[] {"trust-folder-on-no", "add-dir-on-no", "api-key-on-no", "bypass-on-no"}) {
      assertThat(ready("real/claude-" + s)).as(s).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"interrupted", "compacted"})
  void theRealScreensAfterAnInterruptAndACompactionAreReady(String stage) {
    // Captured by RealControlIT: the compact gate's "transcript+ready" and the next delivery read them.
    assertThat(ready("real/claude-" + stage)).isTrue();
    assertThat(answer("real/claude-" + stage)).isEqualTo(BootDialog.NONE);
  }
}
