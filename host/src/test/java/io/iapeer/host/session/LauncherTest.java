package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.testing.TmuxServers;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch primitive (03 §5) against real tmux and the fake agent (03 §11), with short
 * deadlines: acceptance cases 51 (READY only after the message reached the transcript), 52 (the
 * refusing-default dialog chain), 53 (hang and crash at boot), 54 (never processed), and 06 D8's
 * refusal of the custom-API-key question.
 */
class LauncherTest {
  @TempDir Path tmp;
  Path sockDir;
  Path cwd;
  FakeAgentInstall.Installed fake;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iapl");
    cwd = Files.createDirectories(tmp.resolve("work/worker"));
    fake = FakeAgentInstall.into(Files.createDirectories(tmp.resolve("bin")));
    env.putAll(Map.of(
        "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
        "IAPEER_ROOT", tmp.resolve("root").toString(),
        "IAPEER_SOCK_DIR", sockDir.toString(),
        "IAPEER_CLAUDE_BIN", fake.claude().toString(),
        "IAPEER_CODEX_BIN", fake.codex().toString(),
        "PATH", "/usr/bin:/bin",
        "LANG", "C.UTF-8",
        "IS_SANDBOX", "1", // tests run as root; 06 D8 makes the launcher refuse claude without it
        "IAPEER_TEST_SANDBOX", "1"));
  }

  @AfterEach
  void killServers() throws Exception {
    TmuxServers.killAll(sockDir);
  }


  private Launcher launcher(Duration bootDeadline, Duration readyGate) {
    Layout layout = Layout.from(new Env(env));
    return new Launcher(
        new TmuxSessionHost(layout),
        new LaunchComposer(new Adapters(layout), Platform.current()),
        new Launcher.Timings(bootDeadline, readyGate, Duration.ofMillis(250), Duration.ofMillis(300)),
        d -> Thread.sleep(d.toMillis()));
  }

  private LaunchResult launch(String runtime, String message) {
    return launch(runtime, message, Duration.ofSeconds(40), Duration.ofSeconds(20));
  }

  private LaunchResult launch(String runtime, String message, Duration boot, Duration gate) {
    Layout layout = Layout.from(new Env(env));
    Identity id = new Identity(runtime, "worker");
    return launcher(boot, gate).launch(LaunchSpec.fresh(id, cwd), new Adapters(layout).of(runtime), message);
  }

  private String transcripts() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(Path.of(env.get("HOME")))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private boolean alive(String runtime) {
    return new TmuxSessionHost(Layout.from(new Env(env))).alive(new Identity(runtime, "worker"));
  }

  @Test
  void aClaudePeerClearsTheRefusingDialogsAndIsReadyOnlyOnceTheMessageIsInTheTranscript() throws IOException {
    env.put("FAKE_AGENT_DIALOGS", "trust,bypass");
    String message = "review this\nline two with ]]> and </iap> and \"quotes\" — ünïcode";

    LaunchResult r = launch("claude", message);

    assertThat(r).isInstanceOf(LaunchResult.Ready.class);
    assertThat(transcripts()).contains("review this\\nline two with ]]> and </iap> and \\\"quotes\\\" — ünïcode");
    assertThat(alive("claude")).isTrue();
    // The fake exits 3 and writes nothing when a refusing option is chosen; it never did.
    assertThat(Files.readString(cwd.resolve(".fake-agent/launches.jsonl")).lines()).hasSize(1);
    assertThat(Path.of(env.get("IAPEER_ROOT"), "logs/lifecycle/claude-worker.log")).isNotEmptyFile();
  }

  @Test
  void aCodexPeerWithItsDialogsIsReadyWithTheMessage() throws IOException {
    env.put("FAKE_AGENT_DIALOGS", "dirtrust,hooks");
    LaunchResult r = launch("codex", "hello codex");
    assertThat(r).isInstanceOf(LaunchResult.Ready.class);
    assertThat(transcripts()).contains("hello codex");
  }

  @Test
  void aBareBringUpIsReadyAtTheComposerWithoutTyping() throws IOException {
    LaunchResult r = launch("claude", "");
    assertThat(r).isInstanceOf(LaunchResult.Ready.class);
    assertThat(transcripts()).doesNotContain("\"type\":\"user\"");
  }

  @Test
  void aHungBootFailsWithThePaneTailAndLeavesTheSessionForTheLifecycle() {
    env.put("FAKE_AGENT_HANG_BOOT", "1");
    LaunchResult r = launch("claude", "hi", Duration.ofSeconds(4), Duration.ofSeconds(5));
    assertThat(r).isInstanceOfSatisfying(LaunchResult.Failed.class, f -> {
      assertThat(f.reason()).startsWith("never-became-ready (stuck at a startup prompt or boot hang); pane tail: ");
      assertThat(f.sessionLeft()).isTrue();
    });
  }

  @Test
  void aCrashAtBootFailsAsVanishedAndExitsLogSaysWhy() throws IOException {
    env.put("FAKE_AGENT_CRASH_AT_BOOT", "1");
    LaunchResult r = launch("claude", "hi", Duration.ofSeconds(20), Duration.ofSeconds(5));
    assertThat(r).isInstanceOfSatisfying(LaunchResult.Failed.class, f -> {
      assertThat(f.reason()).isEqualTo("tmux session vanished during boot");
      assertThat(f.sessionLeft()).isFalse();
    });
    // tmux writes the line from its pane-died hook, which may still run when we see the pane dead.
    Path exits = Path.of(env.get("IAPEER_ROOT"), "logs/iapeer/exits.log");
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Files.readString(exits))
            .contains("ev=session-exit identity=claude-worker dead_status=2"));
  }

  @Test
  void aModelThatNeverTakesTheMessageFailsTheReadyGate() {
    env.put("FAKE_AGENT_NEVER_PROCESS", "1");
    LaunchResult r = launch("claude", "hi", Duration.ofSeconds(40), Duration.ofSeconds(2));
    assertThat(r).isInstanceOfSatisfying(LaunchResult.Failed.class, f ->
        assertThat(f.reason()).isEqualTo("model-did-not-process-task (no activity advance after delivery)"));
  }

  @Test
  void theCustomApiKeyQuestionIsNeverAnsweredForTheUser() {
    env.put("FAKE_AGENT_DIALOGS", "apikey");
    env.put("ANTHROPIC_API_KEY", "sk-ant-fake-0123456789abcdefghij");
    LaunchResult r = launch("claude", "hi");
    assertThat(r).isInstanceOfSatisfying(LaunchResult.Failed.class, f -> {
      assertThat(f.reason()).contains("asks whether to use ANTHROPIC_API_KEY");
      assertThat(f.sessionLeft()).isFalse();
    });
    assertThat(alive("claude")).isFalse();
  }

  @Test
  void anUninstalledRuntimeFailsBeforeAnyTmuxWork() throws IOException {
    env.put("IAPEER_CODEX_BIN", "");
    env.put("HOME", Files.createDirectories(tmp.resolve("bare-home")).toString());
    LaunchResult r = launch("codex", "hi");
    assertThat(r).isInstanceOfSatisfying(LaunchResult.Failed.class, f -> assertThat(f.reason()).contains("is not installed"));
    try (Stream<Path> socks = Files.list(sockDir)) {
      assertThat(socks.toList()).isEqualTo(List.of());
    }
  }
}
