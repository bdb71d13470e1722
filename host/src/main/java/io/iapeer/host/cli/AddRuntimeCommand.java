package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySync;
import io.iapeer.core.runtime.RuntimeChoice;
import io.iapeer.host.peer.Provisioner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "add-runtime",
    customSynopsis = "usage: iapeer add-runtime <runtime> (--peer <p> | --all)",
    description = {
      "Declares one more agent CLI for a peer, without changing its default.",
      "",
      "Infra runtimes (telegram, notifier) are added by `iapeer create`, not here."
    })
public final class AddRuntimeCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "runtime", description = "claude or codex")
  String runtime;

  @Mixin TargetOptions target;

  public AddRuntimeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    target.check(spec, runtime, "infra presence is operator-add via `iapeer create`, not a sweep");
    var registry = Provisioning.registry(ctx);
    Provisioner provisioner = Provisioning.provisioner(ctx);
    // Cross-peer: the operator's own PEER_* identity must not gate another peer (01 §4.3).
    var env = ctx.env().without("PEER_PERSONALITY", "PEER_IDENTITY", "PEER_RUNTIME");
    List<String> lines = new ArrayList<>();
    boolean added = false;
    boolean failed = false;
    for (PeerRecord p : target.resolve(registry.read())) {
      if (Runtimes.isInfra(p.runtime())) {
        lines.add(p.personality() + ": skipped-infra-peer — default runtime \"" + p.runtime() + "\" is infra");
      } else if (p.runtimes().contains(runtime)) {
        lines.add(p.personality() + ": already");
      } else {
        try {
          Path cwd = Path.of(p.cwd());
          RuntimeChoice.primary(ctx.layout(), cwd, Optional.of(runtime));
          provisioner.provision(
              new Provisioner.Request(cwd, runtime, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), env));
          lines.add(p.personality() + ": added");
          added = true;
        } catch (IapException | java.io.UncheckedIOException e) {
          lines.add(p.personality() + ": failed — " + e.getMessage());
          failed = true;
        }
      }
    }
    if (added) {
      new RegistrySync(registry).reindex(); // the record mirrors the profile's untouched default
    }
    lines.forEach(ctx.out()::println);
    return failed ? Cli.FAILED : Cli.OK;
  }
}
