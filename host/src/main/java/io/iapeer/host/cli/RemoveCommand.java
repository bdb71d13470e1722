package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.host.lifecycle.Markers;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.TmuxSessionHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "remove",
    customSynopsis = "usage: iapeer remove <peer> [--force]",
    description = {
      "Drops a peer's registry record and lifecycle state; its folder is kept.",
      "",
      "Removing a peer that is not registered is a no-op."
    })
public final class RemoveCommand implements Runnable {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Option(names = "--force", description = "remove even while the peer has a live session")
  boolean force;

  public RemoveCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    if (peer == null) {
      throw UsageError.of(spec, "remove needs a peer name");
    }
    Names.requirePersonality(peer);
    Registry registry = Provisioning.registry(ctx);
    Optional<PeerRecord> record = registry.read().find(peer);
    if (record.isEmpty()) {
      ctx.out().println("\"" + peer + "\" not registered — no-op");
      return;
    }
    PeerRecord p = record.get();
    if (!force) {
      List<String> live = LiveTarget.live(p, new TmuxSessionHost(ctx.layout()));
      if (!live.isEmpty()) {
        throw new IapException("\"" + peer + "\" is LIVE on " + String.join(", ", live) + " — removing its registry"
            + " record would orphan the running session from routing; stop it first or pass --force");
      }
    }
    Optional<String> teardown = teardownService();
    registry.remove(peer);
    List<String> lines = new ArrayList<>();
    lines.add("removed \"" + peer + "\" from the registry");
    teardown.ifPresent(lines::add);
    Path cwd = Path.of(p.cwd());
    if (p.runtimes().contains(Runtimes.CODEX)) {
      try {
        if (Provisioning.provisioner(ctx).forgetCodexTrust(cwd)) {
          lines.add("codex trust entry: removed");
        }
      } catch (RuntimeException e) {
        lines.add("codex trust entry: FAILED (" + e.getMessage() + ")");
      }
    }
    Markers markers = new Markers(ctx.layout());
    List<String> purged = new ArrayList<>();
    for (String rt : p.runtimes()) {
      purged.addAll(markers.purge(new Identity(rt, p.personality())));
    }
    if (!purged.isEmpty()) {
      lines.add("lifecycle state purged: " + String.join(", ", purged));
    }
    if (Files.isDirectory(cwd)) {
      lines.add("folder kept: " + cwd
          + " (remove never deletes peer data — `rm -rf` it yourself if it was a throwaway)");
    }
    lines.forEach(ctx.out()::println);
  }

  /**
   * The peer's service goes before its registry record (04 §3.18 step 3), so no job runs a peer
   * that no longer exists; a definition another manager wrote is never touched.
   */
  private Optional<String> teardownService() {
    ServiceManager services = Services.of(ctx);
    String label = Labels.peer(peer);
    Path def = services.definitionPath(label);
    String what = services.name().equals("launchd") ? "launchd plist: " : "service unit: ";
    if (!Files.exists(def)) {
      return Optional.empty();
    }
    if (!services.isOwned(def)) {
      if (!force) {
        throw new IapException("\"" + peer + "\" has a service definition iapeer did not write (" + def
            + ") — another manager runs it, so remove will not. Use that manager's tooling, or --force to"
            + " drop ONLY the registry record (the foreign definition is left intact)");
      }
      return Optional.of(what + "skipped-foreign (" + def + " left intact)");
    }
    ServiceResult r = services.remove(label);
    return Optional.of(what + (r.failed()
        ? r + " (rm FAILED — remove " + def + " manually)"
        : "removed " + def + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")));
  }
}
