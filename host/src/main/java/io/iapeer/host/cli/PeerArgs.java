package io.iapeer.host.cli;

import io.iapeer.core.registry.PeerRecord;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code <peer> [runtime]} arguments of the verbs that act on one peer's session. */
final class PeerArgs {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "peer", description = "the peer's name")
  String peer;

  @Parameters(index = "1", arity = "0..1", paramLabel = "runtime", description = "one of its runtimes")
  String runtime;

  /** The registered peer named; without a name, the verb's usage error. */
  PeerRecord record(Context ctx) {
    if (peer == null) {
      throw UsageError.of(spec, spec.name() + " needs a peer name");
    }
    return Peers.registered(Provisioning.registry(ctx).read(), peer);
  }
}
