package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.storage.Json;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code iapeer status} (04 §3.6, 02 §8.6): the daemon's health decides the exit code. */
class StatusCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private Sandbox up() {
    Sandbox sb = new Sandbox(tmp).env("IAPEER_PORT", "7001").env("IAPEER_SERVICE_MANAGER", "builtin");
    daemon = Daemon.start(Daemon.Config.of(sb.layout(), sb.settingsWithPort(0), "1.2.3"), new RecordingRouter(),
        stderr.log());
    return sb;
  }

  @Test
  void aLiveDaemonIsHealthyAtTheAddressesItPublished() {
    Sandbox sb = up();
    Sandbox.Run r = sb.run("status");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    Path sock = sb.layout().routerSocket();
    assertThat(r.out()).isEqualTo(
        "iapeer " + VersionCommand.version() + "\n"
            + "daemon: healthy @ " + daemon.tcpUrl().orElseThrow() + " + " + sock + "\n"
            + "socket: " + sock + "\n"
            + "port: 7001\n"
            + "service manager: builtin\n"
            + "daemon service: not installed\n");
  }

  @Test
  void theJsonFormHasTheSameFacts() {
    Sandbox sb = up();
    Sandbox.Run r = sb.run("status", "--json");
    assertThat(r.code()).isZero();
    JsonNode o = Json.parse(r.out());
    assertThat(o.path("healthy").asBoolean()).isTrue();
    assertThat(o.path("version").asString()).isEqualTo(VersionCommand.version());
    assertThat(o.path("socket").asString()).isEqualTo(sb.layout().routerSocket().toString());
    assertThat(o.path("port").asInt()).isEqualTo(7001);
    assertThat(o.path("daemon").path("tcp").asString()).isEqualTo(daemon.tcpUrl().orElseThrow());
    assertThat(o.path("daemon").path("sock").asString()).isEqualTo(sb.layout().routerSocket().toString());
    assertThat(o.path("daemon").path("version").asString()).isEqualTo("1.2.3");
    assertThat(o.path("daemon").path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(o.path("serviceManager").asString()).isEqualTo("builtin");
    assertThat(o.path("daemonService").asString()).isEqualTo("not installed");
  }

  @Test
  void withoutADaemonStatusSaysNotHealthyAndExitsOne() {
    Sandbox sb = new Sandbox(tmp);
    Sandbox.Run r = sb.run("status");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("daemon: NOT healthy (socket not accepting connections)\n")
        .contains("socket: " + sb.layout().routerSocket() + "\n");
    Sandbox.Run j = sb.run("status", "--json");
    assertThat(j.code()).isEqualTo(1);
    assertThat(Json.parse(j.out()).path("healthy").asBoolean()).isFalse();
    assertThat(Json.parse(j.out()).path("daemon").isNull()).isTrue();
  }

  @Test
  void aRouterJsonLeftByADeadDaemonDoesNotMakeItHealthy() throws Exception {
    Sandbox sb = up();
    String published = Files.readString(sb.layout().routerJson());
    daemon.close();
    Files.writeString(sb.layout().routerJson(), published);
    Files.writeString(sb.layout().routerSocket(), "");
    assertThat(sb.run("status").code()).isEqualTo(1);
  }
}
