package io.iapeer.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Files read afresh but parsed only when they changed: the daemon looks at the registry and a
 * peer's profile several times per message, and a stat costs a fraction of a read and a parse.
 * Our writers replace a file by rename, so each version has a new inode; modification time and
 * size catch an edit in place. Safe from many threads; holds at most {@value #MAX} files.
 */
public final class ParsedFiles<T> {
  static final int MAX = 1024;

  /** Text to value; may throw, and then nothing is kept. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text) throws IOException;
  }

  /** The file state a value was parsed from; {@code fileKey} is the device and inode. */
  private record Parsed<T>(Object fileKey, FileTime modified, long size, T value) {
    boolean matches(BasicFileAttributes a) {
      return fileKey.equals(a.fileKey()) && modified.equals(a.lastModifiedTime()) && size == a.size();
    }
  }

  private final Map<Path, Parsed<T>> last = new ConcurrentHashMap<>();
  private final Predicate<T> keep;

  /** @param keep whether a value may be served again; one that must warn on every read may not */
  public ParsedFiles(Predicate<T> keep) {
    this.keep = keep;
  }

  /**
   * The value of {@code file} as it is now, by {@code parser} (the same one for a file every time);
   * {@link java.nio.file.NoSuchFileException} when it is absent.
   */
  public T read(Path file, Parser<T> parser) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    Parsed<T> p = last.get(file);
    if (p != null && p.matches(attrs)) {
      return p.value();
    }
    // Read after the stat: a replace in between is tagged with the older state, so parsed again.
    T value = parser.parse(Files.readString(file));
    if (attrs.fileKey() != null && keep.test(value)) {
      if (last.size() >= MAX) {
        last.clear();
      }
      last.put(file, new Parsed<>(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), value));
    }
    return value;
  }
}
