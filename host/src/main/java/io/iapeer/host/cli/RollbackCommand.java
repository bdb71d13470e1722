package io.iapeer.host.cli;

import io.iapeer.core.storage.Layout;
import io.iapeer.host.install.Rollback;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "rollback",
    customSynopsis = "usage: iapeer rollback",
    description = {
      "Goes back to the previous iapeer install and restarts the daemon.",
      "",
      "$IAPEER_BIN_DIR/iapeer is pointed at what iapeer.prev points at; a running",
      "daemon service is restarted on it and must answer within IAPEER_HEALTH_WAIT_SECS,",
      "and so are the infra peers' services. One level deep."
    })
public final class RollbackCommand implements Callable<Integer> {
  private final Context ctx;

  public RollbackCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Layout layout = ctx.layout();
    ServiceManager services = Services.of(ctx);
    Path now = Rollback.toPrevious(layout);
    String head = "rolled back to the previous binary (" + now + ")";
    ServiceResult cycled = services.cycle(Labels.DAEMON);
    InfraRecycle.Report infra = InfraRecycle.all(ctx, services);
    switch (cycled.state()) {
      case RESTARTED -> {
        if (!DaemonService.healthy(layout, ctx.settings())) {
          ctx.err().println("rolled back, but the daemon is NOT healthy after restart (no answer on "
              + layout.routerSocket() + " within " + ctx.settings().healthWait().toSeconds() + " s)" + infra.note());
          return Cli.FAILED;
        }
        ctx.out().println(head + "; daemon restarted and healthy" + infra.note());
      }
      case NOT_LOADED -> ctx.out().println(
          head + "; daemon not loaded — previous binary will be used on next start" + infra.note());
      case FAILED, REFUSED_FOREIGN -> {
        ctx.err().println(head + "; daemon restart " + cycled + infra.note());
        return Cli.FAILED;
      }
      default -> ctx.out().println(head + "; daemon restart " + cycled + infra.note());
    }
    return infra.failed() ? Cli.FAILED : Cli.OK;
  }
}
