package io.iapeer.host.cli;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.daemon.DaemonLog;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.SuperviseTick;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

@Command(
    name = "daemon",
    customSynopsis = "usage: iapeer daemon",
    description = {
      "Runs the router daemon in the foreground until SIGTERM or SIGINT.",
      "",
      "It listens on the unix socket (IAPEER_DAEMON_SOCKET, else router.sock in",
      "<root>/state/iapeer) and on 127.0.0.1:IAPEER_PORT, serves the send_to_peer",
      "MCP tool, iapeer send and the verbs that start or stop sessions (new, stop,",
      "compact, …), and publishes both addresses in router.json.",
      "Every IAPEER_SUPERVISE_TICK_SECS it puts idle agents to sleep, restarts",
      "what asked for it and hands ephemeral workers their next task."
    })
public final class DaemonCommand implements Runnable {
  private final Context ctx;

  public DaemonCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    Settings settings = ctx.settings();
    DaemonLog log = new DaemonLog(ctx.err(), settings.daemonTrace());
    settings.invalidPort().ifPresent(v -> log.warn("invalid IAPEER_PORT="
        + Json.compact(Json.nodes().stringNode(v)) + " — falling back to " + Settings.DEFAULT_PORT));
    // the lifecycle's tick: supervise pass, eager relaunches, ephemeral queues (03 §9.6)
    Lifecycle lifecycle = Lifecycle.of(ctx.layout(), settings, log::warn);
    SuperviseTick tick = new SuperviseTick(lifecycle.supervisor(), settings.superviseTick(), log::warn);
    Daemon daemon =
        Daemon.start(
            Daemon.Config.of(ctx.layout(), settings, VersionCommand.version()),
            Routing.forDaemon(ctx.layout(), settings, tick::kick),
            new DaemonVerbs(ctx.env()),
            log);
    tick.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      tick.stop();
      daemon.close();
      stopped.countDown();
      ctx.err().flush();
      // SIGTERM/SIGINT end in exit 0 after the ordered close (02 §8.1), not the JVM's 128+signal.
      Runtime.getRuntime().halt(0);
    }, "iapeer-daemon-close"));
    ctx.err().println("[iapeer] daemon READY tcp=" + daemon.tcpUrl().orElse("-")
        + " sock=" + daemon.socket().map(Object::toString).orElse("-"));
    ctx.err().flush();
    try {
      stopped.await(); // the service manager holds the daemon: it runs until a signal
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
