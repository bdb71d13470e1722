package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** 03 §5 step 4, case 15: the pane-died hook string. */
class ExitHookTest {
  private static final Identity BOB = new Identity("claude", "bob");

  private final String hook = ExitHook.command(BOB, Path.of("/r/logs/iapeer/exits.log"));

  @Test
  void theLineCarriesTheExitCauseFormatsAndAppendsToExitsLog() {
    assertThat(hook)
        .contains("dead_status=#{pane_dead_status}", "dead_signal=#{pane_dead_signal}")
        .contains("ev=session-exit", "identity=claude-bob", "ts=%s")
        .contains(">> \"/r/logs/iapeer/exits.log\"")
        .contains("\\n\"");
  }

  @Test
  void runShellRunsInTheForegroundBeforeTheSessionIsKilled() {
    assertThat(hook).doesNotContain("run-shell -b");
    assertThat(hook.indexOf("run-shell")).isLessThan(hook.indexOf("kill-session -t \"claude-bob\""));
    assertThat(hook).endsWith("kill-session -t \"claude-bob\"");
  }

  @Test
  void theRunShellArgumentIsOneSingleQuotedWord() {
    String arg = hook.substring("run-shell ".length(), hook.indexOf(" ; kill-session"));
    assertThat(arg).startsWith("'").endsWith("'");
    assertThat(arg.substring(1, arg.length() - 1)).doesNotContain("'");
  }

  @Test
  void shellAndFormatCharactersInThePathAreEscaped() {
    String odd = ExitHook.command(BOB, Path.of("/r/a #$\"`\\b/exits.log"));

    assertThat(odd).contains(">> \"/r/a ##\\$\\\"\\`\\\\b/exits.log\"");
  }

  @Test
  void aPathWithASingleQuoteIsRefused() {
    assertThatThrownBy(() -> ExitHook.command(BOB, Path.of("/r/it's/exits.log")))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("/r/it's/exits.log");
  }
}
