package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Registry;
import io.iapeer.host.client.DaemonClient;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Queued;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.SendRequest;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iapeer send} (02 §12 as changed by 06 D4): through a running daemon — on its socket, or
 * its TCP port when the socket is gone — and in-process only when none answers, saying so.
 */
class SendCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  final RecordingRouter router = new RecordingRouter();
  Daemon daemon;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    TmuxServers.killAll(tmp.resolve("socks")); // an in-process send may have tried to wake a peer
  }

  /** boris (claude) and nova (codex), and boris's folder as the working directory. */
  private Sandbox host() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    assertThat(sb.installed("codex").run("create", "nova", "--runtime", "codex").code()).isZero();
    return sb.cd(sb.layout().defaultPeerFolder("boris"));
  }

  private Sandbox withDaemon(Sandbox sb) {
    daemon = Daemon.start(Daemon.Config.of(sb.layout(), sb.settingsWithPort(0), "t"), router, stderr.log());
    return sb;
  }

  // --- through the daemon ---

  @Test
  void theDaemonDeliversAndTheLineSaysWhere() {
    Sandbox sb = withDaemon(host());
    router.answer(new Accepted(new Identity("codex", "nova"), false, Instant.now(), Optional.empty()));
    Sandbox.Run r = sb.run("send", "nova", "--message", "Build is green.", "--from", "claude-boris");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("delivered to nova (codex)\n");
    assertThat(r.code()).isZero();
    RecordingRouter.Call c = router.only();
    assertThat(c.caller().address()).isEqualTo(new Identity("claude", "boris"));
    assertThat(c.request())
        .isEqualTo(new SendRequest("nova", Optional.empty(), "Build is green.", Optional.empty(), List.of(), "cli"));
  }

  @Test
  void everyFlagReachesTheRouterAndAttachmentsKeepTheirOrder() {
    Sandbox sb = withDaemon(host());
    Sandbox.Run r = sb.run("send", "nova", "--message", "m", "--runtime", "codex", "--topic", "fix-resume",
        "--attachment", "/a", "--attachment=/b", "--attachment", "notes/c.txt", "--from", "claude-boris");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(router.only().request())
        .isEqualTo(new SendRequest("nova", Optional.of("codex"), "m", Optional.of("fix-resume"),
            List.of("/a", "/b", sb.cwd().resolve("notes/c.txt").toString()), "cli"));
  }

  @Test
  void theSenderDefaultsToThePeerWhoseFolderThisIs() {
    Sandbox sb = withDaemon(host());
    assertThat(sb.run("send", "nova", "--message", "m").code()).isZero();
    assertThat(router.only().caller().address()).isEqualTo(new Identity("claude", "boris"));
  }

  @Test
  void theMessageFileDashIsStdinVerbatim() {
    Sandbox sb = withDaemon(host());
    String body = "line one\r\nline two\n\n";
    assertThat(sb.runWithInput(body, false, "send", "nova", "--message-file", "-").code()).isZero();
    assertThat(router.only().request().message()).isEqualTo(body);
  }

  @Test
  void aRelativeMessageFileIsReadFromHere() throws Exception {
    Sandbox sb = withDaemon(host());
    Files.writeString(sb.cwd().resolve("note.txt"), "from a file");
    assertThat(sb.run("send", "nova", "--message-file", "note.txt").code()).isZero();
    assertThat(router.only().request().message()).isEqualTo("from a file");
  }

  @Test
  void queuedSendsSayWhichQueueHasThem() {
    Sandbox sb = withDaemon(host());
    router.answer(queued("ephemeral", 2));
    assertThat(sb.run("send", "nova", "--message", "m").out())
        .isEqualTo("queued for nova (codex), depth 2 — the daemon tick drains it\n");
    router.answer(queued("composer", 1));
    assertThat(sb.run("send", "nova", "--message", "m").out()).isEqualTo("queued for nova (codex), depth 1 — someone"
        + " is typing in that session; it is delivered when they are done\n");
    router.answer(queued("session", 1));
    assertThat(sb.run("send", "nova", "--message", "m").out())
        .isEqualTo("queued for nova (codex), depth 1 — the session takes it when its running turn ends\n");
  }

  private static Accepted queued(String by, int depth) {
    return new Accepted(new Identity("codex", "nova"), false, Instant.now(), Optional.of(new Queued(by, depth)));
  }

  @Test
  void aRefusalIsTheVerbsOneErrorLine() {
    Sandbox sb = withDaemon(host());
    router.answer(new Refused("peer \"ghost\" is not in the iapeer peers index; message NOT delivered"));
    Sandbox.Run r = sb.run("send", "ghost", "--message", "m");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("iapeer send: peer \"ghost\" is not in the iapeer peers index; message NOT delivered\n");
  }

  @Test
  void theDaemonChecksTheSenderWithTheFlagsOwnTexts() {
    Sandbox sb = withDaemon(host());
    assertThat(sb.run("send", "nova", "--message", "m", "--from", "boris").err())
        .isEqualTo("iapeer send: invalid --from identity \"boris\" — expected <runtime>-<personality>\n");
    assertThat(sb.run("send", "nova", "--message", "m", "--from", "Claude-boris").err())
        .isEqualTo("iapeer send: invalid runtime in --from \"Claude-boris\"\n");
    assertThat(sb.run("send", "nova", "--message", "m", "--from", "claude-ghost").err())
        .isEqualTo("iapeer send: unknown caller \"ghost\" — not registered in peers-profiles.json\n");
    assertThat(sb.run("send", "nova", "--message", "m", "--from", "codex-boris").err())
        .isEqualTo("iapeer send: runtime \"codex\" is not declared for caller \"boris\" (declared: claude)\n");
    assertThat(router.calls()).isEmpty();
  }

  @Test
  void whenTheSocketIsGoneTheTcpPortIsTried() {
    Sandbox sb = host();
    daemon = Daemon.start(
        new Daemon.Config(sb.layout(), Optional.empty(), OptionalInt.of(0), false, Optional.empty(), "t"),
        router, stderr.log());
    sb.env("IAPEER_PORT", String.valueOf(URI.create(daemon.tcpUrl().orElseThrow()).getPort()));
    Sandbox.Run r = sb.run("send", "nova", "--message", "m");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(router.only().request().path()).isEqualTo("cli");
  }

  @Test
  void aDaemonWithATokenNeedsItFromTheCliToo() {
    Sandbox sb = host();
    daemon = Daemon.start(
        new Daemon.Config(sb.layout(), Optional.of(sb.layout().routerSocket()), OptionalInt.of(0), true,
            Optional.of("secret"), "t"),
        router, stderr.log());
    Sandbox.Run refused = sb.run("send", "nova", "--message", "m");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("iapeer send: the daemon on " + sb.layout().routerSocket()
        + " refused the request: set IAPEER_BEARER_TOKEN to its token\n");
    assertThat(router.calls()).isEmpty();
    assertThat(sb.env("IAPEER_BEARER_TOKEN", "secret").run("send", "nova", "--message", "m").code()).isZero();
  }

  // --- without a daemon ---

  @Test
  void withNoDaemonTheCliSendsInProcessAndSaysSo() {
    Sandbox sb = host().env("IAPEER_PORT", String.valueOf(Ports.free()));
    Sandbox.Run r = sb.run("send", "nova", "--message", "m");
    assertThat(r.err()).startsWith(
        "warn: no daemon answered on " + sb.layout().routerSocket() + " — sending in-process\niapeer send: ");
    assertThat(r.code()).isEqualTo(1); // nova cannot be woken: its "codex" is a stand-in that exits
  }

  @Test
  void theInProcessFallbackRoutesWithTheSameSenderRules() {
    Sandbox sb = host();
    List<String> notes = new ArrayList<>();
    Sender sender = new Sender(
        new DaemonClient(
            sb.layout().routerSocket(), URI.create("http://127.0.0.1:" + Ports.free() + "/mcp"), Optional.empty()),
        () -> router,
        () -> new Registry(sb.layout(), w -> {}).read(),
        notes::add);
    SendRequest req = new SendRequest("nova", Optional.empty(), "m", Optional.empty(), List.of(), "cli");
    RouteResult ok = sender.send("claude-boris", req);
    assertThat(ok).isInstanceOf(Accepted.class);
    assertThat(router.only().caller().address()).isEqualTo(new Identity("claude", "boris"));
    assertThat(notes)
        .containsExactly("no daemon answered on " + sb.layout().routerSocket() + " — sending in-process");
    assertThat(sender.send("claude-ghost", req))
        .isEqualTo(new Refused("unknown caller \"ghost\" — not registered in peers-profiles.json"));
    assertThat(router.calls()).hasSize(1);
  }

  // --- bad input ---

  @Test
  void aMissingTargetOrBodyIsAUsageError() {
    Sandbox sb = host();
    for (String[] args : new String[][] {{"send"}, {"send", "nova"}, {"send", "--message", "m"}}) {
      Sandbox.Run r = sb.run(args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("iapeer: send needs a target and a message — usage: iapeer send <target>"
          + " --message <text> (or --message-file <f|->)\n");
    }
  }

  @Test
  void outsideAPeerFolderTheSenderMustBeNamed() {
    Sandbox sb = withDaemon(host());
    sb.cd(tmp.resolve("elsewhere"));
    Sandbox.Run r = sb.run("send", "nova", "--message", "m");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer send: no --from given and " + sb.cwd() + " is not a peer folder"
        + " (no .iapeer/peer-profile.json) — pass --from <runtime>-<personality>\n");
  }

  @Test
  void anUnreadableMessageFileIsRefused() {
    Sandbox sb = withDaemon(host());
    Sandbox.Run r = sb.run("send", "nova", "--message-file", "missing.txt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("iapeer send: cannot read --message-file missing.txt: ");
    assertThat(router.calls()).isEmpty();
  }
}
