package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import java.util.ArrayList;
import io.iapeer.host.service.ServiceManager;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code <peer> [runtime] | --all}, the target of stop, start and refresh (04 §3.15): every
 * registered peer with {@code --all} (a runtime argument is then ignored), else the named one; per
 * peer the named runtime, which it must declare, else every runtime it declares.
 */
final class ParkTargets {
  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Parameters(index = "1", arity = "0..1", paramLabel = "runtime", description = "one of its runtimes")
  String runtime;

  @Option(names = "--all", description = "every registered peer")
  boolean all;

  /** Throws the usage error before anything is read when there is no target. */
  void require(CommandSpec spec) {
    if (peer == null && !all) {
      throw UsageError.of(spec, spec.name() + " needs a peer or --all");
    }
  }

  List<Identity> resolve(RegistrySnapshot registry) {
    List<Identity> out = new ArrayList<>();
    if (all) {
      for (PeerRecord p : registry.peers()) {
        p.runtimes().forEach(rt -> out.add(new Identity(rt, p.personality())));
      }
      return out;
    }
    PeerRecord p = Peers.registered(registry, peer);
    if (runtime != null) {
      if (!p.runtimes().contains(runtime)) {
        throw new IapException("peer \"%s\" does not declare runtime \"%s\" (declared: %s)"
            .formatted(peer, runtime, String.join(", ", p.runtimes())));
      }
      return List.of(new Identity(runtime, peer));
    }
    p.runtimes().forEach(rt -> out.add(new Identity(rt, peer)));
    return out;
  }

  /** One target's outcome: the line {@code <action>[ — <reason>]}, and whether it fails the verb. */
  record Outcome(String action, String reason, boolean failed) {
    static Outcome ok(String action) {
      return new Outcome(action, null, false);
    }
  }

  /**
   * Acts on every target past the fleet guard (04 §3.15: a peer whose label holds a definition
   * another manager wrote is refused and left alone), one line each; exit 1 when any failed.
   */
  int run(Context ctx, String verb, BiFunction<Identity, ServiceManager, Outcome> act) {
    ServiceManager services = Services.of(ctx);
    int code = Cli.OK;
    for (Identity id : resolve(Provisioning.registry(ctx).read())) {
      Outcome o = ServiceGuard.foreign(services, id.personality(), verb)
          .map(why -> new Outcome(ServiceGuard.REFUSED, why, true))
          .orElseGet(() -> act.apply(id, services));
      ctx.out().println(line(id, o.action(), o.reason()));
      code = o.failed() ? Cli.FAILED : code;
    }
    return code;
  }

  /** {@code <p> (<rt>): <action>[ — <reason>]}. */
  static String line(Identity id, String action, String reason) {
    return id.personality() + " (" + id.runtime() + "): " + action + (reason == null ? "" : " — " + reason);
  }
}
