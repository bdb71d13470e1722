package io.iapeer.host.cli;

import io.iapeer.core.storage.Json;
import io.iapeer.host.client.Health;
import io.iapeer.host.client.RouterInfo;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "status",
    customSynopsis = "usage: iapeer status [--json]",
    description = {
      "Tells whether the router daemon is up; exit 1 when it is not.",
      "",
      "Healthy means the daemon's unix socket accepted two connections in a row",
      "within 2.5 s. The addresses shown are the ones the daemon published in",
      "router.json; the socket and port are this host's configuration."
    })
public final class StatusCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--json", description = "print a JSON object instead of the lines")
  boolean json;

  public StatusCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path socket = ctx.layout().routerSocket();
    int port = ctx.settings().port();
    // Two in a row: a daemon that binds and then crashes passes one probe (02 §8.6).
    boolean healthy = Health.healthy(socket, 2, Duration.ofMillis(100), Duration.ofMillis(2500));
    Optional<RouterInfo> published = RouterInfo.read(ctx.layout().routerJson());
    ServiceManager services = Services.of(ctx);
    String service = serviceState(services);
    if (json) {
      ObjectNode o = Json.object();
      o.put("version", VersionCommand.version());
      o.put("healthy", healthy);
      o.put("socket", socket.toString());
      o.put("port", port);
      o.put("serviceManager", services.name());
      o.put("daemonService", service);
      ObjectNode d = o.putObject("daemon");
      published.ifPresentOrElse(
          info -> {
            info.tcp().ifPresentOrElse(t -> d.put("tcp", t), () -> d.putNull("tcp"));
            info.sock().ifPresentOrElse(s -> d.put("sock", s.toString()), () -> d.putNull("sock"));
            d.put("version", info.version());
            d.put("pid", info.pid());
          },
          () -> o.putNull("daemon"));
      ctx.out().print(Json.pretty(o));
    } else {
      ctx.out().println("iapeer " + VersionCommand.version());
      ctx.out().println(
          healthy
              ? "daemon: healthy" + addresses(published)
              : "daemon: NOT healthy (socket not accepting connections)");
      ctx.out().println("socket: " + socket);
      ctx.out().println("port: " + port);
      ctx.out().println("service manager: " + services.name());
      ctx.out().println("daemon service: " + service);
    }
    return healthy ? Cli.OK : Cli.FAILED;
  }

  /** loaded, not loaded (defined, stopped), not installed, or foreign (another manager's). */
  private static String serviceState(ServiceManager services) {
    Path def = services.definitionPath(Labels.DAEMON);
    if (!Files.exists(def)) {
      return "not installed";
    }
    if (!services.isOwned(def)) {
      return "foreign (" + def + " is not iapeer's)";
    }
    return services.isLoaded(Labels.DAEMON) ? "loaded" : "not loaded";
  }

  /** {@code  @ <tcp> + <sock>}, each part only when router.json has it (02 §8.6). */
  private static String addresses(Optional<RouterInfo> info) {
    StringBuilder sb = new StringBuilder();
    info.flatMap(RouterInfo::tcp).ifPresent(t -> sb.append(" @ ").append(t));
    info.flatMap(RouterInfo::sock).ifPresent(s -> sb.append(sb.isEmpty() ? " @ " : " + ").append(s));
    return sb.toString();
  }
}
