package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.client.Health;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import io.iapeer.host.service.ServiceSpecs;
import io.iapeer.host.service.SystemdManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "onboard",
    customSynopsis = "usage: iapeer onboard [--accept-risk] [--dry-run]",
    description = {
      "Accepts the security warning, then starts the daemon as a service.",
      "",
      "Writes the daemon's service if it is missing or changed, loads it (a loaded",
      "one is left running) and waits until the daemon answers on its socket. The",
      "service manager restarts it after any exit, also after a reboot where the",
      "host's manager does that (systemd, launchd)."
    })
public final class OnboardCommand implements Callable<Integer> {
  /** The longest unix socket path Linux takes (sun_path is 108 bytes with its NUL). */
  static final int MAX_SOCKET_BYTES = 107;

  private final Context ctx;

  @Option(names = "--accept-risk", description = "accept the security warning without asking")
  boolean acceptRisk;

  @Option(names = "--dry-run", description = "say what would be done, change nothing")
  boolean dryRun;

  public OnboardCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!dryRun) {
      int gate = RiskGate.ask(ctx, acceptRisk);
      if (gate != Cli.OK) {
        return gate;
      }
    }
    Layout layout = ctx.layout();
    ServiceManager services = Services.of(ctx);
    ctx.out().println("service manager: " + services.name());
    if (dryRun) {
      ctx.out().println("daemon: would-start (dry-run)");
      return Cli.OK;
    }
    int code = daemon(layout, services);
    if (services instanceof SystemdManager systemd) {
      // never fatal: without it the daemon stops at logout and comes back at the next login
      ctx.out().println(systemd.linger(System.getProperty("user.name")));
    }
    if (services.name().equals("builtin")) {
      ctx.out().println("  note: the built-in service host does not start at boot by itself — in a container make"
          + " the entrypoint `iapeer service-host --foreground` (under an init: docker run --init)");
    }
    return code;
  }

  private int daemon(Layout layout, ServiceManager services) {
    boolean wasHealthy = Health.accepts(layout.routerSocket());
    if (!wasHealthy) {
      checkSocketPath(layout.routerSocket());
      checkPortFree(ctx.settings().port());
    }
    try {
      services.write(ServiceSpecs.daemon(layout, ctx.settings()));
    } catch (IapException e) {
      ctx.err().println("daemon: refused-foreign — " + e.getMessage());
      return Cli.FAILED;
    }
    ServiceResult loaded = services.bootstrap(Labels.DAEMON);
    if (loaded.state() == ServiceResult.State.FAILED) {
      // a job that never started is not left to be restarted every throttle: the host stays as it was
      services.bootout(Labels.DAEMON);
      ctx.err().println("daemon: " + loaded + stderrTail(layout.daemonStderrLog()));
      return Cli.FAILED;
    }
    if (!DaemonService.started(loaded)) {
      (loaded.failed() ? ctx.err() : ctx.out()).println("daemon: " + loaded);
      return loaded.failed() ? Cli.FAILED : Cli.OK;
    }
    if (DaemonService.healthy(layout, ctx.settings())) {
      ctx.out().println("daemon: " + loaded.state().token() + " — healthy @ " + layout.routerSocket());
      return Cli.OK;
    }
    // What onboard started and cannot get healthy is stopped again: the host stays as it was.
    if (loaded.state() == ServiceResult.State.LOADED) {
      services.bootout(Labels.DAEMON);
    }
    ctx.err().println("daemon: " + loaded.state().token() + " — UNHEALTHY — no answer on " + layout.routerSocket()
        + " within " + ctx.settings().healthWait().toSeconds() + " s" + stderrTail(layout.daemonStderrLog()));
    return Cli.FAILED;
  }

  private static void checkSocketPath(Path socket) {
    int n = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (n > MAX_SOCKET_BYTES) {
      throw new IapException("the daemon socket path is too long for a unix socket (" + n + " bytes, at most "
          + MAX_SOCKET_BYTES + "): " + socket + " — set IAPEER_DAEMON_SOCKET to a shorter path");
    }
  }

  private static void checkPortFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IapException("port " + port + " on 127.0.0.1 is in use by another program — stop it, or set"
          + " IAPEER_PORT to a free port and re-run onboard");
    }
  }

  /** The daemon's last words, so the reason is on screen, not only in its log. */
  private static String stderrTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
      return tail.isEmpty() ? "" : "\n  " + log + ":\n    " + String.join("\n    ", tail);
    } catch (IOException e) {
      return " (no daemon log at " + log + ")";
    }
  }
}
