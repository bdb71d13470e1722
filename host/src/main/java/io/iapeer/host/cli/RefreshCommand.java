package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Markers;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "refresh",
    customSynopsis = "usage: iapeer refresh <peer> [runtime] | --all",
    description = {
      "Makes an agent's next message wake start a fresh conversation.",
      "",
      "Nothing is ended or started now: a live session runs on until it sleeps."
    })
public final class RefreshCommand implements Runnable {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Mixin ParkTargets targets;

  public RefreshCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    targets.require(spec);
    Markers markers = new Markers(ctx.layout(), Clock.systemUTC(), ctx::warn);
    for (Identity id : targets.resolve(Provisioning.registry(ctx).read())) {
      if (Runtimes.isAgentic(id.runtime())) {
        markers.set(id, Flag.FRESH_NEXT);
        ctx.out().println(ParkTargets.line(id, "refresh-armed", null));
      } else {
        ctx.out().println(ParkTargets.line(id, "skipped-non-agentic", null));
      }
    }
  }
}
