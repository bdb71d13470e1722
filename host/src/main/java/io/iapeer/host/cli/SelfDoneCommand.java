package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Markers;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;

@Command(
    name = "self-done",
    customSynopsis = "usage: iapeer self-done",
    description = {
      "From inside an ephemeral worker's session: done, nothing to send.",
      "",
      "The worker is put to sleep after its quiet window, which frees its",
      "queue for the next task."
    })
public final class SelfDoneCommand implements Runnable {
  private final Context ctx;

  public SelfDoneCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    Identity id = SelfCalls.caller(ctx);
    new Markers(ctx.layout(), Clock.systemUTC(), ctx::warn).set(id, Flag.EPHEMERAL_ARMED);
    ctx.out().println("self-done: armed " + id.address() + " for the quiet-window reap (no one woken)"
        + (ephemeral(id) ? "" : " — NOTE: this peer is not wake_policy:ephemeral, the marker is inert"));
  }

  /** By the registry's folder, else this process's (04 §3.25); an unreadable profile is not ephemeral. */
  private boolean ephemeral(Identity id) {
    try {
      Path cwd = Provisioning.registry(ctx).read().find(id.personality())
          .map(PeerRecord::cwd).map(Path::of).orElse(ctx.cwd());
      return ProfileReader.read(cwd).map(PeerProfile::ephemeral).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
