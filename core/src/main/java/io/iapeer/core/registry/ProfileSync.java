package io.iapeer.core.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Continuous profile-sync (01 §15.5), run on the daemon's tick: stat every registered profile and
 * reindex only when the newest mtime or the set of existing profiles changed since the last
 * successful sweep. The steady state costs stats and no writes.
 */
public final class ProfileSync {
  private final Registry registry;
  private final RegistrySync sync;
  private final Consumer<RegistrySync.Reindexed> onChange;
  private final Consumer<String> onError;
  private final ReentrantLock running = new ReentrantLock();
  private Optional<Gate> lastGood = Optional.empty();

  private record Gate(FileTime newest, SortedSet<String> paths) {}

  public ProfileSync(
      Registry registry, Consumer<RegistrySync.Reindexed> onChange, Consumer<String> onError) {
    this.registry = registry;
    this.sync = new RegistrySync(registry);
    this.onChange = onChange;
    this.onError = onError;
  }

  /**
   * One sweep; returns whether it reindexed. Never throws: errors go to {@code onError} and leave
   * the gate where it was, so the next tick retries. A sweep already running makes this a no-op.
   */
  public boolean sweep() {
    if (!running.tryLock()) {
      return false;
    }
    try {
      Gate gate = gate();
      if (lastGood.isPresent() && lastGood.get().equals(gate)) {
        return false;
      }
      RegistrySync.Reindexed r = sync.reindex();
      lastGood = Optional.of(gate);
      if (r.changedAnything()) {
        onChange.accept(r);
      }
      return true;
    } catch (RuntimeException e) {
      onError.accept("profile-sync: " + e.getMessage());
      return false;
    } finally {
      running.unlock();
    }
  }

  private Gate gate() {
    FileTime newest = FileTime.fromMillis(0);
    SortedSet<String> paths = new TreeSet<>();
    for (PeerRecord r : registry.read().peers()) {
      Path profile = Path.of(r.cwd(), ".iapeer", "peer-profile.json");
      try {
        FileTime t = Files.getLastModifiedTime(profile);
        paths.add(profile.toString());
        if (t.compareTo(newest) > 0) {
          newest = t;
        }
      } catch (IOException e) {
        // a missing profile only changes the path set
      }
    }
    return new Gate(newest, paths);
  }
}
