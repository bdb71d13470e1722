package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Names;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.RegistrySnapshot;

/**
 * Who sends, resolved against the registry only (02 §8.4, 01 §13.2): from the tool's
 * {@code X-IAPeer-Identity} header, or from {@code iapeer send --from} (02 §12). Failures carry the
 * spec's exact texts; there is no default identity.
 */
public final class Callers {
  private Callers() {}

  /** The header trimmed and split at its first {@code -}; both halves must be valid names. */
  public static Caller fromHeader(String header, RegistrySnapshot registry) {
    Identity id =
        Identity.parse(header == null ? null : header.strip())
            .orElseThrow(
                () ->
                    new IapException(
                        "missing or malformed x-iapeer-identity header — expected"
                            + " \"<runtime>-<personality>\""));
    return Caller.resolve(id.personality(), id.runtime(), registry);
  }

  /** {@code --from <runtime>-<personality>}; its own parse texts, then the caller checks. */
  public static Caller fromFlag(String from, RegistrySnapshot registry) {
    int dash = from.indexOf('-');
    if (dash <= 0) {
      throw new IapException(
          "invalid --from identity \"" + from + "\" — expected <runtime>-<personality>");
    }
    String runtime = from.substring(0, dash);
    if (!Names.isRuntime(runtime)) {
      throw new IapException("invalid runtime in --from \"" + from + "\"");
    }
    return Caller.resolve(from.substring(dash + 1), runtime, registry);
  }
}
