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
import picocli.CommandLine.Mixin;

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

  @Mixin PeerArgs args;

  public CompactCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    PeerRecord record = args.record(ctx);
    if (args.runtime != null) {
      LiveTarget.declared(record, args.runtime);
    }
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    Sessions sessions = lc.sessions();
    boolean live =
        args.runtime != null
            ? sessions.host().alive(new Identity(args.runtime, args.peer))
            : !LiveTarget.live(record, sessions.host()).isEmpty();
    try {
      if (live) {
        Identity id = LiveTarget.forControl(record, Optional.ofNullable(args.runtime), sessions.host());
        gate(sessions, record, id, false);
      } else {
        compactSleeper(lc, record);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** 04 §3.17: only a args.peer parked by the idle reap has a context worth compacting. */
  private void compactSleeper(Lifecycle lc, PeerRecord record) throws InterruptedException {
    String rt = args.runtime != null ? args.runtime : newestActivity(lc.sessions(), record);
    if (Runtimes.isInfra(rt)) {
      throw failure(rt, "refused-infra", "an infra runtime keeps its own context");
    }
    Identity id = new Identity(rt, args.peer);
    if (!lc.markers().idleReaped(id)) {
      throw failure(rt, "nothing-to-compact", "context is fresh; nothing to compact");
    }
    Waker.Result woke = lc.waker().wake(Waker.Request.resume(args.peer, rt));
    if (!woke.ready()) {
      String reason = woke.reason().orElse("the wake failed");
      throw reason.contains("to resume")
          ? failure(rt, "nothing-to-compact", reason)
          : failure(rt, "failed", reason);
    }
    lc.markers().clearIdleReaped(id);
    gate(lc.sessions(), record, id, woke.woke());
  }

  /** Not live: the args.runtime with the newest transcript activity, else the default (03 §9.9). */
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
    ctx.out().println("compact → " + args.peer + " (" + id.runtime() + ")" + (woke ? " after resume" : ""));
  }

  private IapException failure(String rt, String action, String reason) {
    return new IapException(args.peer + " (" + rt + "): " + action + " — " + reason);
  }
}
