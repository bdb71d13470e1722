package io.iapeer.core.profile;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Modes;
import io.iapeer.core.storage.PeerPaths;
import io.iapeer.core.storage.Scaffold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The core's merge-write of a local profile (01 §9.4): other packages' sections, unknown keys, key
 * order and the raw intelligence vocabulary survive; a write that changes nothing leaves the file
 * byte-identical.
 */
public final class ProfileWriter {
  private final Duration lockTimeout;

  public ProfileWriter(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }

  /** Merges {@code w} into the stored profile under the per-profile lock and returns what was read back. */
  public PeerProfile write(Path cwd, ProfileWrite w) {
    PeerPaths paths = new PeerPaths(cwd);
    Scaffold.ensureLocal(paths);
    try (var held =
        FileLocks.acquire(
            paths.profileLock(),
            lockTimeout,
            "profile of " + cwd + " is locked by another writer (" + paths.profileLock() + "); retry")) {
      // A stored file we cannot parse is refused, not replaced (01 Q4): its owner sections would be lost.
      ObjectNode stored = ProfileReader.readRaw(cwd).orElseGet(Json::object);
      ObjectNode next = merge(stored.deepCopy(), w);
      PeerProfile result = ProfileReader.parse(cwd, next); // never write what would not read back
      boolean exists = java.nio.file.Files.exists(paths.profile());
      if (!exists || !next.equals(stored)) {
        AtomicFiles.write(paths.profile(), Json.pretty(next), Modes.PRIVATE);
      }
      return result;
    }
  }

  static ObjectNode merge(ObjectNode obj, ProfileWrite w) {
    JsonNode storedIntel = obj.get("intelligence");
    String intelligence = intelligence(storedIntel, w);
    String description =
        w.description().filter(d -> !d.isBlank()).map(String::trim)
            .orElseGet(() -> {
              JsonNode d = obj.get("description");
              return d != null && d.isString() ? d.asString() : "";
            });

    obj.put("personality", w.personality());
    obj.put("default_runtime", w.runtime());
    ArrayNode rts = obj.arrayNode();
    LinkedHashSet<String> ordered = new LinkedHashSet<>();
    ordered.add(w.runtime()); // the default is always first (04 §3.16)
    ordered.addAll(w.runtimes());
    ordered.forEach(rts::add);
    obj.set("runtimes", rts);
    obj.put("description", description);
    obj.put("intelligence", intelligence);
    w.interfaces().ifPresent(i -> obj.set("interfaces", i.deepCopy()));
    obj.remove("runtime"); // the legacy mirror is healed by deletion (since 0.4.11)
    w.initialPrompt().filter(p -> !p.isEmpty()).ifPresent(p -> obj.put("initial_prompt", p));
    w.approvalMode().ifPresent(m -> {
      if (m.equals("gated")) {
        obj.put("approval_mode", "gated");
      } else if (m.equals("yolo")) {
        obj.remove("approval_mode");
      }
    });
    return obj;
  }

  /** 01 §5.3: the stored raw word is kept unless the peer's nature genuinely changes. */
  private static String intelligence(JsonNode storedNode, ProfileWrite w) {
    Optional<String> storedRaw =
        storedNode != null && storedNode.isString() && !storedNode.asString().isEmpty()
            ? Optional.of(storedNode.asString())
            : Optional.empty();
    Optional<Intelligence> asserted = w.intelligence().flatMap(Intelligence::normalize);
    if (asserted.isEmpty()) {
      return storedRaw.orElse(Runtimes.defaultIntelligence(w.runtime()).wire());
    }
    if (storedRaw.flatMap(Intelligence::normalize).equals(asserted)) {
      return storedRaw.get();
    }
    return asserted.get().wire();
  }

  /**
   * Strips the legacy {@code runtime} mirror from a conformant profile (01 §15.4). False when the
   * file is absent, unreadable or already in shape.
   */
  public boolean migrateRuntimeField(Path cwd) {
    Optional<ObjectNode> raw;
    try {
      raw = ProfileReader.readRaw(cwd);
    } catch (IapException e) {
      return false;
    }
    if (raw.isEmpty()) {
      return false;
    }
    PeerProfile p;
    try {
      p = ProfileReader.parse(cwd, raw.get());
    } catch (IapException e) {
      return false;
    }
    JsonNode dr = raw.get().get("default_runtime");
    boolean inShape = dr != null && dr.isString() && dr.asString().equals(p.defaultRuntime())
        && !raw.get().has("runtime");
    if (inShape) {
      return false;
    }
    // Keep the stored personality spelling: migration only touches the runtime fields.
    String personality = raw.get().get("personality").asString();
    write(cwd, ProfileWrite.of(personality, p.defaultRuntime(), p.runtimes()));
    return true;
  }
}
