package io.iapeer.host.cli;

import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fleet guard of 04 §3.15: a peer whose label holds a definition we did not write is run by
 * another manager, and the verbs leave it alone. The outcome token keeps its historic name on every
 * platform (04 §4.5) so scripts keep working.
 */
final class ServiceGuard {
  static final String REFUSED = "refused-foreign-launchd";

  private ServiceGuard() {}

  /** Why {@code verb} must not touch the peer, when another manager owns its label. */
  static Optional<String> foreign(ServiceManager services, String personality, String verb) {
    Path def = services.definitionPath(Labels.peer(personality));
    if (!Files.exists(def) || services.isOwned(def)) {
      return Optional.empty();
    }
    return Optional.of("\"" + personality + "\" is managed by another service manager (foreign definition "
        + def + ") — iapeer does not " + verb + " it");
  }
}
