package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.storage.Layout;
import io.iapeer.host.client.Health;
import io.iapeer.host.client.RouterInfo;
import io.iapeer.host.install.Distribution;
import io.iapeer.host.install.Installer;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install chain as a new user runs it, on the service manager this machine has (the built-in
 * one: no systemd as PID 1 here): {@code bin/iapeer install} from the checkout, then the installed
 * {@code iapeer onboard}, {@code status}, a daemon killed with SIGKILL and brought back by its
 * supervisor, {@code rollback} to the version installed before, and {@code uninstall}. Everything
 * lives in the test's own root, bin and install dirs; the supervisor runs for real because
 * IAPEER_TEST_SUPERVISOR confines it to that root.
 */
class InstallChainIT {
  static final Path CHECKOUT_LAUNCHER = Sandbox.CHECKOUT_LAUNCHER;

  @TempDir Path tmp;
  Sandbox sb;
  Path binDir;
  Path installDir;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    // Short paths: the daemon's unix socket lives under the root and must fit in 107 bytes.
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ic");
    sb = new Sandbox(base);
    binDir = base.resolve("b");
    installDir = base.resolve("i");
    Path tmuxDir = Files.createDirectories(base.resolve("tools"));
    Files.createSymbolicLink(tmuxDir.resolve("tmux"), Path.of("/usr/bin/tmux"));
    sb.env("IAPEER_BIN_DIR", binDir.toString())
        .env("IAPEER_INSTALL_DIR", installDir.toString())
        .env("IAPEER_PORT", String.valueOf(Ports.free()))
        .env("IAPEER_SERVICE_MANAGER", "builtin")
        .env("IAPEER_TEST_SUPERVISOR", "1")
        .env("IAPEER_SERVICE_THROTTLE_SECS", "1")
        .env("IAPEER_SERVICE_STOP_TIMEOUT_SECS", "5")
        .env("IAPEER_HEALTH_WAIT_SECS", "30")
        .env("PATH", sb.bin + ":" + tmuxDir + ":/usr/bin:/bin");
  }

  @AfterEach
  void tearDown() throws Exception {
    // Whatever the test left running: the supervisor first (it would restart the daemon).
    for (Path pidFile : List.of(sb.layout().serviceHostPid())) {
      pid(pidFile).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
    RouterInfo.read(sb.layout().routerJson()).flatMap(i -> ProcessHandle.of(i.pid()))
        .ifPresent(ProcessHandle::destroyForcibly);
    TmuxServers.killAll(sb.layout().sockDir());
    deleteTree(sb.base);
  }

  Result run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(sb.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(sb.env().vars());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path out = Files.createTempFile(sb.base, "out", ".txt");
    Path err = Files.createTempFile(sb.base, "err", ".txt");
    // Files, not pipes: a supervisor spawned by onboard must not hold our reader open.
    pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("iapeer %s finished", String.join(" ", args)).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  Path installed() {
    return binDir.resolve("iapeer");
  }

  @Test
  void installOnboardSurviveAKillRollBackAndUninstall() throws Exception {
    // A previous version, installed from the same build, so rollback has somewhere to go.
    Layout fromCheckout = Layout.from(sb.env().with("IAPEER_LAUNCHER", CHECKOUT_LAUNCHER.toString()));
    new Installer(fromCheckout, Path.of(System.getProperty("java.home")))
        .install(Distribution.running(fromCheckout), "0.0.9");

    Result install = run(CHECKOUT_LAUNCHER, "install");
    assertThat(install.code()).as(install.err()).isZero();
    String version = VersionCommand.version();
    assertThat(install.out())
        .startsWith("installed iapeer " + version + " → " + installed() + " (previous kept: " + installed() + ".prev)")
        .contains("  daemon service written (builtin): " + sb.layout().servicesDir().resolve("com.agfpd.iapeer.json"))
        .contains("(NOT loaded — to start it: iapeer onboard)");
    assertThat(Files.readSymbolicLink(installed())).isEqualTo(installDir.resolve(version + "/bin/iapeer"));

    Result again = run(installed(), "install");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("iapeer " + version + " already installed → " + installed() + " (unchanged)")
        .contains("  daemon service unchanged (builtin)");

    Result notYet = run(installed(), "status");
    assertThat(notYet.code()).isEqualTo(1);
    assertThat(notYet.out()).contains("daemon: NOT healthy").contains("daemon service: not loaded");

    Result onboard = run(installed(), "onboard", "--accept-risk");
    assertThat(onboard.code()).as(onboard.out() + onboard.err()).isZero();
    assertThat(onboard.out()).contains("service manager: builtin")
        .contains("daemon: loaded — healthy @ " + sb.layout().routerSocket());

    Result status = run(installed(), "status");
    assertThat(status.code()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).contains("daemon: healthy").contains("service manager: builtin")
        .contains("daemon service: loaded");

    long first = daemonPid();
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    // throttle (1 s) + 5 s, as the issue asks
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
        .until(() -> daemonPidIfHealthy().filter(p -> p != first).isPresent());
    Result healthyAgain = run(installed(), "status");
    assertThat(healthyAgain.code()).as(healthyAgain.out()).isZero();

    Result rollback = run(installed(), "rollback");
    assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
    assertThat(rollback.out())
        .startsWith("rolled back to the previous binary (" + installDir.resolve("0.0.9/bin/iapeer") + ")")
        .contains("daemon restarted and healthy");
    assertThat(Files.readSymbolicLink(installed())).isEqualTo(installDir.resolve("0.0.9/bin/iapeer"));
    long rolled = daemonPid();
    assertThat(ProcessHandle.of(rolled).flatMap(h -> h.info().commandLine()).orElse(""))
        .as("the daemon now runs the previous version's jars").contains(installDir.resolve("0.0.9/lib").toString());

    long host = pid(sb.layout().serviceHostPid()).orElseThrow();
    Result uninstall = run(installed(), "uninstall", "--yes");
    assertThat(uninstall.code()).as(uninstall.out() + uninstall.err()).isZero();
    assertThat(uninstall.out()).contains("  removed: daemon service").contains("  removed: built-in service host")
        .contains("iapeer uninstalled.");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> !alive(rolled) && !alive(host));
    assertThat(installed()).doesNotExist();
    assertThat(installDir).doesNotExist();
    assertThat(sb.root).doesNotExist();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private long daemonPid() {
    return RouterInfo.read(sb.layout().routerJson()).orElseThrow().pid();
  }

  private Optional<Long> daemonPidIfHealthy() {
    if (!Health.accepts(sb.layout().routerSocket())) {
      return Optional.empty();
    }
    return RouterInfo.read(sb.layout().routerJson()).map(RouterInfo::pid);
  }

  private static Optional<Long> pid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
