package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The per-identity lifecycle files of 03 §2 that the data-layer verbs read or purge. */
public final class Markers {
  private final Layout layout;

  public Markers(Layout layout) {
    this.layout = layout;
  }

  /** The durable stop flag set by {@code iapeer stop}. */
  public boolean stopped(Identity id) {
    return Files.exists(marker(id, "stopped"));
  }

  /** The clean-park marker: the idle reap or {@code stop} ended a session worth resuming. */
  public boolean idleReaped(Identity id) {
    return Files.exists(marker(id, "idle-reaped"));
  }

  public void clearIdleReaped(Identity id) {
    try {
      Files.deleteIfExists(marker(id, "idle-reaped"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the idle-reaped marker of " + id + ": " + e.getMessage(), e);
    }
  }

  private Path marker(Identity id, String kind) {
    return layout.lifecycleStateDir().resolve(id.address() + "." + kind);
  }

  /** When the identity's pane log last grew: the activity proxy {@code list} shows. */
  public Optional<FileTime> lastActive(Identity id) {
    try {
      return Optional.of(Files.getLastModifiedTime(layout.paneLogDir().resolve(id.address() + ".log")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes every lifecycle entry of {@code id}: names starting with {@code <identity>.} — the dot
   * keeps {@code claude-bob2.*} when {@code claude-bob} goes. Returns the names removed.
   */
  public List<String> purge(Identity id) {
    Path dir = layout.lifecycleStateDir();
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return removed;
    }
    String prefix = id.address() + ".";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : ds) {
        deleteTree(p);
        removed.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot purge lifecycle state of " + id + ": " + e.getMessage(), e);
    }
    removed.sort(null);
    return removed;
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      }
    } else {
      Files.deleteIfExists(p);
    }
  }
}
