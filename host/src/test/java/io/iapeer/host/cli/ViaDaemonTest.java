package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.host.client.CliCall;
import io.iapeer.host.client.DaemonClient;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.LifecycleHarness;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 06 D4 on real tmux with the fake agent and an in-process daemon: the verbs that start or stop
 * sessions run in the daemon when it answers on its socket — the session then carries the daemon's
 * environment, not the caller's — print what they print in-process, and run here with one stderr
 * line when no daemon answers. The endpoint runs only those verbs, and only for socket callers.
 */
class ViaDaemonTest {
  static final Identity WORKER = new Identity("claude", "worker");

  /** Set differently for the CLI and the daemon; the fake agent records it with every launch. */
  static final String ORIGIN = "FAKE_AGENT_ORIGIN";

  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  LifecycleHarness h;
  Path folder;
  Daemon daemon;
  Settings daemonSettings;

  @BeforeEach
  void setUp() {
    h = new LifecycleHarness(tmp).withIapeerOnPath();
    folder = h.peer("worker", "claude");
    h.sb.env(ORIGIN, "cli");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    h.close();
  }

  private void startDaemon() {
    Env env = h.sb.env().with(ORIGIN, "daemon").with("IAPEER_PORT", String.valueOf(Ports.free()));
    daemonSettings = new Settings(env);
    daemon = Daemon.start(Daemon.Config.of(h.layout(), daemonSettings, "t"), new RecordingRouter(),
        new DaemonVerbs(env), stderr.log());
  }

  private Sandbox.Run run(String... args) {
    return h.sb.cd(folder).run(args);
  }

  private boolean alive() {
    return h.lifecycle().sessions().host().alive(WORKER);
  }

  @Test
  void newThroughTheDaemonStartsTheSessionInTheDaemonsEnvironmentAndPrintsWhatItPrintsHere() {
    startDaemon();

    Sandbox.Run viaDaemon = run("new", "worker");

    assertThat(viaDaemon.code()).as(viaDaemon.err()).isZero();
    assertThat(viaDaemon.out()).isEqualTo("new: claude-worker fresh session up\n");
    assertThat(viaDaemon.err()).isEmpty();
    assertThat(LifecycleHarness.launchRecords(folder)).singleElement().asString()
        .contains("\"" + ORIGIN + "\":\"daemon\"");
    assertThat(stderr.toString()).contains("cli/verb new worker cwd=" + folder);

    daemon.close();
    Sandbox.Run here = run("new", "worker");

    assertThat(here.code()).isZero();
    assertThat(here.out()).isEqualTo(viaDaemon.out());
    assertThat(here.err()).isEqualTo(h.sb.noDaemon("new"));
    assertThat(LifecycleHarness.launchRecords(folder)).hasSize(2).last().asString()
        .contains("\"" + ORIGIN + "\":\"cli\"");
    assertThat(alive()).isTrue();
  }

  @Test
  void stopAndStartRunInTheDaemonWithTheSameOutputsAndExitCodesAsInProcess() {
    startDaemon();
    assertThat(run("new", "worker").code()).isZero();

    Sandbox.Run stop = run("stop", "worker", "claude");
    assertThat(stop).isEqualTo(new Sandbox.Run(0, "worker (claude): stopped\n", ""));
    assertThat(alive()).isFalse();
    assertThat(h.state(WORKER, "stopped")).exists();
    Sandbox.Run start = run("start", "worker", "claude");
    assertThat(start).isEqualTo(new Sandbox.Run(0, "worker (claude): started\n", ""));
    assertThat(h.state(WORKER, "stopped")).doesNotExist();
    Sandbox.Run ghost = run("stop", "ghost");
    assertThat(ghost).isEqualTo(new Sandbox.Run(1, "", "iapeer stop: peer \"ghost\" is not registered\n"));
    Sandbox.Run usage = run("stop");
    assertThat(usage).isEqualTo(new Sandbox.Run(2, "",
        "iapeer: stop needs a peer or --all — usage: iapeer stop <peer> [runtime] | --all\n"));
    assertThat(stderr.toString()).contains("cli/verb stop worker claude").contains("cli/verb start worker claude");

    daemon.close();

    assertThat(run("stop", "worker", "claude"))
        .isEqualTo(new Sandbox.Run(0, stop.out(), h.sb.noDaemon("stop")));
    assertThat(h.state(WORKER, "stopped")).exists();
    assertThat(run("start", "worker", "claude"))
        .isEqualTo(new Sandbox.Run(0, start.out(), h.sb.noDaemon("start")));
    assertThat(run("stop", "ghost"))
        .isEqualTo(new Sandbox.Run(1, "", h.sb.noDaemon("stop") + ghost.err()));
  }

