package io.iapeer.host.peer;

import io.iapeer.core.IapException;
import java.nio.file.Path;

/**
 * The always-on service an infra peer is run by (06 D16: its definition is written before the
 * profile and the registry record, so a refused definition leaves no half-made peer behind).
 */
public interface InfraService {
  /** For hosts without a service manager: infra peers cannot be provisioned. */
  InfraService NONE = new InfraService() {
    @Override
    public void check(String personality, String runtime, Path cwd) {
      throw new IapException("runtime \"" + runtime + "\" is an always-on infra runtime; provisioning it"
          + " needs a service manager — use claude or codex");
    }

    @Override
    public Path define(String personality, String runtime, Path cwd) {
      throw new IllegalStateException("checked first");
    }
  };

  /** Throws when the peer's service could not be defined: no launcher, a foreign definition. */
  void check(String personality, String runtime, Path cwd);

  /** Writes the service definition (not started) and returns its path. */
  Path define(String personality, String runtime, Path cwd);
}
