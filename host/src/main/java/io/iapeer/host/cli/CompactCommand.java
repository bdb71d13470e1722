package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.CompactGate;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.nio.file.Path;
import java.time.Instant;
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
    PeerRecord record = Peers.registered(Provisioning.registry(ctx).read(), peer);
    if (runtime != null) {
      LiveTarget.declared(record, runtime);
    }
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    Sessions sessions = lc.sessions();
    boolean live =
        runtime != null
            ? sessions.host().alive(new Identity(runtime, peer))
            : !LiveTarget.live(record, sessions.host()).isEmpty();
    try {
      if (live) {
        Identity id = LiveTarget.forControl(record, Optional.ofNullable(runtime), sessions.host());
        gate(sessions, record, id, false);
      } else {
        compactSleeper(lc, record);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** 04 §3.17: only a peer parked by the idle reap has a context worth compacting. */
  private void compactSleeper(Lifecycle lc, PeerRecord record) throws InterruptedException {
    String rt = runtime != null ? runtime : newestActivity(lc.sessions(), record);
    if (Runtimes.isInfra(rt)) {
      throw failure(rt, "refused-infra", "an infra runtime keeps its own context");
    }
    Identity id = new Identity(rt, peer);
    if (!lc.markers().idleReaped(id)) {
      throw failure(rt, "nothing-to-compact", "context is fresh; nothing to compact");
    }
    Waker.Result woke = lc.waker().wake(Waker.Request.resume(peer, rt));
    if (!woke.ready()) {
      String reason = woke.reason().orElse("the wake failed");
      throw reason.contains("to resume")
          ? failure(rt, "nothing-to-compact", reason)
          : failure(rt, "failed", reason);
    }
    lc.markers().clearIdleReaped(id);
    gate(lc.sessions(), record, id, woke.woke());
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
