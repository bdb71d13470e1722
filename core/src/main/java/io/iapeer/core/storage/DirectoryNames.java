package io.iapeer.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The names in one directory, listed again only when it changed: a stat instead of the open, reads
 * and close of a listing, on every wake the daemon considers. Adding, removing or renaming an entry
 * moves the directory's mtime, but in steps of the kernel's clock tick, so a listing taken within
 * {@link #SETTLE} of the last change is not kept: another change in that tick could leave the mtime
 * as it was (git's "racy" entries). Safe from many threads.
 */
public final class DirectoryNames {
  /** Far longer than a kernel clock tick (at most 10 ms). */
  static final Duration SETTLE = Duration.ofMillis(100);

  private record Listed(Object dirKey, FileTime modified, List<String> names) {
    boolean matches(BasicFileAttributes a) {
      return dirKey.equals(a.fileKey()) && modified.equals(a.lastModifiedTime());
    }
  }

  private final Path dir;
  private volatile Listed last;

  public DirectoryNames(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The names now, unsorted; empty when there is no such directory. */
  public Optional<List<String>> names() throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(dir, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Listed l = last;
    if (l != null && l.matches(attrs)) {
      return Optional.of(l.names());
    }
    long listedAt = System.currentTimeMillis();
    // java.io: half the system calls of a directory stream
    String[] names = dir.toFile().list();
    if (names == null) {
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      throw new IOException("cannot list " + dir + ": unreadable directory");
    }
    List<String> list = List.of(names);
    // A change after the stat is in this listing but not in the stat: the next stat differs.
    if (attrs.fileKey() != null && listedAt - attrs.lastModifiedTime().toMillis() > SETTLE.toMillis()) {
      last = new Listed(attrs.fileKey(), attrs.lastModifiedTime(), list);
    }
    return Optional.of(list);
  }
}
