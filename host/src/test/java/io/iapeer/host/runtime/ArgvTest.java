package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 03 §12 cases 2–5, with 06 D8's {@code --no-daemon} for codex. */
class ArgvTest {
  @TempDir Path home;

  private RuntimeAdapter adapter(String runtime) {
    return new Adapters(Layout.from(Env.of("HOME", home.toString()))).of(runtime);
  }

  private static LaunchSpec spec(String runtime) {
    return LaunchSpec.fresh(new Identity(runtime, "boris"), Path.of("/w"));
  }

  @Test
  void bareClaudeSkipsPermissionsDisallowsAskUserQuestionAndAddsTheRoot() {
    assertThat(adapter("claude").argv("bin", spec("claude"), Optional.empty()))
        .containsExactly(
            "bin", "--dangerously-skip-permissions", "--disallowedTools", "AskUserQuestion",
            "--add-dir", "/");
  }

  @Test
  void claudeResumesWithContinueAfterThePromptFileAndBeforeExtras() {
    LaunchSpec spec =
        spec("claude")
            .withSystemPromptFile(Path.of("/sp.md"))
            .withResume(true)
            .withExtraArgs(List.of("--foo"));

    List<String> argv = adapter("claude").argv("bin", spec, Optional.empty());

    assertThat(argv)
        .containsExactly(
            "bin", "--dangerously-skip-permissions", "--disallowedTools", "AskUserQuestion",
            "--add-dir", "/", "--system-prompt-file", "/sp.md", "--continue", "--foo");
    assertThat(argv).doesNotContain("--resume", "uuid-1");
  }

  @Test
  void aFreshClaudeLaunchHasNoContinue() {
    assertThat(adapter("claude").argv("bin", spec("claude").withExtraArgs(List.of("--foo")), Optional.empty()))
        .doesNotContain("--continue")
        .endsWith("--foo");
  }

  @Test
  void bareCodexRunsWithoutTheSharedDaemonOnTheMainScreenInTheFolder() {
    assertThat(adapter("codex").argv("codex", spec("codex"), Optional.empty()))
        .containsExactly(
            "codex", "--no-daemon", "--no-alt-screen", "-C", "/w",
            "--dangerously-bypass-approvals-and-sandbox");
  }

  @Test
  void codexResumesWithResumeLastBeforeNoDaemonAndPassesThePromptAsABareConfigToken() {
    LaunchSpec spec = spec("codex").withSystemPromptFile(Path.of("/sp.md")).withResume(true);

    assertThat(adapter("codex").argv("codex", spec, Optional.empty()))
        .containsExactly(
            "codex", "resume", "--last", "--no-daemon", "--no-alt-screen", "-C", "/w",
            "-c", "model_instructions_file=/sp.md", "--dangerously-bypass-approvals-and-sandbox");
  }

  @Test
  void codexIgnoresTheDisallowedToolsOverride() {
    assertThat(adapter("codex").argv("codex", spec("codex"), Optional.of("X,Y")))
        .doesNotContain("--disallowedTools", "X,Y");
  }

  @Test
  void aNotifierRunsItsLauncherWithRunAndTheExtras() {
    RuntimeAdapter notifier = adapter("notifier");
    assertThat(notifier.argv(notifier.binary().orElseThrow(), spec("notifier"), Optional.empty()))
        .containsExactly("notifier-runtime", "run");
    assertThat(notifier.argv("/n/bin", spec("notifier").withExtraArgs(List.of("--foo")), Optional.empty()))
        .containsExactly("/n/bin", "run", "--foo");
  }

  @Test
  void aRouterLauncherComesFromItsBinVariable() {
    Layout layout =
        Layout.from(Env.of("HOME", home.toString(), "TELEGRAM_RUNTIME_BIN", "/t/bin", "NOTIFIER_RUNTIME_BIN", "/n/bin"));
    Adapters a = new Adapters(layout);
    assertThat(a.of("telegram").binary()).contains("/t/bin");
    assertThat(a.of("notifier").binary()).contains("/n/bin");
    assertThat(adapter("telegram").binary()).contains("telegram-runtime");
  }
}
