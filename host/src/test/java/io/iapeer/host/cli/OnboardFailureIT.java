package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * onboard when the daemon never comes up, on the real built-in supervisor: an integration test,
 * because the supervisor starts through the checkout's launcher, which needs the packaged jar.
 */
class OnboardFailureIT {
  @TempDir Path tmp;

  private Sandbox host() {
    return new Sandbox(tmp).env("IAPEER_SERVICE_MANAGER", "builtin")
        .env("IAPEER_BIN_DIR", tmp.resolve("b").toString())
        .env("IAPEER_INSTALL_DIR", tmp.resolve("i").toString());
  }

  @Test
  void aDaemonThatNeverComesUpFailsOnboardWithItsLastWordsAndIsNotLeftLoaded() throws Exception {
    // a launcher whose daemon dies at once, saying why, as a broken install would
    Path launcher = tmp.resolve("broken/iapeer");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "#!/bin/sh\n[ \"$1\" = daemon ] && { echo 'daemon: cannot bind' >&2; exit 3; }\n"
        + "exec " + Sandbox.CHECKOUT_LAUNCHER + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Sandbox sb = host().env("IAPEER_LAUNCHER", launcher.toString()).env("IAPEER_TEST_SUPERVISOR", "1")
        .env("IAPEER_HEALTH_WAIT_SECS", "3").env("IAPEER_SERVICE_THROTTLE_SECS", "1")
        .env("PATH", "/usr/bin:/bin").env("JAVA_HOME", System.getProperty("java.home"));
    try {
      Sandbox.Run r = sb.run("onboard", "--accept-risk");

      assertThat(r.code()).isEqualTo(1);
      // Either the supervisor never saw the job live (failed) or it did and the daemon never answered
      // (UNHEALTHY), depending on how fast the launcher died; both show the daemon's last words.
      assertThat(r.err()).matches("(?s)daemon: (failed — .*|loaded — UNHEALTHY — no answer on .*)")
          .contains(sb.layout().daemonStderrLog() + ":\n").contains("daemon: cannot bind");
      assertThat(sb.run("status").out()).contains("daemon service: not loaded");
    } finally {
      sb.run("uninstall", "--yes");
    }
  }
}
