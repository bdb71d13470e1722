package io.iapeer.core.registry;

import io.iapeer.core.peer.Names;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.SandboxGuard;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The host-wide registry {@code <root>/peers-profiles.json} (01 §14): lock-free reads and one
 * locked read-modify-write path that every mutation goes through, so no update is lost between
 * threads or processes (§17.1).
 */
public final class Registry {
  private final Layout layout;
  private final Consumer<String> warnings;
  private final RegistryReader reader;

  /**
   * @param warnings receives one-line notes the caller should show (the CLI prints {@code warn:
   *     …}): a newer file version, a truncated description
   */
  public Registry(Layout layout, Consumer<String> warnings) {
    this.layout = layout;
    this.warnings = warnings;
    this.reader = new RegistryReader(layout.registryFile(), warnings);
  }

  /** The current registry; an absent file is an empty one. Never blocks (§14.3). */
  public RegistrySnapshot read() {
    return reader.read();
  }

  /**
   * The single writer (§14.4): under the registry lock, read, apply {@code updater}, check and
   * publish atomically. An exception from the updater, the check or a corrupt file on disk aborts
   * with the file untouched. Returns the snapshot as written (sorted, version 2), equal to what
   * the next {@link #read} returns.
   */
  public RegistrySnapshot update(UnaryOperator<RegistrySnapshot> updater) {
    // A sandboxed test must fail before anything under the real ~/.iapeer is created (§14.6).
    SandboxGuard.checkRegistryWrite(layout);
    Dirs.ensure(layout.root());
    String busy = "registry is locked by another writer (" + layout.registryLock() + "); retry";
    FileLocks.Held lock =
        FileLocks.acquire(layout.registryLock(), new Settings(layout.env()).lockTimeout(), busy);
    try {
      RegistrySnapshot next = RegistryWriter.published(updater.apply(read()));
      AtomicFiles.writeRegistry(layout.registryFile(), RegistryWriter.render(next));
      return next;
    } finally {
      lock.close();
    }
  }

  /** Adds or merges one peer (§14.7) and returns its record as written. */
  public PeerRecord upsert(UpsertRequest request) {
    // The record itself cuts the text (§14.3); the operator is told before the lock is taken.
    if (request.description().filter(Descriptions::exceedsLimit).isPresent()) {
      warnings.accept("description exceeded 450 chars and was truncated");
    }
    return update(s -> s.with(request.applyTo(s.find(request.personality()))))
        .find(request.personality())
        .orElseThrow();
  }

  /**
   * Drops one peer; removing an absent peer still rewrites the file through the writer (§14.7).
   * Returns the removed record, if there was one.
   */
  public Optional<PeerRecord> remove(String personality) {
    Names.requirePersonality(personality);
    AtomicReference<Optional<PeerRecord>> removed = new AtomicReference<>(Optional.empty());
    update(
        s -> {
          removed.set(s.find(personality));
          return s.without(personality);
        });
    return removed.get();
  }
}
