package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.session.Typist;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Real tmux and the fake agent (03 §11) for routing tests: a private socket dir, the fake installed
 * as claude and codex, a registry, and the session layer with launch polls short enough for tests.
 * {@link #close} kills every server and waits for the agents to exit.
 */
final class LiveHost implements AutoCloseable {
  final Path sockDir;
  final RouteFixture fx;
  final TmuxSessionHost host;
  final Adapters adapters;
  final Sessions sessions;
  private final List<Process> clients = new ArrayList<>();

  /** @param knobs {@code FAKE_AGENT_*} and other variables the sessions inherit */
  LiveHost(Path tmp, Map<String, String> knobs) throws IOException {
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iapr");
    fx = new RouteFixture(tmp, sockDir);
    FakeAgentInstall.Installed fake = FakeAgentInstall.into(tmp.resolve("bin"));
    fx.env.put("IAPEER_CLAUDE_BIN", fake.claude().toString());
    fx.env.put("IAPEER_CODEX_BIN", fake.codex().toString());
    fx.env.put("IS_SANDBOX", "1"); // tests run as root; 06 D8 refuses claude without it
    fx.env.putAll(knobs);
    host = new TmuxSessionHost(fx.layout());
    adapters = new Adapters(fx.layout());
    Launcher launcher = new Launcher(host, new LaunchComposer(adapters, Platform.current()),
        new Launcher.Timings(Duration.ofSeconds(40), Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofMillis(300)),
        d -> Thread.sleep(d));
    sessions = Sessions.of(host, adapters, fx.settings()).withLauncher(launcher);
  }

  /** The daemon's router on this host: composer queue, launching wake, hooks, delivery.log. */
  DeliveryRouter.Builder router() {
    return DeliveryRouter.builder(fx.layout(), sessions).settings(fx.settings()).standardFacilities(fx.settings());
  }

  /** Brings a registered peer up at its composer, with no first message. */
  Identity up(String address) {
    Identity id = Identity.parse(address).orElseThrow();
    LaunchResult r = sessions.launcher().launch(
        LaunchSpec.fresh(id, fx.folder(id.personality())), adapters.of(id.runtime()), "");
    assertThat(r).as(address + " up").isInstanceOf(LaunchResult.Ready.class);
    return id;
  }

  /** A control-mode client: what {@code list-clients} sees as an operator watching. */
  void attach(Identity id) throws IOException {
    clients.add(new ProcessBuilder("tmux", "-S", sockDir.resolve(id.socketFileName()).toString(), "-C", "attach", "-t",
        "=" + id.address()).redirectErrorStream(true).start());
  }

  /** What the peer's transcripts record as user input, in order (claude and codex shapes). */
  List<String> userInputs(Identity id) {
    List<String> out = new ArrayList<>();
    for (Path f : adapters.of(id.runtime()).transcriptFiles(fx.folder(id.personality()))) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode r = Json.parse(line);
        if (r.path("type").asString("").equals("user") && r.path("message").path("content").isString()) {
          String c = r.path("message").path("content").asString();
          if (!c.equals("[Request interrupted by user]")) {
            out.add(c);
          }
        } else if (r.path("type").asString("").equals("response_item")
            && r.path("payload").path("role").asString("").equals("user")) {
          out.add(r.path("payload").path("content").path(0).path("text").asString(""));
        }
      }
    }
    return out;
  }

  /** How many times the fake agent was started in the peer's folder. */
  int launches(String personality) {
    Path record = fx.folder(personality).resolve(".fake-agent/launches.jsonl");
    return RouteFixture.lines(record).size();
  }

  Env env() {
    return new Env(fx.env);
  }

  @Override
  public void close() throws Exception {
    clients.forEach(Process::destroyForcibly);
    TmuxServers.killAll(sockDir);
  }
}
