package io.iapeer.core.registry;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.ParsedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lock-free read of {@code peers-profiles.json} with the normalization and errors of 01 §14.3. A
 * corrupt file is reported, never repaired: the message says how to recover.
 *
 * <p>Every read looks at the file afresh, but parses it only when it changed ({@link ParsedFiles}).
 */
final class RegistryReader {
  private final Path file;
  private final Consumer<String> warnings;
  // A newer version warns on every read, so it is never served from memory.
  private final ParsedFiles<RegistrySnapshot> parsed =
      new ParsedFiles<>(s -> s.version() == RegistrySnapshot.VERSION);

  RegistryReader(Path file, Consumer<String> warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  RegistrySnapshot read() {
    try {
      return parsed.read(file, this::parse);
    } catch (NoSuchFileException e) {
      return RegistrySnapshot.empty();
    } catch (CharacterCodingException e) {
      throw unreadable(": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  RegistrySnapshot parse(String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JacksonException e) {
      throw unreadable(": " + Json.shortMessage(e));
    }
    if (!root.isObject()) {
      throw unreadable("");
    }
    int version = version(root.path("version"));
    List<PeerRecord> peers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode entries = root.path("peers");
    for (JsonNode entry : entries.isArray() ? entries.values() : List.<JsonNode>of()) {
      PeerRecord peer = peer(entry);
      if (!seen.add(peer.personality())) {
        throw corrupted("duplicate peer \"" + peer.personality() + "\"");
      }
      peers.add(peer);
    }
    return new RegistrySnapshot(version, peers);
  }

  /** Not an integer ⇒ 2; older ⇒ bumped to 2 in memory; newer ⇒ kept, with a warning. */
  private int version(JsonNode v) {
    if (!v.isIntegralNumber()) {
      return RegistrySnapshot.VERSION;
    }
    BigInteger n = v.bigIntegerValue();
    if (n.compareTo(BigInteger.valueOf(RegistrySnapshot.VERSION)) <= 0) {
      return RegistrySnapshot.VERSION;
    }
    warnings.accept(
        "peers-profiles.json version %s is newer than supported %d; reading known fields only"
            .formatted(n, RegistrySnapshot.VERSION));
    return n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
  }

  private PeerRecord peer(JsonNode entry) {
    if (!entry.isObject()) {
      throw corrupted("peer entry is not an object");
    }
    JsonNode name = entry.path("personality");
    if (!name.isString() || !Names.isPersonality(name.stringValue())) {
      throw corrupted(
          "peer personality must match /%s/, got %s"
              .formatted(Names.PERSONALITY_REGEX, shown(name)));
    }
    String p = name.stringValue();
    // Legacy files carry only `runtime`; a present but invalid default_runtime has no fallback.
    JsonNode dflt = entry.path("default_runtime");
    if (dflt.isMissingNode() || dflt.isNull()) {
      dflt = entry.path("runtime");
    }
    if (!dflt.isString() || !Names.isRuntime(dflt.stringValue())) {
      throw corrupted(
          "peer \"%s\" default_runtime must match /%s/, got %s"
              .formatted(p, Names.RUNTIME_REGEX, shown(dflt)));
    }
    String runtime = dflt.stringValue();
    JsonNode cwd = entry.path("cwd");
    if (!cwd.isString() || cwd.stringValue().isBlank()) {
      throw corrupted("peer \"" + p + "\" cwd is required");
    }
    // Missing, null or "" means "never stated": the runtime default, nothing raw to preserve.
    JsonNode word = entry.path("intelligence");
    Intelligence intelligence = Runtimes.defaultIntelligence(runtime);
    Optional<String> raw = Optional.empty();
    boolean unstated =
        word.isMissingNode() || word.isNull() || word.isString() && word.stringValue().isEmpty();
    if (!unstated) {
      intelligence =
          Optional.of(word)
              .filter(JsonNode::isString)
              .flatMap(w -> Intelligence.normalize(w.stringValue()))
              .orElseThrow(
                  () ->
                      corrupted(
                          ("peer \"%s\" intelligence must be one of artificial|natural|absent"
                                  + " (legacy human|scripted accepted), got %s")
                              .formatted(p, shown(word))));
      raw = Optional.of(word.stringValue());
    }
    JsonNode interfaces = entry.path("interfaces");
    if (!interfaces.isMissingNode() && !interfaces.isObject()) {
      throw corrupted("peer \"" + p + "\" interfaces must be an object");
    }
    return new PeerRecord(
        p,
        runtime,
        runtimes(p, entry.path("runtimes")),
        entry.path("description").isString() ? entry.path("description").stringValue() : "",
        intelligence,
        raw,
        cwd.stringValue(),
        interfaces.isObject() ? Optional.of((ObjectNode) interfaces) : Optional.empty());
  }

  /** Non-string items are dropped, the rest must be runtime ids; the default is added first. */
  private List<String> runtimes(String p, JsonNode items) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : items.isArray() ? items.values() : List.<JsonNode>of()) {
      if (!item.isString()) {
        continue;
      }
      if (!Names.isRuntime(item.stringValue())) {
        throw corrupted(
            "peer \"%s\" has invalid runtime %s — must match /%s/"
                .formatted(p, shown(item), Names.RUNTIME_REGEX));
      }
      out.add(item.stringValue());
    }
    return out;
  }

  /** A value as JSON, so control characters and non-strings stay visible on one line. */
  private static String shown(JsonNode v) {
    return v.isMissingNode() ? "nothing" : Json.compact(v);
  }

  private IapException unreadable(String detail) {
    return new IapException(
        file + " corrupted, restore from backup or delete to start fresh" + detail);
  }

  private IapException corrupted(String detail) {
    return new IapException(file + " corrupted: " + detail);
  }
}