  @Test
  void theEndpointRefusesAVerbNotInItsListAndEveryCallerOffTheSocket() throws Exception {
    startDaemon();
    DaemonClient client = DaemonClient.of(h.layout(), daemonSettings);

    for (String verb : List.of("list", "send", "daemon")) {
      assertThatThrownBy(() -> client.run(new CliCall(List.of(verb, "worker"), folder, Map.of()),
          Duration.ofSeconds(30)))
          .isInstanceOf(IapException.class)
          .hasMessage("the daemon does not run \"" + verb + "\" for the CLI (it runs: attach, compact, new, refresh,"
              + " self-done, self-fresh, start, stop)");
    }
    URI tcp = URI.create(daemon.tcpUrl().orElseThrow()).resolve("/cli/verb");
    String body = new CliCall(List.of("new", "worker"), folder, Map.of()).toJson().toString();
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(tcp).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).isEqualTo("CLI verbs are run for callers on the daemon's unix socket only\n");
    assertThat(LifecycleHarness.launchRecords(folder)).as("nothing was started").isEmpty();
  }

  @Test
  void selfFreshFromInsideASessionIsRunByTheDaemonForThatSession() {
    Lifecycle lc = h.lifecycle();
    startDaemon();

    Waker.Result r = lc.waker().wake(Waker.Request.message("worker", Optional.empty(), Optional.empty(),
        "!run iapeer self-fresh"));
    assertThat(r.ready()).as(r.reason().orElse("")).isTrue();

    await().atMost(Duration.ofSeconds(30)).until(() -> !alive());
    assertThat(lc.markers().has(WORKER, Flag.NEW_EAGER)).isTrue();
    assertThat(stderr.toString()).contains("cli/verb self-fresh cwd=" + folder + " caller=claude-worker");
  }

  @Test
  void attachOfASleeperHasTheDaemonResumeItAndAttachesHere() throws Exception {
    Lifecycle lc = h.lifecycle();
    Waker.Result first = lc.waker().wake(Waker.Request.message("worker", Optional.empty(), Optional.empty(),
        "remember the word pelican"));
    assertThat(first.ready()).as(first.reason().orElse("")).isTrue();
    lc.sessions().host().kill(WORKER);
    startDaemon();

    // no terminal in a test: the attach client fails, after the wake this test is about
    Sandbox.Run r = h.sb.cd(folder).runWithInput("", true, "attach", "worker");

    assertThat(r.out()).isEqualTo("woke + attaching claude-worker… (Ctrl-] detaches)\n");
    assertThat(r.err()).doesNotContain("no daemon answered");
    List<String> launches = LifecycleHarness.launchRecords(folder);
    assertThat(launches).hasSize(2);
    assertThat(launches.get(1)).contains("\"--continue\"").contains("\"" + ORIGIN + "\":\"daemon\"");
    assertThat(stderr.toString()).contains("cli/verb attach worker claude");
    assertThat(alive()).isTrue();
    assertThat(Files.readString(h.layout().eventLogDir().resolve("lifecycle.log")))
        .contains("ev=attach identity=claude-worker woke=true");
  }
}
