package io.iapeer.host.cli;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "stop",
    customSynopsis = "usage: iapeer stop <peer> [runtime] | --all",
    description = {
      "Ends an agent's session and keeps it asleep until `iapeer start`.",
      "",
      "Messages are refused meanwhile. The session is parked cleanly: after",
      "start, a message on one of its topics resumes it."
    })
public final class StopCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Mixin ParkTargets targets;

  public StopCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    targets.require(spec);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    int code = Cli.OK;
    ServiceManager services = Services.of(ctx);
    for (Identity id : targets.resolve(Provisioning.registry(ctx).read())) {
      Optional<String> foreign = ServiceGuard.foreign(services, id.personality(), "stop");
      if (foreign.isPresent()) {
        ctx.out().println(ParkTargets.line(id, ServiceGuard.REFUSED, foreign.get()));
        code = Cli.FAILED;
        continue;
      }
      if (Runtimes.isInfra(id.runtime())) {
        // its service is what keeps it up: stopping the job stops the peer (04 §3.15)
        ServiceResult out = services.bootout(Labels.peer(id.personality()));
        lc.sessions().host().kill(id);
        lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "stopped").add("identity", id.address()));
        ctx.out().println(ParkTargets.line(id, "bootout", out.failed() ? out.toString() : null));
        code = out.failed() ? Cli.FAILED : code;
        continue;
      }
      // the flag first: a wake that starts meanwhile is refused or, once live, ended by supervise
      lc.markers().set(id, Flag.STOPPED);
      lc.markers().set(id, Flag.IDLE_REAPED);
      lc.sessions().host().kill(id);
      lc.markers().deleteSession(id);
      lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "stopped").add("identity", id.address()));
      ctx.out().println(ParkTargets.line(id, "stopped", null));
    }
    return code;
  }
}
