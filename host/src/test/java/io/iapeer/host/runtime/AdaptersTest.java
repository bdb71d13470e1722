package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.RuntimeAdapter.DeliveryConfirm;
import io.iapeer.host.runtime.RuntimeAdapter.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 03 §12 cases 1, 6, 7 (the declarations) and 13. */
class AdaptersTest {
  @TempDir Path home;

  private Adapters adapters() {
    return new Adapters(Layout.from(Env.of("HOME", home.toString(), "PATH", "")));
  }

  @Test
  void claudeCodexTelegramAndNotifierResolveToTheirAdapters() {
    Adapters a = adapters();
    assertThat(a.of("claude")).isInstanceOf(ClaudeAdapter.class);
    assertThat(a.of("codex")).isInstanceOf(CodexAdapter.class);
    assertThat(a.of("telegram")).isInstanceOf(RouterAdapter.class);
    assertThat(a.of("notifier")).isInstanceOf(RouterAdapter.class);
    assertThat(List.of("claude", "codex", "telegram", "notifier"))
        .allSatisfy(rt -> assertThat(a.of(rt).runtime()).isEqualTo(rt));
  }

  @Test
  void anyOtherRuntimeIsAnErrorThatNamesIt() {
    for (String rt : List.of("voicetalk", "web", "gemini")) {
      assertThatThrownBy(() -> adapters().of(rt))
          .isInstanceOf(IapException.class)
          .hasMessage("no launch adapter for runtime \"" + rt + "\"");
      assertThat(adapters().find(rt)).isEmpty();
    }
  }

  @Test
  void agentCLIsAreTuisWithDoctrineAndRoutersAreNeither() {
    Adapters a = adapters();
    assertThat(a.of("claude").kind()).isEqualTo(Kind.TUI);
    assertThat(a.of("codex").kind()).isEqualTo(Kind.TUI);
    assertThat(a.of("claude").usesDoctrine()).isTrue();
    assertThat(a.of("codex").usesDoctrine()).isTrue();
    for (String rt : List.of("telegram", "notifier")) {
      assertThat(a.of(rt).kind()).isEqualTo(Kind.ROUTER);
      assertThat(a.of(rt).usesDoctrine()).isFalse();
    }
  }

  @Test
  void routersHaveNoDialogsAreAlwaysReadyHaveNoActivityAndAlwaysResume() {
    for (String rt : List.of("telegram", "notifier")) {
      RuntimeAdapter r = adapters().of(rt);
      assertThat(r.bootDialog("WARNING: Claude Code running in Bypass Permissions mode\n❯ No, exit\n"))
          .isEqualTo(BootDialog.NONE);
      assertThat(r.isInputReady("")).isTrue();
      assertThat(r.newestActivityMtime(home)).isEmpty();
      assertThat(r.lastTurnMtime(home)).isEmpty();
      assertThat(r.childActivityMtime(home)).isEmpty();
      assertThat(r.resolveResume(home)).isEqualTo(new Resume.Available(Optional.empty()));
      assertThat(r.transcriptFiles(home)).isEmpty();
      assertThat(r.promptGlyphs()).isEmpty();
      assertThat(r.pastePatterns()).isEmpty();
      assertThat(r.deliveryConfirm()).isEqualTo(DeliveryConfirm.PASTE);
      assertThat(r.nagDismissKeys("Try the new fullscreen renderer?")).isEmpty();
    }
  }

  @Test
  void claudesGlyphIsTheHeavyAngleAndCodexsTheSingleGuillemet() {
    assertThat(adapters().of("claude").promptGlyphs()).containsExactly("❯");
    assertThat(adapters().of("codex").promptGlyphs()).containsExactly("›").doesNotContain("❯");
  }

  @Test
  void bothCLIsDrawGhostTextFaintOrGreyAndShowPastesAsPlaceholders() {
    for (String rt : List.of("claude", "codex")) {
      RuntimeAdapter a = adapters().of(rt);
      assertThat(a.ghostTextSgr()).containsExactly("2", "38;5;246");
      assertThat(a.pastePatterns())
          .anySatisfy(p -> assertThat(p.matcher("❯ [Pasted text +5 lines]").find()).isTrue())
          .anySatisfy(p -> assertThat(p.matcher("› [Image #1]").find()).isTrue());
    }
  }

  @Test
  void claudeConfirmsByTranscriptAndCodexByTheSocketAck() {
    assertThat(adapters().of("claude").deliveryConfirm()).isEqualTo(DeliveryConfirm.TRANSCRIPT);
    assertThat(adapters().of("codex").deliveryConfirm()).isEqualTo(DeliveryConfirm.SOCKET_ACK);
  }

  @Test
  void onlyTelegramRequiresAnIntelligenceAndItIsNatural() {
    assertThat(adapters().of("telegram").requiredIntelligence()).contains(Intelligence.NATURAL);
    for (String rt : List.of("claude", "codex", "notifier")) {
      assertThat(adapters().of(rt).requiredIntelligence()).isEmpty();
    }
  }

  @Test
  void interruptIsOneEscapeAndCompactTypesTheCommandThenEnterWith300msSteps() {
    for (String rt : List.of("claude", "codex")) {
      RuntimeAdapter a = adapters().of(rt);
      assertThat(a.control("interrupt")).contains(new KeyPlan(List.of(List.of("Escape")), Duration.ZERO));
      assertThat(a.control("compact"))
          .contains(
              new KeyPlan(List.of(List.of("-l", "/compact"), List.of("Enter")), Duration.ofMillis(300)));
      assertThat(a.control("goal")).isEmpty();
      assertThat(a.control("reboot")).isEmpty();
    }
  }

  @Test
  void routersSupportNoControlAction() {
    for (String rt : List.of("telegram", "notifier")) {
      for (String action : List.of("interrupt", "compact", "anything")) {
        assertThat(adapters().of(rt).control(action)).isEmpty();
      }
    }
  }
}
