package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * onboard and uninstall refusing what they must, in-process: the risk gate, an occupied port, a
 * socket path too long, a foreign definition, a destructive run without consent. The real chain on
 * the built-in supervisor is {@link InstallChainIT}.
 */
class InstallVerbsTest {
  @TempDir Path tmp;

  private Sandbox host() {
    return new Sandbox(tmp).env("IAPEER_SERVICE_MANAGER", "builtin")
        .env("IAPEER_BIN_DIR", tmp.resolve("b").toString())
        .env("IAPEER_INSTALL_DIR", tmp.resolve("i").toString());
  }

  @Test
  void withoutATerminalOnboardShowsTheWarningAndNeedsTheRiskAcceptedExplicitly() {
    Sandbox sb = host();

    Sandbox.Run r = sb.run("onboard");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Security warning — please read.")
        .contains("not a security boundary").contains("Telegram bot token")
        .contains("I understand this is powerful and inherently risky. Continue?\n\n")
        .endsWith("Non-interactive onboard: no TTY to confirm. Re-run with --accept-risk (or set"
            + " IAPEER_ACCEPT_RISK=1) to accept this risk explicitly.\n");
    assertThat(sb.root.resolve("services")).doesNotExist();
  }

  @Test
  void aDeclinedWarningAbortsAndAnAcceptedOneGoesOn() {
    Sandbox sb = host();

    Sandbox.Run no = sb.runWithInput("n\n", true, "onboard");
    Sandbox.Run yes = sb.runWithInput("yes\n", true, "onboard");

    assertThat(no.code()).isEqualTo(1);
    assertThat(no.out()).endsWith("onboard aborted — risk not accepted.\n");
    assertThat(yes.code()).as(yes.err()).isZero();
    // the sandbox starts nothing; the definition is written and the load says why it was skipped
    assertThat(yes.out()).contains("service manager: builtin\n").contains("daemon: skipped-sandbox");
    assertThat(sb.root.resolve("services/com.agfpd.iapeer.json")).exists();
  }

  @Test
  void aDryRunAsksNothingAndWritesNothing() {
    Sandbox sb = host();

    Sandbox.Run r = sb.run("onboard", "--dry-run");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("service manager: builtin\ndaemon: would-start (dry-run)\n");
    assertThat(sb.root.resolve("services")).doesNotExist();
  }

  @Test
  void anOccupiedPortIsRefusedBeforeAnythingIsLoaded() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Sandbox sb = host().env("IAPEER_PORT", String.valueOf(taken.getLocalPort()));

      Sandbox.Run r = sb.run("onboard", "--accept-risk");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("iapeer onboard: port " + taken.getLocalPort() + " on 127.0.0.1 is in use by"
          + " another program — stop it, or set IAPEER_PORT to a free port and re-run onboard\n");
      assertThat(sb.root.resolve("services")).doesNotExist();
    }
  }

  @Test
  void aSocketPathTooLongForAUnixSocketIsRefused() {
    String longDir = tmp.resolve("x".repeat(60)).resolve("y".repeat(60)).toString();
    Sandbox sb = host().env("IAPEER_DAEMON_SOCKET", longDir + "/router.sock");

    Sandbox.Run r = sb.run("onboard", "--accept-risk");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("iapeer onboard: the daemon socket path is too long for a unix socket (")
        .endsWith("— set IAPEER_DAEMON_SOCKET to a shorter path\n");
    assertThat(sb.root.resolve("services")).doesNotExist();
  }

  @Test
  void uninstallRefusesWhileAForeignDefinitionSitsAtAnIapeerLabel() throws Exception {
    Sandbox sb = host();
    Path foreign = sb.root.resolve("services/com.iapeer.fleet.json");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "{\"label\": \"com.iapeer.fleet\"}\n");

    Sandbox.Run r = sb.run("uninstall", "--yes");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("uninstall refused — persistent-peer fleet present (com.iapeer.fleet).");
    assertThat(foreign).exists();
    assertThat(sb.root).exists();
  }

  @Test
  void uninstallShowsThePlanAndWithoutATerminalNeedsYes() {
    Sandbox sb = host();
    assertThat(sb.run("onboard", "--accept-risk").code()).isZero();

    Sandbox.Run dry = sb.run("uninstall", "--dry-run");
    Sandbox.Run noConsent = sb.run("uninstall");

    assertThat(dry.code()).isZero();
    assertThat(dry.out()).startsWith("iapeer uninstall — will remove:\n")
        .contains("  • daemon service  (" + sb.root.resolve("services/com.agfpd.iapeer.json") + ")\n")
        .contains("  · launcher  (" + tmp.resolve("b/iapeer") + ") — already gone\n")
        .endsWith("(dry-run — nothing removed)\n");
    assertThat(noConsent.code()).isEqualTo(2);
    assertThat(noConsent.err()).isEqualTo("uninstall is destructive (removes " + sb.root
        + ") — re-run with --yes in a non-interactive shell.\n");
    assertThat(sb.root.resolve("services/com.agfpd.iapeer.json")).exists();
  }

  @Test
  void underTheSandboxTheRealRootIsNeverUninstalled() {
    Sandbox sb = host().env("IAPEER_ROOT", null);

    Sandbox.Run r = sb.run("uninstall", "--yes");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("refusing to remove the REAL " + sb.home.resolve(".iapeer"))
        .contains("set IAPEER_ROOT to an isolated path");
  }

  @Test
  void installWithoutTmuxSaysHowToGetItAndInstallsNothing() {
    Sandbox sb = host(); // the sandbox PATH holds no tmux

    Sandbox.Run r = sb.run("install");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer install: tmux is not on PATH — agent sessions run in tmux; install it"
        + " (apt-get install tmux, brew install tmux) and re-run\n");
    assertThat(tmp.resolve("b")).doesNotExist();
    assertThat(tmp.resolve("i")).doesNotExist();
  }
}
