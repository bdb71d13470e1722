package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.ProfileWrite;
import io.iapeer.core.profile.ProfileWriter;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySync;
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
    name = "default-runtime",
    customSynopsis = "usage: iapeer default-runtime <runtime> (--peer <p> | --all)",
    description = {
      "Makes a declared agent CLI the one a peer is woken and reached in.",
      "",
      "The runtime must already be declared: add it first with `iapeer add-runtime`."
    })
public final class DefaultRuntimeCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "runtime", description = "claude or codex")
  String runtime;

  @Mixin TargetOptions target;

  public DefaultRuntimeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    target.check(spec, runtime, "not a warm routing default");
    var registry = Provisioning.registry(ctx);
    ProfileWriter writer = new ProfileWriter(ctx.settings().lockTimeout());
    List<String> lines = new ArrayList<>();
    boolean flipped = false;
    boolean failed = false;
    for (PeerRecord r : target.resolve(registry.read())) {
      String p = r.personality();
      if (Runtimes.isInfra(r.runtime())) {
        lines.add(p + ": skipped-infra-peer — default runtime \"" + r.runtime() + "\" is infra");
        continue;
      }
      try {
        Optional<PeerProfile> profile = ProfileReader.read(Path.of(r.cwd()));
        if (profile.isEmpty()) {
          lines.add(p + ": failed — no local profile at " + Path.of(r.cwd(), ".iapeer", "peer-profile.json"));
          failed = true;
        } else if (profile.get().defaultRuntime().equals(runtime)) {
          lines.add(p + ": already");
        } else if (!profile.get().runtimes().contains(runtime)) {
          lines.add(p + ": refused-undeclared-runtime — declares [" + String.join(", ", profile.get().runtimes())
              + "] — run `iapeer add-runtime " + runtime + " --peer " + p + "` first");
        } else {
          PeerProfile pp = profile.get();
          // The writer puts the new default first; the old one stays declared.
          writer.write(pp.cwd(), ProfileWrite.of(pp.raw().get("personality").asString(), runtime, pp.runtimes()));
          lines.add(p + ": flipped");
          flipped = true;
        }
      } catch (IapException | java.io.UncheckedIOException e) {
        lines.add(p + ": failed — " + e.getMessage());
        failed = true;
      }
    }
    if (flipped) {
      new RegistrySync(registry).reindex();
    }
    lines.forEach(ctx.out()::println);
    return failed ? Cli.FAILED : Cli.OK;
  }
}
