package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.session.CompactGate;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.Typed;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs that drive sessions (04 §3.17, §3.19) against the fake agent in real tmux: folder
 * launch, interrupt, compact, and attach's refusal without a terminal.
 */
class SessionVerbsTest {
  @TempDir Path tmp;
  Sandbox sb;
  Path folder;

  @BeforeEach
  void setUp() throws IOException {
    sb = new Sandbox(tmp);
    FakeAgentInstall.Installed fake = FakeAgentInstall.into(sb.bin);
    sb.env("IAPEER_CLAUDE_BIN", fake.claude().toString())
        .env("IAPEER_CODEX_BIN", fake.codex().toString())
        .env("PATH", sb.bin + ":/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .env("IS_SANDBOX", "1") // we run as root; 06 D8 refuses claude without it
        .env("IAPEER_COMPACT_DONE_POLL_MS", "100")
        .env("IAPEER_COMPACT_DONE_TIMEOUT_MS", "15000");
    folder = sb.base.resolve("work/worker");
    Sandbox.Run init = sb.cd(folder).run("init", "--runtime", "claude");
    assertThat(init.code()).as(init.err()).isZero();
  }

  @AfterEach
  void killServers() throws Exception {
    TmuxServers.killAll(sb.layout().sockDir());
  }

  private Sessions sessions() {
    return Sessions.of(sb.layout(), new io.iapeer.core.settings.Settings(sb.env()));
  }

  private static final Identity WORKER = new Identity("claude", "worker");

  private String transcripts() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(sb.home)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  @Test
  void theFolderLaunchStartsTheRuntimeFreshAndSaysSoWithoutATerminal() {
    Sandbox.Run r = sb.run("claude");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("launched claude-worker (fresh)\n");
    assertThat(sessions().host().alive(WORKER)).isTrue();
    assertThat(sb.layout().lifecycleStateDir().resolve("claude-worker.system-prompt.md")).exists();

    Sandbox.Run again = sb.run("claude");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("claude-worker is already live\n");
  }

  @Test
  void theFolderLaunchFailsWithBothReadingsOfTheToken() throws IOException {
    Sandbox.Run undeclared = sb.run("gemini");
    assertThat(undeclared.code()).isEqualTo(1);
    assertThat(undeclared.err().lines()).hasSize(2);
    assertThat(undeclared.err())
        .startsWith("iapeer: \"gemini\" — runtime \"gemini\" is not declared for \"worker\" (declared: claude, codex)\n")
        .contains("`iapeer help`");

    Path elsewhere = Files.createDirectories(sb.base.resolve("work/empty"));
    Sandbox.Run noPeer = sb.cd(elsewhere).run("claude");
    assertThat(noPeer.code()).isEqualTo(1);
    assertThat(noPeer.err()).startsWith("iapeer: \"claude\" — no iapeer peer in " + elsewhere);
    assertThat(sessions().host().alive(WORKER)).isFalse();
  }

  @Test
  void aStoppedPeerIsNotLaunched() throws IOException {
    Files.createDirectories(sb.layout().lifecycleStateDir());
    Files.writeString(sb.layout().lifecycleStateDir().resolve("claude-worker.stopped"), "2026-11-27T00:00:00Z\n");

    Sandbox.Run r = sb.run("claude");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("\"worker\" (claude) is stopped and not accepting messages; start it to resume");
    assertThat(sessions().host().alive(WORKER)).isFalse();
  }

  @Test
  void interruptStopsARunningTurnAndKeepsTheSession() throws Exception {
    sb.env("FAKE_AGENT_TURN_MS", "60000");
    assertThat(sb.run("claude").code()).isZero();
    Sessions s = sessions();
    Typed typed = s.typist().type(WORKER, s.adapters().of("claude"), folder, "a long task");
    assertThat(typed).isInstanceOf(Typed.Delivered.class);

    Sandbox.Run r = sb.run("interrupt", "worker");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("interrupt → worker (claude)\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> transcripts().contains("[Request interrupted by user]"));
    assertThat(s.host().alive(WORKER)).isTrue();
  }

  @Test
  void interruptAndCompactNeedALiveSession() {
    Sandbox.Run interrupt = sb.run("interrupt", "worker");
    assertThat(interrupt.code()).isEqualTo(1);
    assertThat(interrupt.err()).isEqualTo("iapeer interrupt: cannot control \"worker\": peer offline: worker\n");

    Sandbox.Run compact = sb.run("compact", "worker");
    assertThat(compact.code()).isEqualTo(1);
    assertThat(compact.err())
        .isEqualTo(sb.noDaemon("compact")
            + "iapeer compact: worker (claude): nothing-to-compact — context is fresh; nothing to compact\n");

    Sandbox.Run unknown = sb.run("interrupt", "nobody");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("iapeer interrupt: peer \"nobody\" is not registered\n");

    Sandbox.Run missing = sb.run("compact");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo(sb.noDaemon("compact")
        + "iapeer: compact needs a peer name — usage: iapeer compact <peer> [runtime]\n");
  }

  @Test
  void compactWaitsForTheCompactionRecord() throws Exception {
    assertThat(sb.run("claude").code()).isZero();

    Sandbox.Run r = sb.run("compact", "worker");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("compact → worker (claude)\n");
    assertThat(transcripts()).contains("\"subtype\":\"compact_boundary\"");
  }

  @Test
  void theGateTellsAReadyPromptFromABusyAutoContinueAfterTheCompaction() throws Exception {
    assertThat(sb.run("claude").code()).isZero();
    Sessions s = sessions();
    assertThat(s.compactGate().compact(WORKER, s.adapters().of("claude"), folder))
        .isEqualTo(new CompactGate.Outcome.Compacted("transcript+ready"));

    s.host().kill(WORKER);
    // The auto-continued turn keeps the prompt away (as a busy codex does) past the ready grace.
    sb.env("FAKE_AGENT_COMPACT_AUTOCONTINUE", "1").env("FAKE_AGENT_HIDE_COMPOSER_WHEN_BUSY", "1")
        .env("IAPEER_COMPACT_READY_GRACE_MS", "1000");
    assertThat(sb.run("claude").code()).isZero();
    s = sessions();
    assertThat(s.compactGate().compact(WORKER, s.adapters().of("claude"), folder))
        .isEqualTo(new CompactGate.Outcome.Compacted("transcript"));
  }

  @Test
  void aCompactionThatNeverFinishesFailsAfterTheTimeoutWithThePaneTail() {
    sb.env("FAKE_AGENT_COMPACT_MS", "60000").env("IAPEER_COMPACT_DONE_TIMEOUT_MS", "1500");
    assertThat(sb.run("claude").code()).isZero();

    Sandbox.Run r = sb.run("compact", "worker");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(sb.noDaemon("compact")
            + "iapeer compact: worker (claude): failed — compact did not complete within 1500ms "
            + "(no transcript compact marker; pane tail: ");
    assertThat(sessions().host().alive(WORKER)).isTrue();
  }

  @Test
  void compactOfAPeerParkedByTheIdleReapResumesItFirst() throws Exception {
    assertThat(sb.run("claude").code()).isZero();
    Sessions s = sessions();
    assertThat(s.typist().type(WORKER, s.adapters().of("claude"), folder, "remember the word pelican"))
        .isInstanceOf(Typed.Delivered.class);
    s.host().kill(WORKER);
    Path parked = sb.layout().lifecycleStateDir().resolve("claude-worker.idle-reaped");
    Files.writeString(parked, "2026-11-27T00:00:00Z\n");

    Sandbox.Run r = sb.run("compact", "worker");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("compact → worker (claude) after resume\n");
    assertThat(parked).doesNotExist();
    assertThat(s.host().alive(WORKER)).isTrue();
  }

  @Test
  void attachRefusesWithoutATerminalAndStartsNothing() {
    Sandbox.Run r = sb.run("attach", "worker");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer attach: attach needs a terminal — run it from an interactive shell\n");
    assertThat(sessions().host().alive(WORKER)).isFalse();

    Sandbox.Run undeclared = sb.run("attach", "worker", "gemini");
    assertThat(undeclared.code()).isEqualTo(1);
    assertThat(undeclared.err()).contains("runtime \"gemini\" is not declared for \"worker\"");

    Sandbox.Run unregistered = sb.run("attach", "nobody");
    assertThat(unregistered.code()).isEqualTo(1);
    assertThat(unregistered.err()).isEqualTo("iapeer attach: peer \"nobody\" is not registered\n");
  }

  /** The operator's terminal: an outer tmux pane running {@code iapeer attach worker} as a process. */
  private String attachFromATerminal() throws Exception {
    Path script = sb.base.resolve("attach.sh");
    StringBuilder sh = new StringBuilder("cd '" + folder + "' && exec env -i TERM=\"$TERM\"");
    sb.env().vars().forEach((k, v) -> sh.append(' ').append(k).append("='").append(v).append('\''));
    sh.append(" '").append(ProcessHandle.current().info().command().orElseThrow()).append("' -cp '")
        .append(System.getProperty("java.class.path")).append("' io.iapeer.host.cli.Main attach worker\n");
    Files.writeString(script, sh);
    String outer = sb.layout().sockDir().resolve("operator.sock").toString();
    Process start = new ProcessBuilder("tmux", "-S", outer, "-f", "/dev/null", "new-session", "-d",
        "-s", "op", "-x", "120", "-y", "40", "sh " + script).start();
    assertThat(start.waitFor()).isZero();
    return outer;
  }

  private void detach(String outer) throws Exception {
    assertThat(new ProcessBuilder("tmux", "-S", outer, "send-keys", "-t", "op", "C-]").start().waitFor()).isZero();
  }

  @Test
  void attachHandsATerminalToTheSessionUntilCtrlBracketDetaches() throws Exception {
    assertThat(sb.run("claude").code()).isZero();
    String outer = attachFromATerminal();
    Sessions s = sessions();

    await().atMost(Duration.ofSeconds(20)).until(() -> s.host().clientAttached(WORKER));
    Path log = sb.layout().eventLogDir().resolve("lifecycle.log");
    assertThat(Files.readString(log)).contains("ev=attach identity=claude-worker woke=false");

    detach(outer);

    await().atMost(Duration.ofSeconds(20))
        .until(() -> Files.readString(log).contains("ev=attach-end identity=claude-worker rc=0"));
    assertThat(s.host().clientAttached(WORKER)).isFalse();
    assertThat(s.host().alive(WORKER)).isTrue();
  }

  @Test
  void attachResumesASleepingPeerNeverFresh() throws Exception {
    assertThat(sb.run("claude").code()).isZero();
    Sessions s = sessions();
    assertThat(s.typist().type(WORKER, s.adapters().of("claude"), folder, "remember the word pelican"))
        .isInstanceOf(Typed.Delivered.class);
    s.host().kill(WORKER);

    String outer = attachFromATerminal();

    await().atMost(Duration.ofSeconds(30)).until(() -> s.host().clientAttached(WORKER));
    Path log = sb.layout().eventLogDir().resolve("lifecycle.log");
    assertThat(Files.readString(log)).contains("ev=attach identity=claude-worker woke=true");
    List<String> launches = Files.readAllLines(folder.resolve(".fake-agent/launches.jsonl"));
    assertThat(launches).hasSize(2);
    assertThat(launches.get(1)).contains("\"resume\":true").contains("\"--continue\"");
    detach(outer);
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("ev=attach-end"));
  }
}
