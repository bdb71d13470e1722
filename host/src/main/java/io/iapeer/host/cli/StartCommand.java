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
    name = "start",
    customSynopsis = "usage: iapeer start <peer> [runtime] | --all",
    description = {
      "Lets a stopped agent take messages again; its next message wakes it.",
      "",
      "No session starts now. A peer parked by stop resumes its conversation",
      "when that message's topic is one it worked on."
    })
public final class StartCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Mixin ParkTargets targets;

  public StartCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    targets.require(spec);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    int code = Cli.OK;
    ServiceManager services = Services.of(ctx);
    for (Identity id : targets.resolve(Provisioning.registry(ctx).read())) {
      Optional<String> foreign = ServiceGuard.foreign(services, id.personality(), "start");
      if (foreign.isPresent()) {
        ctx.out().println(ParkTargets.line(id, ServiceGuard.REFUSED, foreign.get()));
        code = Cli.FAILED;
        continue;
      }
      if (Runtimes.isInfra(id.runtime())) {
        String label = Labels.peer(id.personality());
        ServiceResult out = services.bootstrap(label);
        lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "started").add("identity", id.address()));
        ctx.out().println(ParkTargets.line(id, "bootstrap", out.failed()
            ? "bootstrap FAILED: " + out + " — peer not started; manual rescue: " + services.startHint(label)
            : null));
        code = out.failed() ? Cli.FAILED : code;
        continue;
      }
      if (lc.markers().clear(id, Flag.STOPPED)) {
        lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "started").add("identity", id.address()));
      }
      ctx.out().println(ParkTargets.line(id, "started", null));
    }
    return code;
  }
}
