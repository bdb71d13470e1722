package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.realcli.Dialog.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Claude Code (real-runtimes.md) in tmux against the fake model: its boot dialogs, ready
 * screen, a bracketed paste, the transcript and {@code --continue}, as the claude adapter meets
 * them (03 §3.2, D8). Saves every screen it sees as {@code claude-<stage>.txt}.
 */
class RealClaudeIT extends RealCliFixture {
  /** A dummy key: the fake model ignores it; Claude only insists one is set. */
  static final String API_KEY = "sk-ant-iapeer-test-0123456789abcdefghij";
  static final String MESSAGE = """
      <iap from="alice" topic="review">
      line two: ]]> and </iap> with "double" and 'single' quotes
      non-ASCII: héllo Мария 日本語 🚀 ✓
      </iap>""";
  static final String QUEUED = "a second message, sent while busy";
  static final String FOLLOW_UP = "a follow-up after the restart";

  static final List<Dialog> DIALOGS = List.of(
      new Dialog("trust-folder", "Is this a project you created or one you trust?", "❯",
          List.of(new Option("no", "No, exit"), new Option("yes", "Yes, I trust this folder")), 1),
      new Dialog("add-dir", "Adding a new directory", "❯",
          List.of(new Option("no", "No, exit"), new Option("yes", "Yes, add it")), 1),
      new Dialog("api-key", "Detected a custom API key in your environment", "❯",
          List.of(new Option("yes", "Yes"), new Option("no", "No (recommended)")), 0),
      new Dialog("bypass", "Bypass Permissions mode", "❯",
          List.of(new Option("no", "No, exit"), new Option("yes", "Yes, I accept")), 1));

  Path home;

  @BeforeEach
  void setUp() {
    home = tmp.resolve("home");
  }

  /** Ready: the composer row starts with ❯ and the mode line says bypass permissions on. */
  static boolean ready(String screen) {
    return screen.contains("bypass permissions on") && screen.lines().anyMatch(l -> l.startsWith("❯"));
  }

  /** The empty composer row is "❯" and a no-break space (U+00A0), which strip() keeps. */
  static boolean composerEmpty(String screen) {
    return screen.lines().anyMatch(l -> l.equals("❯\u00a0"));
  }

  LiveTui claude(String session, String... extra) {
    Map<String, String> env = Map.of(
        "HOME", home.toString(),
        "PATH", RealClis.path(),
        "LANG", "C.UTF-8",
        "ANTHROPIC_BASE_URL", model.anthropicBaseUrl(),
        "ANTHROPIC_API_KEY", API_KEY,
        "DISABLE_AUTOUPDATER", "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
        "IS_SANDBOX", "1");
    List<String> argv = new ArrayList<>(List.of(RealClis.claude().toString(),
        "--dangerously-skip-permissions", "--disallowedTools", "AskUserQuestion", "--add-dir", "/"));
    argv.addAll(List.of(extra));
    return new LiveTui(tmux, session, new Screens("claude"), DIALOGS, RealClaudeIT::ready).start(project, env, argv);
  }

  @Test
  void aPastedMessageReachesTheModelAndTheTranscriptVerbatimAndSurvivesContinue() {
    ClaudeHome.prepare(home, API_KEY);
    LiveTui tui = claude("first");
    assertThat(tui.boot()).containsExactly("trust-folder", "add-dir", "bypass");
    tui.save("ready", tui.screen());

    tui.paste(MESSAGE);
    // Claude folds a multi-line paste into a placeholder until it is submitted.
    tui.save("composer-pasted", tui.awaitScreen("the paste in the composer", s -> s.contains("[Pasted text #1")));
    CountDownLatch release = model.replyWhenReleased(Reply.text("ack"));
    tui.keys("Enter");
    tui.awaitThat("the first turn at the model", () -> model.turns().size() == 1);
    tui.save("busy", tui.awaitScreen("the busy screen", s -> s.contains("esc to interrupt")));

    // Sent while the model works, a message waits in Claude's queue and goes as the next turn.
    tui.paste(QUEUED);
    tui.awaitScreen("the second message in the composer", s -> s.contains("❯\u00a0" + QUEUED));
    tui.keys("Enter");
    tui.save("busy-queued", tui.awaitScreen("the message queued", s -> s.contains("Queued")));
    release.countDown();
    tui.save("replied", tui.awaitScreen("both replies",
        s -> s.lastIndexOf("● ack") > s.indexOf(QUEUED) && composerEmpty(s)));

    assertThat(model.turns()).hasSize(2);
    // The paste reaches the model inside Claude's own <pasted_content> wrapper, byte for byte.
    assertThat(model.turns().getFirst().conversationTexts()).anySatisfy(t -> assertThat(t).contains(MESSAGE));
    assertThat(model.turns().getLast().conversationTexts()).last().isEqualTo(QUEUED);
    await().atMost(LiveTui.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(ClaudeHome.userTexts(home, project)).anySatisfy(t -> assertThat(t).contains(MESSAGE)));

    tui.kill();
    LiveTui resumed = claude("resumed", "--continue");
    // The folder stays trusted; the extra directory is asked about again in every session.
    assertThat(resumed.boot()).containsExactly("add-dir");
    resumed.save("resumed", resumed.awaitScreen("the earlier turns", s -> s.contains(QUEUED)));
    resumed.paste(FOLLOW_UP);
    resumed.awaitScreen("the follow-up in the composer", s -> s.contains("❯\u00a0" + FOLLOW_UP));
    resumed.keys("Enter");
    resumed.awaitThat("the follow-up at the model", () -> model.turns().size() == 3);
    assertThat(model.turns().getLast().conversationTexts().stream().map(t -> t.contains(MESSAGE) ? MESSAGE : t))
        .containsSubsequence(MESSAGE, "ack", QUEUED, "ack", FOLLOW_UP);
  }

  @Test
  void anUnapprovedKeyIsAskedAboutAndAYesIsStoredAsItsLastTwentyCharacters() {
    ClaudeHome.prepare(home, null);
    LiveTui tui = claude("key");
    assertThat(tui.boot()).containsExactly("trust-folder", "add-dir", "api-key", "bypass");
    assertThat(ClaudeHome.config(home).at("/customApiKeyResponses/approved/0").asString())
        .isEqualTo(ClaudeHome.keyTail(API_KEY));
  }
}
