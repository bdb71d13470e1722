package io.iapeer.host.cli;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
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
    for (Identity id : targets.resolve(Provisioning.registry(ctx).read())) {
      if (Runtimes.isInfra(id.runtime())) {
        ctx.out().println(ParkTargets.line(id, "refused-infra", ParkTargets.NO_SERVICE_MANAGER));
        code = Cli.FAILED;
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
