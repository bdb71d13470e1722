package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.testing.TmuxServers;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.runtime.RuntimeAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Typing into a live session (03 §7.1, 06 D2; acceptance case 56) on real tmux and the fake agent. */
class TypistTest {
  @TempDir Path tmp;
  Path sockDir;
  Path cwd;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iapt");
    cwd = Files.createDirectories(tmp.resolve("work/worker"));
    FakeAgentInstall.Installed fake = FakeAgentInstall.into(Files.createDirectories(tmp.resolve("bin")));
    env.putAll(Map.of(
        "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
        "IAPEER_ROOT", tmp.resolve("root").toString(),
        "IAPEER_SOCK_DIR", sockDir.toString(),
        "IAPEER_CLAUDE_BIN", fake.claude().toString(),
        "IAPEER_CODEX_BIN", fake.codex().toString(),
        "PATH", "/usr/bin:/bin",
        "LANG", "C.UTF-8",
        "IS_SANDBOX", "1",
        "IAPEER_TEST_SANDBOX", "1"));
  }

  @AfterEach
  void killServers() throws Exception {
    TmuxServers.killAll(sockDir);
  }


  private Layout layout() {
    return Layout.from(new Env(env));
  }

  /** Brings the fake up bare (no first message) and returns its adapter. */
  private RuntimeAdapter up(Identity id) {
    Layout layout = layout();
    Launcher launcher = new Launcher(
        new TmuxSessionHost(layout),
        new LaunchComposer(new Adapters(layout), Platform.current()),
        new Launcher.Timings(Duration.ofSeconds(40), Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofMillis(300)),
        d -> Thread.sleep(d.toMillis()));
    RuntimeAdapter adapter = new Adapters(layout).of(id.runtime());
    assertThat(launcher.launch(LaunchSpec.fresh(id, cwd), adapter, "")).isInstanceOf(LaunchResult.Ready.class);
    return adapter;
  }

  private Typist typist(Duration grace) {
    return new Typist(new TmuxSessionHost(layout()),
        new Typist.Timings(grace, Duration.ofMillis(4000), Duration.ofMillis(250)), d -> Thread.sleep(d.toMillis()));
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

  static final String ENVELOPE = "<iap from=\"lena\" runtime=\"codex\">\nReply via send_to_peer.\n"
      + "<msg>build is green ]]> \"ok\" — fertig</msg>\n</iap>";

  @Test
  void anIdleClaudeTakesTheMessageAndTheTranscriptProvesIt() throws Exception {
    Identity id = new Identity("claude", "worker");
    RuntimeAdapter claude = up(id);

    Typed t = typist(Duration.ofSeconds(3)).type(id, claude, cwd, ENVELOPE);

    assertThat(t).isEqualTo(new Typed.Delivered("transcript"));
    assertThat(transcripts()).contains("build is green ]]> \\\"ok\\\" — fertig");
  }

  @Test
  void aMessageClaudeSwallowsIsReportedAsNotDeliveredNeverAsSuccess() throws Exception {
    env.put("FAKE_AGENT_SWALLOW_FIRST", "1");
    Identity id = new Identity("claude", "worker");
    RuntimeAdapter claude = up(id);

    Typed t = typist(Duration.ofMillis(1500)).type(id, claude, cwd, ENVELOPE);

    assertThat(t).isInstanceOfSatisfying(Typed.NotDelivered.class, n ->
        assertThat(n.reason()).contains("is listed live but did not accept the message").contains("NOT delivered"));
  }

  @Test
  void aBusyClaudeQueuesTheMessageBehindItsTurn() throws Exception {
    env.put("FAKE_AGENT_TURN_MS", "6000");
    env.put("FAKE_AGENT_HIDE_COMPOSER_WHEN_BUSY", "1");
    Identity id = new Identity("claude", "worker");
    RuntimeAdapter claude = up(id);
    Typist typist = typist(Duration.ofSeconds(3));
    assertThat(typist.type(id, claude, cwd, "first task")).isEqualTo(new Typed.Delivered("transcript"));

    Typed second = typist.type(id, claude, cwd, "second task while busy");

    assertThat(second).isEqualTo(new Typed.Queued());
  }

  @Test
  void aBusyCodexAcceptsTheMessageIntoItsDurableQueue() throws Exception {
    env.put("FAKE_AGENT_TURN_MS", "3000");
    Identity id = new Identity("codex", "worker");
    RuntimeAdapter codex = up(id);
    Typist typist = typist(Duration.ofSeconds(3));
    assertThat(typist.type(id, codex, cwd, "first task")).isInstanceOf(Typed.Delivered.class);

    assertThat(typist.type(id, codex, cwd, "second task while busy")).isInstanceOf(Typed.Delivered.class);

    await().atMost(Duration.ofSeconds(15)).until(() -> transcripts().contains("second task while busy"));
  }

  @Test
  void aRouterGetsThePasteAndCtrlJWithItsLineFeedsKept() throws Exception {
    Identity id = new Identity("notifier", "timer");
    TmuxSessionHost host = new TmuxSessionHost(layout());
    Path out = tmp.resolve("router-in.txt");
    host.start(new SessionSpec(id, cwd, List.of("/bin/sh", "-c", "cat > '" + out + "'"), Map.of("PATH", "/usr/bin:/bin")));
    RuntimeAdapter router = new Adapters(layout()).of("notifier");

    Typed t = typist(Duration.ofSeconds(1)).type(id, router, cwd, "line one\nline two");

    assertThat(t).isEqualTo(new Typed.Delivered("paste"));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(out) && Files.readString(out).equals("line one\nline two\n"));
  }

  /** Types "hello there" into a {@link StuckScreen} whose first {@code lostEnters} Enters do nothing. */
  private StuckScreen typeIntoStuckScreen(int lostEnters) throws Exception {
    String slug = cwd.toRealPath().toString().replaceAll("[^A-Za-z0-9]", "-");
    StuckScreen host = new StuckScreen(Path.of(env.get("HOME"), ".claude/projects", slug, "session.jsonl"), lostEnters);
    Typist typist = new Typist(host,
        new Typist.Timings(Duration.ofSeconds(3), Duration.ofMillis(4000), Duration.ofMillis(250)),
        d -> Thread.sleep(d.toMillis()));

    Typed t = typist.type(new Identity("claude", "worker"), new Adapters(layout()).of("claude"), cwd, "hello there");

    assertThat(t).isEqualTo(new Typed.Delivered("transcript"));
    return host;
  }

  @Test
  void aTranscriptRecordProvesTheSubmitWhileTheScreenStillShowsTheMessage() throws Exception {
    assertThat(typeIntoStuckScreen(0).enters).as("Enter presses once the first one was recorded").isEqualTo(1);
  }

  @Test
  void anEnterThatDidNotTakeIsPressedAgain() throws Exception {
    assertThat(typeIntoStuckScreen(1).enters).isEqualTo(2);
  }

  /**
   * A Claude whose screen lags: it records a submitted message at once, but its composer keeps
   * showing the message, so only the transcript can tell that Enter took. Its first
   * {@code lostEnters} Enters are lost on the way.
   */
  private static final class StuckScreen implements SessionHost {
    final Path transcript;
    final int lostEnters;
    String composer = "";
    int enters;

    StuckScreen(Path transcript, int lostEnters) {
      this.transcript = transcript;
      this.lostEnters = lostEnters;
    }

    @Override
    public String capture(Identity id) {
      return "❯ " + composer + "\n";
    }

    @Override
    public String captureStyled(Identity id) {
      return capture(id);
    }

    @Override
    public void paste(Identity id, String text, PasteMode mode) {
      composer += text;
    }

    @Override
    public void sendKeys(Identity id, String... keys) {
      assertThat(keys).containsExactly("Enter");
      if (++enters <= lostEnters) {
        return;
      }
      ObjectNode record = Json.object().put("type", "user");
      record.putObject("message").put("role", "user").put("content", composer);
      try {
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, Json.compact(record) + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean alive(Identity id) {
      return true;
    }

    @Override
    public void start(SessionSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void installExitHook(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void logPane(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void kill(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Death classifyDeath(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sendLiteral(Identity id, String text) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> sessionToken(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean clientAttached(Identity id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AttachInvocation attachCommand(Identity id) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void onlyARecordCarryingThisWholeMessageProvesIt(@TempDir Path dir) throws Exception {
    String earlier = "<iap from-personality=\"a\">\nReply via send_to_peer.\n<message><![CDATA[first]]></message>\n</iap>";
    String now = "<iap from-personality=\"a\">\nReply via send_to_peer.\n<message><![CDATA[second\nline]]></message>\n</iap>";
    Path transcript = dir.resolve("t.jsonl");
    Files.writeString(transcript, Json.compact(Json.object().put("type", "user").put("content", earlier)) + "\n");

    assertThat(Typist.recordCarrying(List.of(transcript), Map.of(), now)).isEmpty();

    // tmux pastes LF as CR; the record may keep either.
    Files.writeString(transcript, Json.compact(Json.object().put("type", "user").put("content", now.replace("\n", "\r")))
        + "\n", StandardOpenOption.APPEND);
    assertThat(Typist.recordCarrying(List.of(transcript), Map.of(), now)).contains("user");
  }

  @Test
  void anEnvelopeWithAttachmentsIsProvedByItsHeadAndItsMessage() {
    String env = "<iap from-personality=\"a\">\nReply via send_to_peer.\n<attachments><![CDATA[/x/a.png]]></attachments>\n"
        + "<message><![CDATA[see]]></message>\n</iap>";
    assertThat(Typist.proofParts(env)).containsExactly(
        "<iap from-personality=\"a\">\nReply via send_to_peer.", "<message><![CDATA[see]]></message>\n</iap>");
    assertThat(Typist.proofParts("plain text\n")).containsExactly("plain text");
  }

  @Test
  void theTailMarkerIsTheLastNonEmptyTrimmedLine() {
    assertThat(Typist.tailMarker("a\n  b  \n\n")).isEqualTo("b");
    assertThat(Typist.tailMarker("only")).isEqualTo("only");
  }

  @Test
  void aLookAtTheScreenIsFollowedByAPauseAsLongWithinTheTicks() {
    assertThat(Typist.Timings.after(Duration.ofMillis(0))).isEqualTo(Typist.Timings.RECORD_TICK);
    assertThat(Typist.Timings.after(Duration.ofMillis(7))).isEqualTo(Duration.ofMillis(7));
    assertThat(Typist.Timings.after(Duration.ofMillis(60))).isEqualTo(Typist.Timings.TICK);
  }
}
