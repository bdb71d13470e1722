package io.iapeer.host.cli;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceResult;
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
    return targets.run(ctx, "stop", (id, services) -> {
      if (Runtimes.isInfra(id.runtime())) {
        // its service is what keeps it up: stopping the job stops the peer (04 §3.15)
        ServiceResult out = services.bootout(Labels.peer(id.personality()));
        lc.sessions().host().kill(id);
        logStopped(lc, id);
        return new ParkTargets.Outcome("bootout", out.failed() ? out.toString() : null, out.failed());
      }
      // the flag first: a wake that starts meanwhile is refused or, once live, ended by supervise
      lc.markers().set(id, Flag.STOPPED);
      lc.markers().set(id, Flag.IDLE_REAPED);
      lc.sessions().host().kill(id);
      lc.markers().deleteSession(id);
      logStopped(lc, id);
      return ParkTargets.Outcome.ok("stopped");
    });
  }

  private static void logStopped(Lifecycle lc, Identity id) {
    lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "stopped").add("identity", id.address()));
  }
}
