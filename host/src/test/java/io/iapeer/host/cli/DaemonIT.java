package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon through the checkout launcher, as a service manager and an operator run it: start,
 * status, a send that goes through it, SIGTERM.
 */
class DaemonIT {
  @Test
  void theLauncherRunsTheDaemonThatStatusAndSendReach(@TempDir Path tmp) throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    sb.env("IAPEER_PORT", String.valueOf(Ports.free()));
    assertThat(LauncherIT.iapeer(sb, "create", "boris").code()).isZero();
    ProcessBuilder pb = new ProcessBuilder(LauncherIT.LAUNCHER.toString(), "daemon").directory(sb.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(sb.env().vars());
    pb.environment().put("PATH", sb.bin + ":/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("IAPEER_DAEMON_LOG", "1");
    pb.redirectOutput(tmp.resolve("daemon.out").toFile());
    Process daemon = pb.start();
    try {
      List<String> err = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> new BufferedReader(
          new InputStreamReader(daemon.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(err::add));
      await().atMost(Duration.ofSeconds(90))
          .until(() -> err.stream().anyMatch(l -> l.startsWith("[iapeer] daemon READY")) || !daemon.isAlive());
      assertThat(daemon.isAlive()).as("daemon stderr: %s", err).isTrue();

      LauncherIT.Result status = LauncherIT.iapeer(sb, "status");
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out()).contains("daemon: healthy @ http://127.0.0.1:");

      // The daemon answers the send (its trace names the caller), so no in-process note appears.
      LauncherIT.Result send = LauncherIT.iapeer(sb, "send", "boris", "--message", "hi", "--from", "claude-boris");
      assertThat(send.err()).doesNotContain("no daemon answered").startsWith("iapeer send: ");
      assertThat(err).contains("[iapeer-daemon] cli/send caller=claude-boris");

      daemon.destroy();
      assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(daemon.exitValue()).isZero();
      assertThat(sb.layout().routerSocket()).doesNotExist();
      assertThat(LauncherIT.iapeer(sb, "status").code()).isEqualTo(1);
    } finally {
      daemon.destroyForcibly();
    }
  }
}
