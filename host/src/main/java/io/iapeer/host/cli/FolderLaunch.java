package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.session.LiveTarget;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code iapeer <runtime> [args…]} (04 §1.3, §3.19): starts the runtime fresh for the peer whose
 * folder this is, and on a terminal attaches to it. The remaining arguments go to the runtime.
 */
final class FolderLaunch {
  private FolderLaunch() {}

  static int run(String[] args, Context ctx) {
    String runtime = args[0];
    try {
      return launch(runtime, Arrays.asList(args).subList(1, args.length), ctx);
    } catch (IapException | UncheckedIOException e) {
      // The token may have been a mistyped verb as much as a runtime: say both (04 §1.3).
      ctx.err().println("iapeer: \"" + runtime + "\" — " + e.getMessage());
      ctx.err().println("  not a verb (`iapeer help` lists them); as a runtime, `iapeer " + runtime
          + "` launches it for the peer in the current folder");
      return Cli.FAILED;
    }
  }

  private static int launch(String runtime, List<String> extraArgs, Context ctx) {
    PeerProfile profile =
        ProfileReader.read(ctx.cwd())
            .orElseThrow(() -> new IapException(
                "no iapeer peer in " + ctx.cwd() + " — run `iapeer init` here first"));
    PeerRecord record =
        Provisioning.registry(ctx).read().find(profile.personality())
            .orElseThrow(() -> new IapException("peer \"" + profile.personality()
                + "\" is not registered — run `iapeer init` in " + ctx.cwd()));
    LiveTarget.declared(record, runtime);
    if (Runtimes.isInfra(runtime)) {
      throw new IapException("\"" + runtime + "\" is an infra runtime — its service keeps it running");
    }
    Lifecycle lc = Lifecycle.of(ctx.layout(), ctx.settings(), ctx::warn);
    lc.sessions().adapters().of(runtime); // voicetalk, web: nothing iapeer can launch
    Identity id = new Identity(runtime, record.personality());
    // no task: a fresh wake makes the profile's initial_prompt the first message itself (03 §9.2 step 14)
    Waker.Result r = lc.waker().wake(
        Waker.Request.fresh(record.personality(), Optional.of(runtime), "").withExtraArgs(extraArgs));
    if (!r.ready()) {
      throw new IapException(r.reason().orElse("the wake failed"));
    }
    String attaching = ctx.interactive() ? " — attaching…" : "";
    ctx.out().println(r.woke() ? "launched " + id.address() + " (fresh)" + attaching
        : id.address() + " is already live" + attaching);
    ctx.out().flush();
    return ctx.interactive() ? AttachCommand.attach(ctx, lc.sessions(), id, false) : Cli.OK;
  }
}
