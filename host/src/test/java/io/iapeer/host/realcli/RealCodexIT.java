package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.realcli.Dialog.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Codex CLI (real-runtimes.md) in tmux against the fake model: ready screen, folder
 * trust, a bracketed paste, the session file and {@code resume --last}, with the argv of 03 §3.3
 * and D8. Saves every screen it sees as {@code codex-<stage>.txt}.
 */
class RealCodexIT extends RealCliFixture {
  static final String MESSAGE = RealClaudeIT.MESSAGE;
  static final String QUEUED = RealClaudeIT.QUEUED;
  static final String FOLLOW_UP = RealClaudeIT.FOLLOW_UP;

  static final List<Dialog> DIALOGS = List.of(
      new Dialog("trust-folder", "Trust this folder?", "›",
          List.of(new Option("trust", "1. Trust and continue"),
              new Option("back", "2. Back to Agent Command Center")), 0));

  Path codexHome;

  @BeforeEach
  void setUp() {
    codexHome = tmp.resolve("home/.codex");
  }

  /** The composer (03 §3.3): a row starting with "› " and no "Press enter to continue". */
  static boolean composerShown(String screen) {
    return !screen.contains("Press enter to continue") && screen.lines().anyMatch(l -> l.strip().startsWith("› "));
  }

  /**
   * Ready: the composer and the status line naming the model. Codex draws the composer about two
   * seconds before its session is configured; a message submitted then waits under "Waiting for
   * startup" and is sent once it is.
   */
  static boolean ready(String screen) {
    return composerShown(screen) && screen.contains("fake-model default");
  }

  LiveTui codex(String session, String... leading) {
    Map<String, String> env = Map.of(
        "HOME", tmp.resolve("home").toString(),
        "CODEX_HOME", codexHome.toString(),
        "PATH", RealClis.path(),
        "LANG", "C.UTF-8",
        CodexHome.KEY_VARIABLE, "dummy");
    List<String> argv = new ArrayList<>(List.of(RealClis.codex().toString()));
    argv.addAll(List.of(leading));
    argv.addAll(List.of("--no-daemon", "--no-alt-screen", "-C", project.toString(),
        "--dangerously-bypass-approvals-and-sandbox"));
    return new LiveTui(tmux, session, new Screens("codex"), DIALOGS, RealCodexIT::ready).start(project, env, argv);
  }

  @Test
  void aPastedMessageReachesTheModelAndTheSessionVerbatimAndSurvivesResumeLast() {
    CodexHome.prepare(codexHome, model.responsesBaseUrl(), project);
    LiveTui tui = codex("first");
    Screen first = tui.awaitScreen("the composer", RealCodexIT::composerShown);
    if (!ready(first.text())) {
      tui.save("starting", first);
    }
    assertThat(tui.boot()).isEmpty();
    tui.save("ready", tui.screen());

    tui.paste(MESSAGE);
    tui.save("composer-pasted", tui.awaitScreen("the paste in the composer", s -> s.contains("🚀 ✓")));
    CountDownLatch release = model.replyWhenReleased(Reply.text("ack"));
    tui.keys("Enter");
    tui.awaitThat("the first turn at the model", () -> model.turns().size() == 1);
    tui.save("busy", tui.awaitScreen("the busy screen", s -> s.contains("esc to interrupt")));

    // Sent while the model works, a message waits as pending input for the next step of the turn.
    tui.paste(QUEUED);
    tui.awaitScreen("the second message in the composer", s -> s.contains("› " + QUEUED));
    tui.keys("Enter");
    tui.save("busy-queued", tui.awaitScreen("the message pending", s -> s.contains("↳ " + QUEUED)));
    release.countDown();
    tui.awaitThat("the second message at the model",
        () -> model.turns().stream().anyMatch(t -> t.conversationTexts().contains(QUEUED)));
    tui.save("replied", tui.awaitScreen("the reply", s -> tui.isReady(s)
        && !s.contains("Messages to be submitted") && s.lastIndexOf("• ack") > s.indexOf(QUEUED)));

    assertThat(model.turns().getFirst().conversationTexts()).contains(MESSAGE);
    await().atMost(LiveTui.PATIENCE).ignoreExceptions()
        .untilAsserted(() -> assertThat(CodexHome.userTexts(codexHome)).contains(MESSAGE, QUEUED));

    tui.kill();
    int before = model.turns().size();
    // `resume --last` goes first: it is a subcommand, the flags follow it (D8 pins this place).
    LiveTui resumed = codex("resumed", "resume", "--last");
    assertThat(resumed.boot()).isEmpty();
    resumed.save("resumed", resumed.awaitScreen("the earlier turns", s -> s.contains("• ack")));
    // Pasted, not typed: Codex takes fast typing followed by Enter as a paste burst, and the Enter
    // then stays in the composer as a newline (seen with send-keys -l then Enter, 1 run in 8).
    resumed.paste(FOLLOW_UP);
    resumed.awaitScreen("the follow-up in the composer", s -> s.contains("› " + FOLLOW_UP));
    resumed.keys("Enter");
    resumed.awaitThat("the follow-up at the model", () -> model.turns().size() == before + 1);
    assertThat(model.turns().getLast().conversationTexts()).containsSubsequence(MESSAGE, QUEUED, FOLLOW_UP);
  }

  @Test
  void anUntrustedGitFolderAsksForTrustAndSavesIt() throws Exception {
    // Codex asks only inside a repository; a plain folder starts without the dialog.
    Process git = new ProcessBuilder("git", "init", "-q", project.toString()).start();
    assertThat(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0).isTrue();
    CodexHome.prepare(codexHome, model.responsesBaseUrl(), null);
    LiveTui tui = codex("trust");
    Dialog trust = DIALOGS.getFirst();
    tui.awaitScreen("the trust dialog", LiveTui.unchangedFor(LiveTui.STEADY).and(s -> trust.selected(s) == 0));
    tui.keys("Down");
    tui.awaitScreen("the cursor on Back", s -> trust.selected(s) == 1);

    assertThat(tui.boot()).containsExactly("trust-folder");
    assertThat(CodexHome.config(codexHome))
        .contains("[projects.\"" + Io.realPath(project) + "\"]\ntrust_level = \"trusted\"");
  }
}
