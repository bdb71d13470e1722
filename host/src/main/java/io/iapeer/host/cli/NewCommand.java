package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.service.Labels;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "new",
    customSynopsis = "usage: iapeer new <peer> [runtime]",
    description = {
      "Ends an agent's session, whatever it is doing, and starts it fresh.",
      "",
      "Clears the stop and park marks; returns once the fresh session is ready.",
      "Without a runtime: the only one declared, else the default when live,",
      "else the only live one, else the default."
    })
public final class NewCommand implements Runnable {
  private final Context ctx;

  @Mixin PeerArgs args;

  public NewCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    PeerRecord record = args.record(ctx);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    if (args.runtime != null && !Names.isRuntime(args.runtime)) {
      throw new IapException("invalid runtime \"" + args.runtime + "\"");
    }
    if (args.runtime != null && !record.runtimes().contains(args.runtime)) {
      throw failure(args.runtime, "refused-undeclared-runtime",
          "declares " + String.join(", ", record.runtimes()) + " — run `iapeer add-runtime " + args.runtime
              + " --peer " + args.peer + "` first");
    }
    String rt = args.runtime != null ? args.runtime : LiveTarget.forAttach(record, lc.sessions().host());
    if (Runtimes.isInfra(rt)) {
      throw failure(rt, "refused-infra",
          "its service restarts it (" + Services.of(ctx).restartHint(Labels.peer(args.peer)) + ")");
    }
    Identity id = new Identity(rt, args.peer);
    for (Flag f : new Flag[] {Flag.STOPPED, Flag.IDLE_REAPED, Flag.NEW_EAGER}) {
      lc.markers().clear(id, f);
    }
    Waker.Result r = lc.waker().wake(Waker.Request.fresh(args.peer, Optional.of(rt), "").replacingLive());
    if (!r.ready()) {
      throw failure(rt, "failed", r.reason().orElse("the wake failed"));
    }
    ctx.out().println("new: " + id.address() + " fresh session up");
  }

  private IapException failure(String rt, String action, String reason) {
    return new IapException(args.peer + " (" + rt + "): " + action + " — " + reason);
  }
}
