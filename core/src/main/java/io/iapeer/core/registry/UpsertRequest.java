package io.iapeer.core.registry;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Folders;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * One peer's claim to be registered (01 §14.7). Validated on construction, so a bad request fails
 * before the registry lock is ever taken.
 *
 * @param runtime becomes the record's default and leads its runtimes
 * @param runtimes further runtimes to add; the stored ones are kept (union, never a replace)
 * @param description blank means "not provided" and keeps the stored one
 * @param intelligence an asserted word (legacy {@code human}/{@code scripted} accepted); empty
 *     keeps the stored nature
 * @param interfaces replaces the stored section as a whole when present
 * @param cwd the peer folder; stored absolute
 */
public record UpsertRequest(
    String personality,
    String runtime,
    List<String> runtimes,
    Optional<String> description,
    Optional<String> intelligence,
    Optional<ObjectNode> interfaces,
    Path cwd) {

  public UpsertRequest {
    Names.requirePersonality(personality);
    Names.requireRuntime(runtime);
    runtimes = List.copyOf(runtimes);
    runtimes.forEach(Names::requireRuntime);
    description = description.filter(d -> !d.isBlank());
    intelligence.ifPresent(UpsertRequest::requireIntelligence);
    interfaces = interfaces.map(ObjectNode::deepCopy);
    cwd = Objects.requireNonNull(cwd, "cwd").toAbsolutePath();
  }

  /** The minimal request: a peer in a folder with one runtime, nothing else asserted. */
  public static UpsertRequest of(String personality, String runtime, Path cwd) {
    return new UpsertRequest(
        personality, runtime, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), cwd);
  }

  public UpsertRequest withRuntimes(List<String> more) {
    return new UpsertRequest(
        personality, runtime, more, description, intelligence, interfaces, cwd);
  }

  public UpsertRequest withDescription(String text) {
    return new UpsertRequest(
        personality, runtime, runtimes, Optional.of(text), intelligence, interfaces, cwd);
  }

  public UpsertRequest withIntelligence(String word) {
    return new UpsertRequest(
        personality, runtime, runtimes, description, Optional.of(word), interfaces, cwd);
  }

  public UpsertRequest withInterfaces(ObjectNode section) {
    return new UpsertRequest(
        personality, runtime, runtimes, description, intelligence, Optional.of(section), cwd);
  }

  /**
   * The record after this upsert over {@code existing} (§14.7): explicit values win, otherwise the
   * stored ones stay; a stored raw intelligence word survives unless the nature really changes.
   */
  PeerRecord applyTo(Optional<PeerRecord> existing) {
    existing.ifPresent(this::refuseRepoint);
    Optional<Intelligence> asserted = intelligence.flatMap(Intelligence::normalize);
    Intelligence nature =
        asserted
            .or(() -> existing.map(PeerRecord::intelligence))
            .orElseGet(() -> Runtimes.defaultIntelligence(runtime));
    // §5.3: re-asserting the stored nature keeps the stored word (e.g. `human`).
    boolean sameNature = existing.map(e -> e.intelligence() == nature).orElse(false);
    Optional<String> raw =
        sameNature ? existing.flatMap(PeerRecord::intelligenceRaw) : intelligence;
    return new PeerRecord(
        personality,
        runtime,
        Stream.concat(existing.stream().flatMap(e -> e.runtimes().stream()), runtimes.stream())
            .toList(),
        description.or(() -> existing.map(PeerRecord::description)).orElse(""),
        nature,
        raw,
        cwd.toString(),
        interfaces.or(() -> existing.flatMap(PeerRecord::interfaces)));
  }

  private void refuseRepoint(PeerRecord existing) {
    if (!Folders.same(Path.of(existing.cwd()), cwd)) {
      throw new IapException(
          ("peer \"%s\" already exists at %s; refusing to re-point it to %s"
                  + " (one personality = one folder — use rename to move it)")
              .formatted(personality, existing.cwd(), cwd));
    }
  }

  private static void requireIntelligence(String word) {
    if (Intelligence.normalize(word).isEmpty()) {
      throw new IapException(
          ("invalid intelligence \"%s\" — must be one of artificial|natural|absent"
                  + " (legacy human|scripted accepted)")
              .formatted(word));
    }
  }
}
