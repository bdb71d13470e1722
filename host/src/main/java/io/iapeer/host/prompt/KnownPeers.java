package io.iapeer.host.prompt;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Layer 3 (03 §8.4): every registered peer through {@link PeerRecord#publicSummary()} — the only
 * shape other peers may see — sorted by personality in code-unit order.
 */
final class KnownPeers {
  private KnownPeers() {}

  /** The rendered layer; empty for an empty registry (the layer is then absent). */
  static Optional<String> render(RegistrySnapshot registry) {
    if (registry.peers().isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    lines.add("## Known peers");
    registry.peers().stream()
        .map(PeerRecord::publicSummary)
        .sorted(Comparator.comparing(p -> text(p, "personality")))
        .forEach(p -> entry(p, lines));
    return Optional.of(String.join("\n", lines));
  }

  private static void entry(ObjectNode peer, List<String> lines) {
    String description = text(peer, "description");
    List<String> runtimes = new ArrayList<>();
    peer.get("runtimes").forEach(r -> runtimes.add(r.asString()));
    // " — " (U+2014) only when there is something to say (§8.4).
    String suffix = description.isEmpty() ? "" : " — " + description;
    lines.add("- " + text(peer, "personality") + suffix);
    lines.add("  runtime: " + text(peer, "runtime"));
    lines.add("  runtimes: " + String.join(", ", runtimes));
    lines.add("  intelligence: " + text(peer, "intelligence"));
  }

  private static String text(JsonNode peer, String field) {
    return peer.get(field).asString();
  }
}
