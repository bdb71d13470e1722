package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Parameters(index = "1", arity = "0..1", paramLabel = "runtime", description = "one of its runtimes")
  String runtime;

  public InterruptCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    if (peer == null) {
      throw UsageError.of(spec, "interrupt needs a peer name");
    }
    PeerRecord record = Peers.registered(Provisioning.registry(ctx).read(), peer);
    Sessions sessions = Sessions.of(ctx.layout(), ctx.settings());
    Identity id = LiveTarget.forControl(record, Optional.ofNullable(runtime), sessions.host());
    try {
      sessions.control().send(id, sessions.adapters().of(id.runtime()), "interrupt");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    ctx.out().println("interrupt → " + peer + " (" + id.runtime() + ")");
  }
}
