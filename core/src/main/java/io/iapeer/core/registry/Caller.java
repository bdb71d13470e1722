package io.iapeer.core.registry;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Names;

/**
 * Who is calling the daemon, resolved from the registry alone (01 §13.2): never from the process
 * cwd, environment or a local profile, so the answer is the same wherever the daemon runs.
 */
public record Caller(
    String personality,
    String runtime,
    Identity address,
    String description,
    Intelligence intelligence,
    String cwd,
    PeerRecord record) {

  /** No normalization: a caller must already present a valid name and a declared runtime. */
  public static Caller resolve(String personality, String runtime, RegistrySnapshot registry) {
    if (!Names.isPersonality(personality)) {
      throw new IapException(
          "invalid caller personality \"%s\" — must match /%s/"
              .formatted(personality, Names.PERSONALITY_REGEX));
    }
    if (!Names.isRuntime(runtime)) {
      throw new IapException(
          "caller runtime must be a runtime id matching /%s/, got \"%s\""
              .formatted(Names.RUNTIME_REGEX, runtime));
    }
    PeerRecord record =
        registry
            .find(personality)
            .orElseThrow(
                () ->
                    new IapException(
                        "unknown caller \"%s\" — not registered in peers-profiles.json"
                            .formatted(personality)));
    if (!record.runtimes().contains(runtime)) {
      throw new IapException(
          "runtime \"%s\" is not declared for caller \"%s\" (declared: %s)"
              .formatted(runtime, personality, String.join(", ", record.runtimes())));
    }
    return new Caller(
        personality,
        runtime,
        new Identity(runtime, personality),
        record.description(),
        record.intelligence(),
        record.cwd(),
        record);
  }
}
