package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code (--peer <p> | --all)} target of the runtime levers (04 §3.16). */
final class TargetOptions {
  @Option(names = "--peer", paramLabel = "p", description = "the peer to change")
  String peer;

  @Option(names = "--all", description = "every registered peer")
  boolean all;

  /**
   * The checks the runtime levers share, in the spec's order (04 §3.16): the runtime argument, a
   * target, a valid id, and no infra runtime ({@code infraRefusal} completes that message).
   */
  void check(CommandSpec spec, String runtime, String infraRefusal) {
    if (runtime == null) {
      throw UsageError.of(spec, spec.name() + " needs a runtime");
    }
    requireOne(spec);
    if (!Names.isRuntime(runtime)) {
      throw new IapException("invalid runtime \"" + runtime + "\"");
    }
    if (Runtimes.isInfra(runtime)) {
      throw new IapException("\"" + runtime + "\" is an infra runtime — " + infraRefusal);
    }
  }

  void requireOne(CommandSpec spec) {
    if (peer == null && !all) {
      throw new UsageError(spec.name() + " needs a target — pass --peer <p> or --all");
    }
  }

  List<PeerRecord> resolve(RegistrySnapshot registry) {
    if (all) {
      if (registry.peers().isEmpty()) {
        throw new IapException("no targets — no peers are registered (iapeer create <name>)");
      }
      return registry.peers();
    }
    return List.of(
        registry.find(peer)
            .orElseThrow(() -> new IapException("peer \"" + peer + "\" is not registered (run iapeer list)")));
  }
}
