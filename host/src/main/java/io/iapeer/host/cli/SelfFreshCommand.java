package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import picocli.CommandLine.Command;

@Command(
    name = "self-fresh",
    customSynopsis = "usage: iapeer self-fresh",
    description = {
      "From inside an agent's session: end it and have it started fresh.",
      "",
      "The next supervise tick relaunches the session with the peer's initial prompt."
    })
public final class SelfFreshCommand implements Runnable {
  private final Context ctx;

  public SelfFreshCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    Identity id = SelfCalls.caller(ctx);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    // the mark first: the kill ends this very process, and the relaunch hangs on the mark
    lc.markers().set(id, Flag.NEW_EAGER);
    ctx.out().println("self-fresh: marked " + id.address() + " for eager fresh re-launch; self-killing session");
    ctx.out().flush();
    lc.sessions().host().kill(id);
  }
}
