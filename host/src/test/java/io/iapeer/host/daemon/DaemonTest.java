package io.iapeer.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Json;
import io.iapeer.host.client.Health;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.io.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The daemon's listeners and discovery file (02 §8.2, §8.5, §8.7; cases 42–44, 47–50): who may
 * connect, one daemon per socket, router.json, and the order things close in.
 */
class DaemonTest {
  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  final List<Daemon> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Daemon::close);
  }

  private Sandbox sb() {
    return new Sandbox(tmp);
  }

  private Daemon start(Sandbox sb, RecordingRouter router) {
    Daemon d = Daemon.start(Daemon.Config.of(sb.layout(), sb.settingsWithPort(0), "9.9.9"), router, stderr.log());
    started.add(d);
    return d;
  }

  private static Path socket(Sandbox sb) {
    return sb.layout().routerSocket();
  }

  @Test
  void theSocketIsForItsOwnerOnlyInADirectoryForItsOwnerOnly() throws Exception {
    Sandbox sb = sb();
    start(sb, new RecordingRouter());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket(sb)))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket(sb).getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void mcpAnswersOnTheSocketAndOnTcp() throws Exception {
    Sandbox sb = sb();
    Daemon d = start(sb, new RecordingRouter());
    HttpClient http = new HttpClient();
    http.start();
    try {
      for (boolean viaSocket : new boolean[] {true, false}) {
        var req = http.POST(viaSocket ? "http://localhost/mcp" : d.tcpUrl().orElseThrow())
            .headers(h -> h.put("Accept", "application/json, text/event-stream"))
            .body(new StringRequestContent("application/json", HttpSurfaceTest.INITIALIZE, StandardCharsets.UTF_8));
        if (viaSocket) {
          req.transport(new Transport.TCPUnix(socket(sb)));
        }
        ContentResponse r = req.send();
        assertThat(r.getStatus()).as(viaSocket ? "socket" : "tcp").isEqualTo(200);
        assertThat(Json.parse(r.getContentAsString()).path("result").path("serverInfo").path("name").asString())
            .isEqualTo("iapeer");
      }
    } finally {
      http.stop();
    }
  }

  @Test
  void routerJsonSaysWhereTheDaemonListensAndGoesWithIt() throws Exception {
    Sandbox sb = sb();
    Daemon d = start(sb, new RecordingRouter());
    assertThat(d.tcpUrl().orElseThrow()).matches("^http://127\\.0\\.0\\.1:\\d+/mcp$");
    Path file = sb.layout().routerJson();
    String text = Files.readString(file);
    assertThat(text).endsWith("}\n").doesNotContain("\n  ");
    JsonNode o = Json.parse(text);
    assertThat(o.path("sock").asString()).isEqualTo(socket(sb).toString());
    assertThat(o.path("tcp").asString()).isEqualTo(d.tcpUrl().orElseThrow());
    assertThat(o.path("version").asString()).isEqualTo("9.9.9");
    assertThat(o.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    d.close();
    assertThat(file).doesNotExist();
    assertThat(socket(sb)).doesNotExist();
    d.close(); // twice is nothing
  }

  @Test
  void aPortOnlyDaemonHasNoSocketAndPublishesNothing() {
    Sandbox sb = sb();
    Daemon d = Daemon.start(
        new Daemon.Config(sb.layout(), Optional.empty(), OptionalInt.of(0), false, Optional.empty(), "t"),
        new RecordingRouter(), stderr.log());
    started.add(d);
    assertThat(d.tcpUrl()).isPresent();
    assertThat(socket(sb)).doesNotExist();
    assertThat(sb.layout().routerJson()).doesNotExist();
  }

  @Test
  void tcpListensOnLoopbackOnly() throws Exception {
    Path v4 = Path.of("/proc/net/tcp");
    Path v6 = Path.of("/proc/net/tcp6");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(v4), "needs Linux's /proc/net/tcp");
    Daemon d = start(sb(), new RecordingRouter());
    String port = String.format(":%04X", URI.create(d.tcpUrl().orElseThrow()).getPort());
    // The listening sockets (state 0A) on our port, by local address: a JVM may open an IPv6
    // socket for an IPv4 address, so 127.0.0.1 shows as 0100007F or as ::ffff:127.0.0.1.
    List<String> listening = new ArrayList<>();
    for (Path table : List.of(v4, v6)) {
      if (Files.isReadable(table)) {
        for (String line : Files.readAllLines(table)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(port) && f[3].equals("0A")) {
            listening.add(f[1]);
          }
        }
      }
    }
    assertThat(listening).singleElement().isIn("0100007F" + port, "0000000000000000FFFF00000100007F" + port);
  }

  @Test
  void aSecondDaemonOnALiveSocketIsRefusedAndTheFirstGoesOn() {
    Sandbox sb = sb();
    start(sb, new RecordingRouter());
    assertThatThrownBy(() -> start(sb, new RecordingRouter()))
        .isInstanceOf(IapException.class)
        .hasMessage("a daemon is already listening on " + socket(sb) + " — refusing to start a second instance");
    assertThat(socket(sb)).exists();
    assertThat(Health.accepts(socket(sb))).isTrue();
  }

  @Test
  void aStaleFileAtTheSocketPathIsReplacedByAWorkingSocket() throws Exception {
    Sandbox sb = sb();
    Files.createDirectories(socket(sb).getParent());
    Files.writeString(socket(sb), "left behind");
    start(sb, new RecordingRouter());
    assertThat(Health.accepts(socket(sb))).isTrue();
  }

  @Test
  void aDeadSocketLeftByACrashIsReplacedToo() throws Exception {
    Sandbox sb = sb();
    Files.createDirectories(socket(sb).getParent());
    // Closing a bound channel leaves its file behind, as a killed daemon would.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket(sb)));
    }
    assertThat(socket(sb)).exists();
    assertThat(Health.accepts(socket(sb))).isFalse();
    start(sb, new RecordingRouter());
    assertThat(Health.accepts(socket(sb))).isTrue();
  }

  @Test
  void aPortInUseFailsTheStartAndLeavesNothingBehind() throws Exception {
    Sandbox sb = sb();
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> Daemon.start(
              Daemon.Config.of(sb.layout(), sb.settingsWithPort(taken.getLocalPort()), "t"),
              new RecordingRouter(), stderr.log()))
          .isInstanceOf(IapException.class)
          .hasMessageStartingWith("the daemon could not start: ");
    }
    assertThat(socket(sb)).doesNotExist();
    assertThat(sb.layout().routerJson()).doesNotExist();
    start(sb, new RecordingRouter()); // and the socket is free for the next daemon
  }

  @Test
  void closingFailsQueuedDeliveriesFirstWhileTheListenersStillServe() {
    Sandbox sb = sb();
    RecordingRouter router = new RecordingRouter();
    Daemon d = start(sb, router.whenClosedCheck(() -> Health.accepts(socket(sb))));
    d.close();
    d.close();
    assertThat(router.closes()).containsExactly(true);
    assertThat(Health.accepts(socket(sb))).isFalse();
  }
}
