package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Json;
import io.iapeer.host.client.Health;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iapeer daemon} as the service manager runs it (04 §3.5, 02 §8.1): a process of its own
 * that says READY, holds its socket against a second daemon, and on SIGTERM closes in order,
 * removes its files and exits 0.
 */
class DaemonCommandTest {
  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Process daemon;

  @AfterEach
  void kill() throws InterruptedException {
    if (daemon != null && daemon.isAlive()) {
      daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theDaemonRunsUntilSigtermThenCleansUpAndExitsZero() throws Exception {
    Sandbox sb = new Sandbox(tmp);
    int port = Ports.free();
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "daemon");
    pb.environment().clear();
    pb.environment().putAll(sb.env().vars());
    pb.environment().put("IAPEER_PORT", String.valueOf(port));
    pb.redirectOutput(tmp.resolve("daemon.out").toFile());
    daemon = pb.start();
    List<String> err = new CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> new BufferedReader(
        new InputStreamReader(daemon.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(err::add));

    Path socket = sb.layout().routerSocket();
    String ready = "[iapeer] daemon READY tcp=http://127.0.0.1:" + port + "/mcp sock=" + socket;
    await().atMost(Duration.ofSeconds(60)).until(() -> err.contains(ready) || !daemon.isAlive());
    assertThat(err).as("daemon stderr").containsExactly(ready);
    assertThat(Health.accepts(socket)).isTrue();
    assertThat(Json.parse(Files.readString(sb.layout().routerJson())).path("pid").asLong()).isEqualTo(daemon.pid());

    // Another process's daemon holds the socket: this one is refused and touches nothing.
    assertThatThrownBy(() -> Daemon.start(
            Daemon.Config.of(sb.layout(), sb.settingsWithPort(0), "t"), new RecordingRouter(), stderr.log()))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("already listening");
    assertThat(Health.accepts(socket)).isTrue();

    Sandbox.Run status = sb.run("status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("daemon: healthy @ http://127.0.0.1:" + port + "/mcp + " + socket + "\n");

    daemon.destroy(); // SIGTERM
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).as("exit code; stderr %s", err).isZero();
    assertThat(socket).doesNotExist();
    assertThat(sb.layout().routerJson()).doesNotExist();
    assertThat(sb.run("status").code()).isEqualTo(1);
  }
}
