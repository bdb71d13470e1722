package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle inside {@code iapeer daemon}, through the checkout launcher: its tick puts an idle
 * agent to sleep and a send on the same topic resumes it; a task for an ephemeral worker is queued
 * and run; and after a {@code kill -9} of the daemon in the middle of a wake, the restarted daemon
 * enrols the session the dead one left instead of starting a second.
 */
class LifecycleDaemonIT {
  @TempDir Path tmp;
  Sandbox sb;
  Path worker;
  final List<Process> daemons = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    sb = new Sandbox(tmp);
    FakeAgentInstall.Installed fake = FakeAgentInstall.into(sb.bin);
    sb.env("IAPEER_CLAUDE_BIN", fake.claude().toString())
        .env("IAPEER_CODEX_BIN", fake.codex().toString())
        .env("IAPEER_PORT", String.valueOf(Ports.free()))
        .env("IS_SANDBOX", "1") // we run as root; 06 D8 refuses claude without it
        .env("LANG", "C.UTF-8")
        .env("IAPEER_IDLE_SECS", "3")
        .env("IAPEER_SUPERVISE_TICK_SECS", "1");
    worker = sb.base.resolve("work/worker");
    for (Path folder : List.of(worker, sb.base.resolve("work/ops"))) {
      LauncherIT.Result init = LauncherIT.iapeer(sb.cd(folder), "init", "--runtime", "claude");
      assertThat(init.code()).as(init.err()).isZero();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    daemons.forEach(Process::destroyForcibly);
    TmuxServers.killAll(sb.layout().sockDir());
  }

  /** The launcher with the sandbox's environment only, never this JVM's. */
  private ProcessBuilder launcher(Path cwd, String... args) {
    List<String> cmd = new ArrayList<>(List.of(LauncherIT.LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(sb.env().vars());
    pb.environment().put("PATH", sb.bin + ":/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  private List<String> daemon() throws IOException {
    Process daemon = launcher(sb.base.resolve("work"), "daemon").start();
    daemons.add(daemon);
    List<String> err = new CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> new BufferedReader(
        new InputStreamReader(daemon.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(err::add));
    await().atMost(Duration.ofSeconds(90))
        .until(() -> err.stream().anyMatch(l -> l.startsWith("[iapeer] daemon READY")) || !daemon.isAlive());
    assertThat(daemon.isAlive()).as("daemon stderr: %s", err).isTrue();
    return err;
  }

  private LauncherIT.Result send(String to, String message, String topic) throws Exception {
    return LauncherIT.iapeer(sb.cd(sb.base.resolve("work/ops")), "send", to, "--message", message, "--topic", topic);
  }

  private String lifecycleLog() throws IOException {
    Path log = sb.layout().eventLogDir().resolve("lifecycle.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private int launches(Path folder) throws IOException {
    Path f = folder.resolve(".fake-agent/launches.jsonl");
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void theDaemonsTickParksAnIdleAgentAndASendOnItsTopicResumesIt() throws Exception {
    daemon();

    LauncherIT.Result first = send("worker", "remember the word pelican", "birds");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("delivered to worker (claude)\n");
    assertThat(LauncherIT.iapeer(sb, "list").out()).contains("worker  [claude]  artificial  ● claude");

    await().atMost(Duration.ofSeconds(60)).until(() -> lifecycleLog().contains(
        "ev=supervise identity=claude-worker action=reaped-idle"));
    assertThat(LauncherIT.iapeer(sb, "list").out()).contains("worker  [claude]  artificial  ○ claude");

    LauncherIT.Result again = send("worker", "which word?", "birds");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(lifecycleLog()).contains("mode=resume cause=idle-reaped-resume");
    assertThat(Files.readAllLines(worker.resolve(".fake-agent/launches.jsonl")).get(1)).contains("\"--continue\"");
  }

  @Test
  void aTaskForAnEphemeralWorkerIsQueuedAndRunInAFreshSession() throws Exception {
    Path profile = worker.resolve(".iapeer/peer-profile.json");
    Files.writeString(profile, Files.readString(profile).replaceFirst("\\{", "{\n  \"wake_policy\": \"ephemeral\","));
    daemon();

    LauncherIT.Result r = send("worker", "summarise the logs", "logs");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("queued for worker (claude), depth 1");
    await().atMost(Duration.ofSeconds(60)).until(() -> launches(worker) == 1
        && !Files.exists(sb.layout().lifecycleStateDir().resolve("claude-worker.queue/000001")));
    assertThat(lifecycleLog()).contains("ev=ephemeral-drain identity=claude-worker seq=000001 depth=1")
        .contains("mode=fresh cause=ephemeral-policy");
  }

  @Test
  void aDaemonKilledMidWakeLeavesOneSessionThatTheNextDaemonEnrols() throws Exception {
    sb.env("FAKE_AGENT_BOOT_MS", "5000") // the daemon dies while the session boots
        .env("IAPEER_IDLE_SECS", "600"); // the adopted session, never given a task, must not be reaped here
    daemon();
    Process sender = launcher(sb.base.resolve("work/ops"), "send", "worker", "--message", "hello")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    sender.getOutputStream().close();
    await().atMost(Duration.ofSeconds(60)).until(() -> launches(worker) == 1);

    daemons.getFirst().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
    assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(sb.layout().lifecycleStateDir().resolve("claude-worker.session"))).isFalse();

    daemon();

    await().atMost(Duration.ofSeconds(30)).until(() -> lifecycleLog().contains(
        "ev=supervise identity=claude-worker action=adopted"));
    assertThat(Files.exists(sb.layout().lifecycleStateDir().resolve("claude-worker.session"))).isTrue();
    // the boot the dead daemon started goes on without it: wait for the composer, as a sender would retry
    TmuxSessionHost host = new TmuxSessionHost(sb.layout());
    await().atMost(Duration.ofSeconds(30))
        .until(() -> host.capture(new Identity("claude", "worker")).contains("bypass permissions on"));
    LauncherIT.Result r = send("worker", "are you there?", "t");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("delivered to worker (claude)\n");
    assertThat(launches(worker)).as("no second session").isEqualTo(1);
  }
}
