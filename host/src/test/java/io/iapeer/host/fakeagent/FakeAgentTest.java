package io.iapeer.host.fakeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The fake agent (03 §11) in a real tmux pane, driven as the launcher and warm delivery drive it. */
class FakeAgentTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String WORKING = "✻ Working… (esc to interrupt)";
  /** Markup, CDATA terminator, quotes and non-ASCII: everything an envelope may carry. */
  private static final String ENVELOPE =
      "<iap from=\"claude-boris\" topic='deploy'>\n"
          + "<msg><![CDATA[keep ]]]]><![CDATA[> verbatim]]></msg>\n"
          + "naïve café — 日本語 😀 \"double\" 'single'\n"
          + "</iap>";

  @TempDir Path tmp;
  private Path home;
  private Path work;
  private FakeAgentInstall.Installed agents;
  private final Map<String, String> env = new HashMap<>();
  private TmuxPane pane;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    work = Files.createDirectories(tmp.resolve("work/proj"));
    agents = FakeAgentInstall.into(tmp.resolve("bin"));
    env.put("HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("FAKE_AGENT_BOOT_MS", "50");
  }

  @AfterEach
  void tearDown() {
    if (pane != null) {
      pane.close();
    }
  }

  // ---- boot and ready screens (F4, F6)

  @Test
  void claudeBootsToAComposerRowWithTheBypassFooter() {
    start("claude", false);
    String screen = awaitReady("claude");
    assertThat(screen).contains("Claude Code").doesNotContain("trust this folder", "Bypass Permissions mode");
    assertThat(screen.lines()).contains("❯").anyMatch(l -> l.contains("⏵⏵ bypass permissions on"));
  }

  @Test
  void claudeWithoutSkipPermissionsHasNoBypassDialogNorFooter() {
    env.put("FAKE_AGENT_DIALOGS", "bypass");
    launch("claude", List.of());
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯"));
    assertThat(pane.screen()).doesNotContain("bypass permissions on", "Bypass Permissions mode");
  }

  @Test
  void codexBootsToAComposerRowAndWritesItsSessionMetaFirst() throws IOException {
    start("codex", false);
    assertThat(awaitReady("codex").lines()).contains("› Ask Codex to do anything");
    Path session = single(codexSessions());
    assertThat(home.resolve(".codex/sessions").relativize(session).toString())
        .matches("\\d{4}/\\d{2}/\\d{2}/rollout-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.jsonl");
    JsonNode meta = records(session).get(0);
    assertThat(meta.path("type").asString()).isEqualTo("session_meta");
    assertThat(meta.path("timestamp").asString()).endsWith("Z");
    assertThat(meta.path("payload").path("cwd").asString()).isEqualTo(work.toRealPath().toString());
    assertThat(session.getFileName().toString()).contains(meta.path("payload").path("id").asString());
  }

  // ---- launch record (F2)

  @Test
  void claudeLaunchRecordCarriesArgvThePeerEnvAndThePromptDigest() throws Exception {
    Path prompt = Files.writeString(tmp.resolve("sp.md"), "---\npersonality: \"boris\"\n---\n\nBe the implementer.\n");
    env.putAll(Map.of(
        "PEER_IDENTITY", "claude-boris", "PEER_PERSONALITY", "boris", "PEER_RUNTIME", "claude",
        "CLAUDE_CODE_DISABLE_ALTERNATE_SCREEN", "1", "UNRELATED_SECRET", "x"));
    List<String> args = List.of(
        "--dangerously-skip-permissions", "--disallowedTools", "AskUserQuestion", "--add-dir", "/",
        "--system-prompt-file", prompt.toString(), "--foo");
    launch("claude", args);
    awaitReady("claude");
    JsonNode rec = lastLaunch();
    assertThat(rec.path("flavor").asString()).isEqualTo("claude");
    assertThat(rec.path("argv0").asString()).isEqualTo(agents.claude().toString());
    assertThat(strings(rec.path("argv"))).isEqualTo(args);
    assertThat(strings(rec.path("extras"))).containsExactly("--foo");
    assertThat(rec.path("pid").asLong()).as("exec'd: the agent is the pane's process").isEqualTo(pane.panePid());
    assertThat(rec.path("cwd").asString()).isEqualTo(work.toString());
    JsonNode e = rec.path("env");
    assertThat(e.path("PEER_IDENTITY").asString()).isEqualTo("claude-boris");
    assertThat(e.path("PEER_PERSONALITY").asString()).isEqualTo("boris");
    assertThat(e.path("PEER_RUNTIME").asString()).isEqualTo("claude");
    assertThat(e.path("CLAUDE_CODE_DISABLE_ALTERNATE_SCREEN").asString()).isEqualTo("1");
    assertThat(e.path("PATH").asString()).isEqualTo("/usr/bin:/bin");
    assertThat(e.has("CLAUDECODE")).isFalse();
    assertThat(e.has("UNRELATED_SECRET")).isFalse();
    assertThat(rec.path("promptFile").asString()).isEqualTo(prompt.toString());
    assertThat(rec.path("promptSha256").asString())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(prompt))));
  }

  @Test
  void codexLaunchRecordTakesThePromptFromTheConfigOverride() {
    env.putAll(Map.of("PEER_IDENTITY", "codex-boris", "IAPEER_BEARER", "iapeer-localhost-open-no-secret"));
    List<String> args = List.of(
        "--no-daemon", "--no-alt-screen", "-C", work.toString(), "-c", "model_instructions_file=/nowhere/sp.md",
        "--dangerously-bypass-approvals-and-sandbox");
    launch("codex", args);
    awaitReady("codex");
    JsonNode rec = lastLaunch();
    assertThat(rec.path("flavor").asString()).isEqualTo("codex");
    assertThat(strings(rec.path("argv"))).isEqualTo(args);
    assertThat(strings(rec.path("extras"))).isEmpty();
    assertThat(rec.path("workDir").asString()).isEqualTo(work.toString());
    assertThat(rec.path("env").path("IAPEER_BEARER").asString()).isEqualTo("iapeer-localhost-open-no-secret");
    assertThat(rec.path("promptFile").asString()).isEqualTo("/nowhere/sp.md");
    assertThat(rec.path("promptSha256").isNull()).as("an unreadable prompt has no digest").isTrue();
  }

  // ---- dialogs (F4): the refusing option is highlighted, as in the real CLIs

  @Test
  void enterOnTheHighlightedTrustDefaultExits3() {
    env.put("FAKE_AGENT_DIALOGS", "trust");
    start("claude", false);
    assertThat(shows("trust this folder").lines()).contains("  ❯ No, exit", "    Yes, I trust this folder");
    pane.keys("Enter");
    awaitEnd("exit 3");
  }

  @Test
  void enterOnTheHighlightedBypassDefaultDeclinesAndExits3() {
    env.put("FAKE_AGENT_DIALOGS", "bypass");
    start("claude", false);
    assertThat(shows("WARNING: Claude Code running in Bypass Permissions mode").lines())
        .contains("  ❯ No, exit", "    Yes, I accept");
    pane.keys("Enter");
    awaitEnd("exit 3");
    assertThat(pane.scrollback()).contains("declined");
  }

  @Test
  void claudeDialogChainIsClearedByMovingOntoTheAcceptingOption() {
    env.put("FAKE_AGENT_DIALOGS", "trust,bypass,imports,devchan,mcp,theme");
    start("claude", false);
    shows("trust this folder");
    pane.keys("Down");
    shows("❯ Yes, I trust this folder");
    pane.keys("Up");
    shows("❯ No, exit");
    pane.keys("Down");
    shows("❯ Yes, I trust this folder");
    pane.keys("Enter");
    shows("Bypass Permissions mode");
    pane.keys("Down");
    shows("❯ Yes, I accept");
    pane.keys("Enter");
    shows("Allow external CLAUDE.md file imports?");
    pane.keys("Enter");
    shows("I am using this for local development");
    pane.keys("Enter");
    assertThat(shows("new MCP server")).contains("found in");
    pane.keys("Enter");
    shows("Choose the text style");
    pane.keys("Enter");
    assertThat(awaitReady("claude")).doesNotContain("Choose the text style");
  }

  @Test
  void refusingTheCustomApiKeyLeadsToALoginPickerThatNeverAccepts() {
    env.putAll(Map.of("FAKE_AGENT_DIALOGS", "apikey", "ANTHROPIC_API_KEY", "sk-ant-fake-0123456789abcdefghij"));
    start("claude", false);
    assertThat(shows("Detected a custom API key in your environment").lines())
        .contains(" ANTHROPIC_API_KEY: sk-ant-...0123456789abcdefghij", "    Yes", "  ❯ No (recommended)");
    pane.keys("Enter");
    shows("Select login method:");
    pane.keys("Enter");
    assertThat(shows("Select login method:").lines()).noneMatch(l -> l.startsWith("❯"));
    assertThat(pane.ended()).isNull();
  }

  @Test
  void codexDialogsAreClearedByTheirOwnKeys() {
    env.put("FAKE_AGENT_DIALOGS", "update,dirtrust,hooks");
    start("codex", false);
    assertThat(shows("Update available!")).contains("Press enter to continue", "› 1. Update now");
    pane.keys("2");
    shows("› 2. Skip");
    pane.keys("Enter");
    shows("Do you trust the contents of this directory");
    pane.keys("Enter");
    shows("Hooks need review");
    pane.keys("2");
    assertThat(awaitReady("codex")).doesNotContain("Hooks need review");
  }

  @Test
  void enterOnCodexUpdateNowExits4() {
    env.put("FAKE_AGENT_DIALOGS", "update");
    start("codex", false);
    shows("Update available!");
    pane.keys("Enter");
    awaitEnd("exit 4");
  }

  @Test
  void codexUpdateOfferIsSkippedWhenTheConfigTurnsTheCheckOff() throws IOException {
    Files.createDirectories(home.resolve(".codex"));
    Files.writeString(home.resolve(".codex/config.toml"), "check_for_update_on_startup = false\n");
    env.put("FAKE_AGENT_DIALOGS", "update");
    start("codex", false);
    assertThat(awaitReady("codex")).doesNotContain("Update available!");
  }

  @Test
  void enterOnReviewHooksNeverBecomesReady() {
    env.put("FAKE_AGENT_DIALOGS", "hooks");
    start("codex", false);
    shows("Hooks need review");
    pane.keys("Enter");
    assertThat(shows("PreToolUse")).doesNotContain("Hooks need review");
    assertThat(pane.screen().lines()).noneMatch(l -> l.startsWith("› "));
  }

  @Test
  void resumePickerOptionTwoResumesInFullWithoutCompacting() throws IOException {
    Path old = claudeTranscript("11111111-1111-1111-1111-111111111111", Duration.ofHours(1));
    env.put("FAKE_AGENT_RESUME_PICKER", "1");
    start("claude", true);
    assertThat(shows("Resume from summary")).contains("❯ 1. Resume from summary (recommended)");
    pane.keys("Down");
    shows("❯ 2. Resume full session as-is");
    pane.keys("Enter");
    awaitReady("claude");
    assertThat(Files.readString(old)).doesNotContain("compact_boundary");
  }

  // ---- input and turns (F3, F5, F7)

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void aBracketedPasteThenEnterIsOneVerbatimUserRecord(String flavor) throws IOException {
    start(flavor, false);
    awaitReady(flavor);
    pane.paste(ENVELOPE);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines())
        .contains(flavor.equals("claude") ? "❯ [Pasted text #1 +3 lines]" : "› </iap>"));
    pane.keys("Enter");
    shows("● ack 1");
    Path file = flavor.equals("claude") ? single(claudeTranscripts()) : single(codexSessions());
    assertThat(userTexts(flavor, file)).containsExactly(ENVELOPE);
    if (flavor.equals("claude")) {
      assertThat(file.getParent()).isEqualTo(claudeProjectDir());
      assertThat(records(file)).anyMatch(r -> r.path("type").asString().equals("ai-title") && !r.has("timestamp"));
    }
  }

  @Test
  void aTurnShowsWorkingAboveTheStillRenderedComposer() throws IOException {
    env.put("FAKE_AGENT_TURN_MS", "60000");
    start("claude", false);
    awaitReady("claude");
    submit("hello");
    String screen = shows(WORKING);
    assertThat(screen).contains("● received: hello");
    assertThat(screen.lines()).contains("❯");
    assertThat(records(single(claudeTranscripts()))).noneMatch(r -> r.path("type").asString().equals("assistant"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void escapeInterruptsTheTurnAndTheAgentLivesOn(String flavor) throws IOException {
    env.put("FAKE_AGENT_TURN_MS", "60000");
    start(flavor, false);
    awaitReady(flavor);
    submit("long task");
    shows(WORKING);
    pane.keys("Escape");
    assertThat(shows("■ Interrupted")).doesNotContain(WORKING);
    assertThat(pane.ended()).isNull();
    Path file = flavor.equals("claude") ? single(claudeTranscripts()) : single(codexSessions());
    JsonNode last = records(file).getLast();
    if (flavor.equals("claude")) {
      assertThat(last.path("message").path("content").asString()).isEqualTo("[Request interrupted by user]");
    } else {
      assertThat(last.path("payload").path("type").asString()).isEqualTo("turn_aborted");
    }
    submit("next task");
    shows("● received: next task");
  }

  @Test
  void escapeWhileIdleClearsTheComposer() {
    start("claude", false);
    awaitReady("claude");
    pane.type("draft");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯ draft"));
    pane.keys("Escape");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void inputSubmittedWhileBusyIsQueuedForTheNextTurn(String flavor) throws IOException {
    env.put("FAKE_AGENT_TURN_MS", "60000");
    start(flavor, false);
    awaitReady(flavor);
    submit("first");
    shows(WORKING);
    submit("second");
    shows("queued: second");
    Path file = flavor.equals("claude") ? single(claudeTranscripts()) : single(codexSessions());
    assertThat(userTexts(flavor, file)).containsExactly("first");
    if (flavor.equals("claude")) {
      assertThat(records(file).getLast().path("type").asString()).isEqualTo("queue-operation");
      assertThat(records(file).getLast().path("content").asString()).isEqualTo("second");
    } else {
      assertThat(records(file)).hasSize(2);
    }
    pane.keys("Escape");
    shows("● received: second");
    assertThat(userTexts(flavor, file)).contains("first", "second");
  }

  @Test
  void swallowFirstDropsTheFirstSubmitSilently() throws IOException {
    env.put("FAKE_AGENT_SWALLOW_FIRST", "1");
    start("claude", false);
    awaitReady("claude");
    pane.type("one");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯ one"));
    pane.keys("Enter");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯"));
    submit("two");
    shows("● ack 1");
    assertThat(pane.screen()).doesNotContain("received: one");
    assertThat(userTexts("claude", single(claudeTranscripts()))).containsExactly("two");
  }

  @Test
  void hiddenComposerWhileBusyLeavesNoPromptRow() {
    env.putAll(Map.of("FAKE_AGENT_TURN_MS", "60000", "FAKE_AGENT_HIDE_COMPOSER_WHEN_BUSY", "1"));
    start("claude", false);
    awaitReady("claude");
    submit("task");
    assertThat(shows(WORKING).lines()).noneMatch(l -> l.startsWith("❯"));
    pane.keys("Escape");
    awaitReady("claude");
  }

  @Test
  void neverProcessAcceptsInputButWritesNothing() throws IOException {
    env.put("FAKE_AGENT_NEVER_PROCESS", "1");
    start("claude", false);
    awaitReady("claude");
    submit("task");
    shows("● received: task");
    assertThat(claudeTranscripts()).isEmpty();
  }

  // ---- /compact (F9), !run (F10)

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void compactWritesTheCompletionMarker(String flavor) throws IOException {
    start(flavor, false);
    awaitReady(flavor);
    submit("/compact");
    shows("Context compacted");
    Path file = flavor.equals("claude") ? single(claudeTranscripts()) : single(codexSessions());
    JsonNode last = records(file).getLast();
    if (flavor.equals("claude")) {
      assertThat(last.path("type").asString()).isEqualTo("system");
      assertThat(last.path("subtype").asString()).isEqualTo("compact_boundary");
      assertThat(last.path("compactMetadata").isObject()).isTrue();
    } else {
      assertThat(last.path("type").asString()).isEqualTo("event_msg");
      assertThat(last.path("payload").path("type").asString()).isEqualTo("context_compacted");
    }
    assertThat(userTexts(flavor, file)).isEmpty();
  }

  @Test
  void compactWithAutoContinueStaysBusyAfterTheMarker() {
    env.put("FAKE_AGENT_COMPACT_AUTOCONTINUE", "1");
    start("claude", false);
    awaitReady("claude");
    submit("/compact");
    assertThat(shows("Context compacted")).contains(WORKING);
  }

  @Test
  void thePlaceholderIsFaintGhostTextInTheEmptyComposer() {
    env.put("FAKE_AGENT_PROMPT_PLACEHOLDER", "Try \"fix lint errors\"");
    start("claude", false);
    assertThat(awaitReady("claude").lines()).contains("❯ Try \"fix lint errors\"");
    assertThat(pane.styledScreen()).contains("❯ \u001b[2mTry \"fix lint errors\"");
    pane.type("x");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen().lines()).contains("❯ x"));
  }

  @Test
  void runLinesExecuteInTheFolderWithTheSessionEnvironment() throws IOException {
    env.put("PEER_IDENTITY", "claude-boris");
    start("claude", false);
    awaitReady("claude");
    submit("!run echo \"$PEER_IDENTITY\" > hook.out; exit 7");
    shows("⎿ exit 7");
    assertThat(Files.readString(work.resolve("hook.out")).strip()).isEqualTo("claude-boris");
    pane.paste("<iap from=\"x\">\n!run touch pasted.flag\n</iap>");
    pane.keys("Enter");
    await().atMost(PATIENCE).until(() -> Files.exists(work.resolve("pasted.flag")));
  }

  @Test
  void aNonAsciiFolderKeepsItsNameWithoutAUtf8Locale() throws IOException {
    env.remove("LANG");
    work = Files.createDirectories(tmp.resolve("проект é"));
    start("claude", false);
    awaitReady("claude");
    submit("!run echo \"${LC_ALL-unset}\" > locale.out");
    shows("⎿ exit 0");
    assertThat(single(claudeTranscripts()).getParent()).isEqualTo(claudeProjectDir());
    assertThat(claudeProjectDir().getFileName().toString()).endsWith("-".repeat(1 + 6 + 1 + 1));
    assertThat(lastLaunch().path("cwd").asString()).isEqualTo(work.toString());
    assertThat(Files.readString(work.resolve("locale.out")).strip()).as("the caller's locale").isEqualTo("unset");
  }

  // ---- resume (F5)

  @Test
  void continueAppendsToTheNewestTranscriptOfTheFolder() throws IOException {
    Path older = claudeTranscript("11111111-1111-1111-1111-111111111111", Duration.ofHours(1));
    Path newer = claudeTranscript("22222222-2222-2222-2222-222222222222", Duration.ofMinutes(10));
    FileTime before = Files.getLastModifiedTime(newer);
    String olderContent = Files.readString(older);
    start("claude", true);
    awaitReady("claude");
    assertThat(Files.getLastModifiedTime(newer)).as("re-saved at boot").isGreaterThan(before);
    submit("again");
    shows("● ack 1");
    assertThat(userTexts("claude", newer)).containsExactly("earlier", "again");
    assertThat(Files.readString(older)).isEqualTo(olderContent);
    assertThat(claudeTranscripts()).hasSize(2);
    assertThat(lastLaunch().path("transcript").asString()).isEqualTo(newer.toString());
  }

  @Test
  void resumeLastAppendsToTheNewestCodexSessionOfTheFolder() throws IOException {
    Path older = codexSession("2026/01/01", work, Duration.ofHours(1));
    Path newer = codexSession("2026/01/02", work, Duration.ofMinutes(10));
    Path elsewhere = codexSession("2026/01/03", tmp, Duration.ofMinutes(1));
    String olderContent = Files.readString(older);
    start("codex", true);
    awaitReady("codex");
    submit("again");
    shows("● ack 1");
    assertThat(userTexts("codex", newer)).containsExactly("again");
    assertThat(Files.readString(older)).isEqualTo(olderContent);
    assertThat(userTexts("codex", elsewhere)).isEmpty();
    assertThat(codexSessions()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void resumeWithNothingToResumeExits1(String flavor) {
    start(flavor, true);
    awaitEnd("exit 1");
    assertThat(pane.scrollback()).contains("No conversation found to continue");
  }

  // ---- faults (F11) and exits (F3)

  @Test
  void crashAtBootExits2BeforeAnyScreenButAfterTheLaunchRecord() {
    env.put("FAKE_AGENT_CRASH_AT_BOOT", "1");
    start("claude", false);
    awaitEnd("exit 2");
    assertThat(pane.scrollback()).doesNotContain("Claude Code");
    assertThat(lastLaunch().path("flavor").asString()).isEqualTo("claude");
  }

  @Test
  void crashAfterExitsWithTheConfiguredCode() {
    env.putAll(Map.of("FAKE_AGENT_CRASH_AFTER_MS", "200", "FAKE_AGENT_EXIT_CODE", "5"));
    start("codex", false);
    awaitEnd("exit 5");
  }

  @ParameterizedTest
  @CsvSource({"KILL, 9", "TERM, 15", "SEGV, 11"})
  void killSignalEndsThePaneProcessByThatSignal(String signal, int number) {
    env.putAll(Map.of("FAKE_AGENT_CRASH_AFTER_MS", "200", "FAKE_AGENT_KILL_SIGNAL", signal));
    start("claude", false);
    awaitEnd("signal " + number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"C-d", "/exit", "SIGTERM", "SIGHUP"})
  void aDeliberateEndExits0(String how) {
    start("claude", false);
    awaitReady("claude");
    switch (how) {
      case "C-d" -> pane.keys("C-d");
      case "/exit" -> submit("/exit");
      default -> signal(pane.panePid(), how.substring(3));
    }
    awaitEnd("exit 0");
  }

  // ---- noise (F12)

  @Test
  void nagIsDeclinedWithTwoThenEnter() {
    env.put("FAKE_AGENT_NAG_AFTER_MS", "0");
    start("claude", false);
    assertThat(shows("Try the new fullscreen renderer?")).contains("❯ 1. Yes, try it");
    pane.keys("2");
    shows("❯ 2. Not now");
    pane.keys("Enter");
    assertThat(awaitReady("claude")).doesNotContain("fullscreen");
  }

  @Test
  void busyTurnsFeedSubAgentFilesAndResavesMoveOnlyTheMtime() throws IOException {
    env.putAll(Map.of(
        "FAKE_AGENT_TURN_MS", "60000", "FAKE_AGENT_SUBAGENT_MS", "50", "FAKE_AGENT_RESAVE_MS", "100",
        "FAKE_AGENT_STATUSLINE_MS", "100"));
    start("claude", false);
    awaitReady("claude");
    assertThat(pane.screen()).contains("◷ ");
    submit("task");
    shows(WORKING);
    Path transcript = single(claudeTranscripts());
    String content = Files.readString(transcript);
    FileTime written = Files.getLastModifiedTime(transcript);
    Path subagent = claudeProjectDir().resolve(transcript.getFileName().toString().replace(".jsonl", ""))
        .resolve("subagents/agent-1.jsonl");
    await().atMost(PATIENCE).until(() -> Files.exists(subagent) && records(subagent).size() >= 2);
    await().atMost(PATIENCE).until(() -> Files.getLastModifiedTime(transcript).compareTo(written) > 0);
    assertThat(Files.readString(transcript)).isEqualTo(content);
  }

  @Test
  void slugReplacesEveryUtf16CodeUnitOutsideAsciiAlphanumerics() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("a.b_c/é😀 x"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    String slug = Transcript.slug(link);
    assertThat(slug).isEqualTo(Transcript.slug(real)).endsWith("-a-b-c-----x").doesNotContain("link");
    assertThat(slug).matches("[A-Za-z0-9-]+");
  }

  // ---- helpers

  private void start(String flavor, boolean resume) {
    List<String> args = new ArrayList<>();
    if (flavor.equals("claude")) {
      args.addAll(List.of("--dangerously-skip-permissions", "--disallowedTools", "AskUserQuestion", "--add-dir", "/"));
      if (resume) {
        args.add("--continue");
      }
    } else {
      if (resume) {
        args.addAll(List.of("resume", "--last"));
      }
      args.addAll(List.of(
          "--no-daemon", "--no-alt-screen", "-C", work.toString(), "--dangerously-bypass-approvals-and-sandbox"));
    }
    launch(flavor, args);
  }

  private void launch(String flavor, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add((flavor.equals("claude") ? agents.claude() : agents.codex()).toString());
    argv.addAll(args);
    pane = new TmuxPane(env);
    pane.start(work, argv);
  }

  private String awaitReady(String flavor) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      String screen = pane.screen();
      if (flavor.equals("claude")) {
        assertThat(screen.lines()).anyMatch(l -> l.startsWith("❯")).anyMatch(l -> l.contains("bypass permissions on"));
      } else {
        assertThat(screen.lines()).anyMatch(l -> l.startsWith("› "));
      }
    });
    return pane.screen();
  }

  private String shows(String needle) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.screen()).contains(needle));
    return pane.screen();
  }

  private void awaitEnd(String how) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.ended()).isEqualTo(how));
  }

  private void submit(String text) {
    pane.type(text);
    pane.keys("Enter");
  }

  private static void signal(long pid, String name) {
    try {
      Process p = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).start();
      assertThat(p.waitFor()).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Path claudeProjectDir() throws IOException {
    return home.resolve(".claude/projects").resolve(work.toRealPath().toString().replaceAll("[^A-Za-z0-9]", "-"));
  }

  private List<Path> claudeTranscripts() throws IOException {
    return jsonl(claudeProjectDir(), 1);
  }

  private List<Path> codexSessions() throws IOException {
    return jsonl(home.resolve(".codex/sessions"), 4);
  }

  private static List<Path> jsonl(Path dir, int depth) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir, depth)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).toList();
    }
  }

  private static Path single(List<Path> files) {
    assertThat(files).hasSize(1);
    return files.getFirst();
  }

  private Path claudeTranscript(String id, Duration age) throws IOException {
    Path f = Files.createDirectories(claudeProjectDir()).resolve(id + ".jsonl");
    Files.writeString(f, "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"earlier\"},\"timestamp\":\"2026-01-01T00:00:00.000Z\"}\n");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
    return f;
  }

  private Path codexSession(String day, Path cwd, Duration age) throws IOException {
    Path f = Files.createDirectories(home.resolve(".codex/sessions").resolve(day))
        .resolve("rollout-" + day.replace('/', '-') + "T00-00-00-" + cwd.getFileName() + ".jsonl");
    Files.writeString(f, "{\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\""
        + day + "\",\"cwd\":\"" + cwd.toRealPath() + "\"}}\n");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
    return f;
  }

  private static List<JsonNode> records(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(Json::parse).toList();
  }

  private static List<String> userTexts(String flavor, Path file) throws IOException {
    return records(file).stream()
        .map(r -> flavor.equals("claude")
            ? (r.path("type").asString().equals("user") ? r.path("message").path("content").asString() : null)
            : (r.path("type").asString().equals("response_item") ? r.path("payload").path("content").path(0).path("text").asString() : null))
        .filter(Objects::nonNull)
        .toList();
  }

  private JsonNode lastLaunch() {
    Path file = work.resolve(".fake-agent/launches.jsonl");
    await().atMost(PATIENCE).until(() -> Files.exists(file));
    try {
      return records(file).getLast();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
