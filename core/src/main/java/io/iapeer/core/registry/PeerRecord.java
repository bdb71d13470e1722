package io.iapeer.core.registry;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.storage.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * One peer as the registry holds it in memory (01 §14.3). Names and cwd are not validated here: the
 * reader checks what it loads and the writer checks what it publishes (§14.4 step 6), so an updater
 * can build any record and still be refused with a clear message.
 *
 * @param runtime the default runtime; always first in {@code runtimes}
 * @param description at most 450 UTF-16 code units (longer text is cut)
 * @param intelligence the normalized nature
 * @param intelligenceRaw a stored legacy word ({@code human}, {@code scripted}) written back
 *     verbatim (§5.3); empty when the stored word is the contract word itself, so a record reads
 *     back equal to what was written, and dropped when it no longer means {@code intelligence}
 * @param cwd the peer folder as registered
 */
public record PeerRecord(
    String personality,
    String runtime,
    List<String> runtimes,
    String description,
    Intelligence intelligence,
    Optional<String> intelligenceRaw,
    String cwd,
    Optional<ObjectNode> interfaces) {

  public PeerRecord {
    Objects.requireNonNull(personality, "personality");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(intelligence, "intelligence");
    Objects.requireNonNull(cwd, "cwd");
    // The registry copy of a description is bounded wherever it comes from (§14.3, §15.1).
    description = Descriptions.clamp(description);
    runtimes = defaultFirst(runtime, runtimes);
    // A raw word that names another nature would silently revert a genuine change (§5.3).
    intelligenceRaw =
        intelligenceRaw
            .filter(raw -> !raw.equals(intelligence.wire()))
            .filter(raw -> Intelligence.normalize(raw).equals(Optional.of(intelligence)));
    interfaces = interfaces.map(ObjectNode::deepCopy);
  }

  /** A copy: the record stays immutable although Jackson trees are not. */
  @Override
  public Optional<ObjectNode> interfaces() {
    return interfaces.map(ObjectNode::deepCopy);
  }

  /** The word written to disk: the preserved raw value, else the normalized one (§14.2). */
  public String intelligenceWord() {
    return intelligenceRaw.orElse(intelligence.wire());
  }

  /**
   * The only shape other peers see (§14.7): {@code {personality, runtime, runtimes, description,
   * intelligence}}, intelligence normalized, no cwd and no interfaces.
   */
  public ObjectNode publicSummary() {
    ObjectNode o = Json.object();
    o.put("personality", personality);
    o.put("runtime", runtime);
    runtimes.forEach(o.putArray("runtimes")::add);
    o.put("description", description);
    o.put("intelligence", intelligence.wire());
    return o;
  }

  /** {@code dedupe([runtime, ...runtimes])}: the default leads, order otherwise kept (§6). */
  static List<String> defaultFirst(String runtime, List<String> runtimes) {
    return List.copyOf(
        new LinkedHashSet<>(Stream.concat(Stream.of(runtime), runtimes.stream()).toList()));
  }
}
