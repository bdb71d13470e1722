package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.LifecycleLog;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.session.Attacher;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "attach",
    customSynopsis = "usage: iapeer attach <peer> [runtime]",
    description = {
      "Opens a peer's live session here; Ctrl-] detaches and leaves it running.",
      "",
      "A sleeping peer is resumed first (never started fresh). Without a runtime: the only one",
      "declared, else the default when live, else the only live one, else the default."
    })
public final class AttachCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin PeerArgs args;

  public AttachCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PeerRecord record = args.record(ctx);
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    Sessions sessions = lc.sessions();
    String rt = args.runtime != null
        ? LiveTarget.declared(record, args.runtime)
        : LiveTarget.forAttach(record, sessions.host());
    Identity id = new Identity(rt, args.peer);
    if (!ctx.interactive() && !ctx.inDaemon()) {
      throw new IapException("attach needs a terminal — run it from an interactive shell");
    }
    boolean woke = false;
    if (!sessions.host().alive(id)) {
      // 06 D4: the daemon resumes it, so the session is its child; the terminal stays ours
      Optional<Integer> viaDaemon = ctx.inDaemon()
          ? Optional.empty()
          : ViaDaemon.run(new String[] {"attach", args.peer, rt}, ctx);
      if (viaDaemon.isPresent() && viaDaemon.get() != Cli.OK) {
        return viaDaemon.get();
      }
      woke = viaDaemon.isPresent() || wake(lc, rt);
    }
    if (ctx.inDaemon()) {
      return Cli.OK; // the daemon's part of attach is the wake
    }
    ctx.out().println((woke ? "woke + " : "") + "attaching " + id.address() + "… (Ctrl-] detaches)");
    ctx.out().flush();
    return attach(ctx, sessions, id, woke);
  }

  /** Resumed, never fresh: attach is for the conversation the operator left (03 §9.9). */
  private boolean wake(Lifecycle lc, String rt) {
    Waker.Result r = lc.waker().wake(Waker.Request.resume(args.peer, rt));
    if (!r.ready()) {
      throw new IapException(r.reason().orElse("the wake failed"));
    }
    return r.woke();
  }

  /** Hands the terminal over until the operator detaches; shared with the folder launch. */
  static int attach(Context ctx, Sessions sessions, Identity id, boolean woke) {
    Attacher attacher =
        new Attacher(sessions.host(), LifecycleLog.open(ctx.layout(), ctx.settings()), Clock.systemUTC());
    try {
      return attacher.attach(id, woke) == 0 ? Cli.OK : Cli.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.FAILED;
    }
  }
}
