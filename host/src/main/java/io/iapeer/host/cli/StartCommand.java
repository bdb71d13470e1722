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
    return targets.run(ctx, "start", (id, services) -> {
      if (Runtimes.isInfra(id.runtime())) {
        String label = Labels.peer(id.personality());
        ServiceResult out = services.bootstrap(label);
        logStarted(lc, id);
        return new ParkTargets.Outcome("bootstrap", out.failed()
            ? "bootstrap FAILED: " + out + " — peer not started; manual rescue: " + services.startHint(label)
            : null, out.failed());
      }
      if (lc.markers().clear(id, Flag.STOPPED)) {
        logStarted(lc, id);
      }
      return ParkTargets.Outcome.ok("started");
    });
  }

  private static void logStarted(Lifecycle lc, Identity id) {
    lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "started").add("identity", id.address()));
  }
}
