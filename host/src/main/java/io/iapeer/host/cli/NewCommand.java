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
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Parameters(index = "1", arity = "0..1", paramLabel = "runtime", description = "one of its runtimes")
  String runtime;

  public NewCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    if (peer == null) {
      throw UsageError.of(spec, "new needs a peer name");
    }
    PeerRecord record = Peers.registered(Provisioning.registry(ctx).read(), peer);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    if (runtime != null && !Names.isRuntime(runtime)) {
      throw new IapException("invalid runtime \"" + runtime + "\"");
    }
    if (runtime != null && !record.runtimes().contains(runtime)) {
      throw failure(runtime, "refused-undeclared-runtime",
          "declares " + String.join(", ", record.runtimes()) + " — run `iapeer add-runtime " + runtime
              + " --peer " + peer + "` first");
    }
    String rt = runtime != null ? runtime : LiveTarget.forAttach(record, lc.sessions().host());
    if (Runtimes.isInfra(rt)) {
      throw failure(rt, "refused-infra", "its service restarts it (systemctl --user restart com.iapeer." + peer
          + ".service, or launchctl kickstart -k gui/$(id -u)/com.iapeer." + peer + ")");
    }
    Identity id = new Identity(rt, peer);
    for (Flag f : new Flag[] {Flag.STOPPED, Flag.IDLE_REAPED, Flag.NEW_EAGER}) {
      lc.markers().clear(id, f);
    }
    Waker.Result r = lc.waker().wake(Waker.Request.fresh(peer, Optional.of(rt), "").replacingLive());
    if (!r.ready()) {
      throw failure(rt, "failed", r.reason().orElse("the wake failed"));
    }
    ctx.out().println("new: " + id.address() + " fresh session up");
  }

  private IapException failure(String rt, String action, String reason) {
    return new IapException(peer + " (" + rt + "): " + action + " — " + reason);
  }
}
