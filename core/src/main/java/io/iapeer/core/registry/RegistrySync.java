package io.iapeer.core.registry;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Names;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.ProfileWrite;
import io.iapeer.core.profile.ProfileWriter;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Modes;
import io.iapeer.core.storage.PeerPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the registry a faithful projection of the local profiles (01 §15): read-only reconcile,
 * locked reindex, and rename, which changes a profile and its record in one critical section.
 */
public final class RegistrySync {
  private final Registry registry;

  public RegistrySync(Registry registry) {
    this.registry = registry;
  }

  /**
   * @param drift the drifted fields; empty when the profile is absent or unreadable (01 Q2: such a
   *     profile is reported as missing, not thrown)
   */
  public record Reconciled(String personality, String cwd, Optional<List<String>> drift) {}

  /** @param healed {@code <p>: <field>, <field>} per changed record; {@code missing} names peers without a readable profile */
  public record Reindexed(List<String> healed, List<String> missing) {
    public boolean changedAnything() {
      return !healed.isEmpty() || !missing.isEmpty();
    }
  }

  public List<Reconciled> reconcile() {
    List<Reconciled> out = new ArrayList<>();
    for (PeerRecord r : registry.read().peers()) {
      Optional<List<String>> drift = profileOf(r).map(p -> Projection.drift(r, Projection.of(p, r)));
      out.add(new Reconciled(r.personality(), r.cwd(), drift));
    }
    return out;
  }

  /**
   * Under the registry lock, replaces every record whose profile reads by its projection (runtimes
   * narrowed too, unlike upsert); records without a readable profile stay as they are.
   */
  public Reindexed reindex() {
    List<String> healed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    registry.update(
        s -> {
          healed.clear();
          missing.clear();
          RegistrySnapshot next = s;
          for (PeerRecord r : s.peers()) {
            Optional<PeerProfile> p = profileOf(r);
            if (p.isEmpty()) {
              missing.add(r.personality());
              continue;
            }
            PeerRecord projected = Projection.of(p.get(), r);
            List<String> drift = Projection.drift(r, projected);
            if (!drift.isEmpty()) {
              if (!projected.personality().equals(r.personality())) {
                next = next.without(r.personality());
              }
              next = next.with(projected);
              healed.add(r.personality() + ": " + String.join(", ", drift));
            }
          }
          return next;
        });
    return new Reindexed(List.copyOf(healed), List.copyOf(missing));
  }

  /**
   * Renames a peer (01 §14.7): the profile first, then the record, in one registry critical
   * section; if publishing the registry fails the profile is put back (01 Q6). The folder move, if
   * any, is the caller's job before this call.
   */
  public PeerRecord rename(String from, String to, Optional<Path> newCwd, ProfileWriter writer) {
    if (!Names.isPersonality(from) || !Names.isPersonality(to)) {
      throw new IapException("peers rename requires valid personalities");
    }
    if (from.equals(to)) {
      throw new IapException("peers rename requires distinct old and new personality");
    }
    AtomicReference<Runnable> undo = new AtomicReference<>(() -> {});
    try {
      return registry
          .update(
              s -> {
                PeerRecord r = s.find(from).orElseThrow(() -> new IapException("peer \"" + from + "\" not found"));
                if (s.find(to).isPresent()) {
                  throw new IapException("peer \"" + to + "\" already exists");
                }
                Path cwd = newCwd.orElse(Path.of(r.cwd()));
                PeerProfile p =
                    ProfileReader.read(cwd)
                        .orElseThrow(
                            () -> new IapException(
                                "peer \"" + from + "\" cwd " + cwd + " has no .iapeer/peer-profile.json; restore"
                                    + " the cwd or remove the registry entry"));
                if (!p.personality().equals(from)) {
                  throw new IapException(
                      "peer \"" + from + "\" profile has personality \"" + p.personality() + "\", not \""
                          + from + "\"; registry out of sync");
                }
                Path file = new PeerPaths(cwd).profile();
                String original = readText(file);
                writer.write(cwd, ProfileWrite.of(to, p.defaultRuntime(), p.runtimes()));
                undo.set(() -> AtomicFiles.write(file, original, Modes.PRIVATE)); // byte for byte
                PeerRecord renamed =
                    new PeerRecord(
                        to, r.runtime(), r.runtimes(), r.description(), r.intelligence(), r.intelligenceRaw(),
                        cwd.toString(), r.interfaces());
                return s.without(from).with(renamed);
              })
          .find(to)
          .orElseThrow();
    } catch (RuntimeException e) {
      undo.get().run();
      throw e;
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<PeerProfile> profileOf(PeerRecord r) {
    try {
      return ProfileReader.read(Path.of(r.cwd()));
    } catch (IapException e) {
      return Optional.empty();
    }
  }
}
