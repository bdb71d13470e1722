package io.iapeer.core.registry;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Names;
import io.iapeer.core.storage.Json;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a snapshot into the bytes of {@code peers-profiles.json} (01 §14.2), refusing first
 * anything the reader would reject (§14.4 step 6): the file on disk must stay readable.
 */
final class RegistryWriter {
  private RegistryWriter() {}

  /**
   * What an updater's result becomes on disk: checked, peers sorted by personality (ordinal), and
   * version 2 — always (01 Q8 kept: this build writes only the fields it knows).
   */
  static RegistrySnapshot published(RegistrySnapshot next) {
    check(next);
    return new RegistrySnapshot(
        RegistrySnapshot.VERSION,
        next.peers().stream().sorted(Comparator.comparing(PeerRecord::personality)).toList());
  }

  /** The file text of a {@link #published} snapshot. */
  static String render(RegistrySnapshot published) {
    ObjectNode root = Json.object();
    root.put("version", published.version());
    ArrayNode peers = root.putArray("peers");
    published.peers().forEach(p -> peers.add(entry(p)));
    return Json.pretty(root);
  }

  /** Member order is fixed; the legacy {@code runtime} key is never written (0.4.10). */
  private static ObjectNode entry(PeerRecord p) {
    ObjectNode o = Json.object();
    o.put("personality", p.personality());
    o.put("default_runtime", p.runtime());
    p.runtimes().forEach(o.putArray("runtimes")::add);
    o.put("description", p.description());
    o.put("intelligence", p.intelligenceWord());
    o.put("cwd", p.cwd());
    p.interfaces().ifPresent(i -> o.set("interfaces", i));
    return o;
  }

  private static void check(RegistrySnapshot next) {
    Set<String> seen = new HashSet<>();
    for (PeerRecord p : next.peers()) {
      if (!Names.isPersonality(p.personality())) {
        throw refusing(
            "invalid personality \"%s\" — must match /%s/"
                .formatted(p.personality(), Names.PERSONALITY_REGEX));
      }
      for (String rt : p.runtimes()) {
        if (!Names.isRuntime(rt)) {
          throw refusing(
              "peer \"%s\" has invalid runtime \"%s\" — must match /%s/"
                  .formatted(p.personality(), rt, Names.RUNTIME_REGEX));
        }
      }
      if (p.cwd().isBlank()) {
        throw refusing(
            "peer \"%s\" has an empty cwd — every peer needs its folder"
                .formatted(p.personality()));
      }
      if (!seen.add(p.personality())) {
        throw refusing(
            "duplicate peer \"%s\" — one record per personality".formatted(p.personality()));
      }
    }
  }

  private static IapException refusing(String why) {
    return new IapException("refusing to write peers-profiles.json: " + why);
  }
}
