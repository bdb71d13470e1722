package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.host.lifecycle.BringUp;
import io.iapeer.host.lifecycle.Markers;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.CompactGate;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compact",
    customSynopsis = "usage: iapeer compact <peer> [runtime]",
    description = {
      "Compacts an agent's conversation and waits until the compaction finished.",
      "",
      "A live session is compacted in place. A peer put to sleep by the idle reap is resumed",
      "first; a peer whose context is fresh has nothing to compact."
    })
public final class CompactCommand implements Runnable {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Parameters(index = "1", arity = "0..1", paramLabel = "runtime", description = "one of its runtimes")
  String runtime;

  public CompactCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    if (peer == null) {
      throw UsageError.of(spec, "compact needs a peer name");
    }
    RegistrySnapshot registry = Provisioning.registry(ctx).read();
    PeerRecord record = Peers.registered(registry, peer);
    if (runtime != null) {
      LiveTarget.declared(record, runtime);
    }
    Sessions sessions = Sessions.of(ctx.layout(), ctx.settings());
    boolean live =
        runtime != null
            ? sessions.host().alive(new Identity(runtime, peer))
            : !LiveTarget.live(record, sessions.host()).isEmpty();
    try {
      if (live) {
        Identity id = LiveTarget.forControl(record, Optional.ofNullable(runtime), sessions.host());
        gate(sessions, record, id, false);
      } else {
        compactSleeper(sessions, record, registry);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** 04 §3.17: only a peer parked by the idle reap has a context worth compacting. */
  private void compactSleeper(Sessions sessions, PeerRecord record, RegistrySnapshot registry)
      throws InterruptedException {
    String rt = runtime != null ? runtime : newestActivity(sessions, record);
    if (Runtimes.isInfra(rt)) {
      throw failure(rt, "refused-infra", "an infra runtime keeps its own context");
    }
    Identity id = new Identity(rt, peer);
    Markers markers = new Markers(ctx.layout());
    if (!markers.idleReaped(id)) {
      throw failure(rt, "nothing-to-compact", "context is fresh; nothing to compact");
    }
    BringUp bringUp = new BringUp(sessions, ctx.layout(), Clock.systemUTC());
    LaunchResult woke = bringUp.launch(record, rt, true, "", List.of(), registry);
    if (woke instanceof LaunchResult.Failed f) {
      throw f.sessionLeft() || !f.reason().contains("to resume")
          ? failure(rt, "failed", f.reason())
          : failure(rt, "nothing-to-compact", f.reason());
    }
    markers.clearIdleReaped(id);
    gate(sessions, record, id, true);
  }

  /** Not live: the runtime with the newest transcript activity, else the default (03 §9.9). */
  private static String newestActivity(Sessions sessions, PeerRecord record) {
    Path cwd = Path.of(record.cwd());
    String best = record.runtime();
    Instant newest = Instant.MIN;
    for (String rt : record.runtimes()) {
      var adapter = sessions.adapters().find(rt);
      var mtime = adapter.flatMap(a -> a.newestActivityMtime(cwd));
      if (mtime.isPresent() && mtime.get().isAfter(newest)) {
        newest = mtime.get();
        best = rt;
      }
    }
    return best;
  }

  private void gate(Sessions sessions, PeerRecord record, Identity id, boolean woke)
      throws InterruptedException {
    RuntimeAdapter adapter = sessions.adapters().of(id.runtime());
    CompactGate.Outcome outcome = sessions.compactGate().compact(id, adapter, Path.of(record.cwd()));
    if (outcome instanceof CompactGate.Outcome.Failed f) {
      throw failure(id.runtime(), "failed", f.reason());
    }
    ctx.out().println("compact → " + peer + " (" + id.runtime() + ")" + (woke ? " after resume" : ""));
  }

  private IapException failure(String rt, String action, String reason) {
    return new IapException(peer + " (" + rt + "): " + action + " — " + reason);
  }
}
