package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "interrupt",
    customSynopsis = "usage: iapeer interrupt <peer> [runtime]",
    description = {
      "Stops a live agent's running turn (Escape); session and context stay.",
      "",
      "Without a runtime: the default one when live, else the only live one."
    })
public final class InterruptCommand implements Runnable {
  private final Context ctx;

  @Mixin PeerArgs args;

  public InterruptCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    PeerRecord record = args.record(ctx);
    Sessions sessions = Sessions.of(ctx.layout(), ctx.settings());
    Identity id = LiveTarget.forControl(record, Optional.ofNullable(args.runtime), sessions.host());
    try {
      sessions.control().send(id, sessions.adapters().of(id.runtime()), "interrupt");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    ctx.out().println("interrupt → " + args.peer + " (" + id.runtime() + ")");
  }
}
