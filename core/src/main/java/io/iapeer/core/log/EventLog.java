package io.iapeer.core.log;

import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Modes;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only logfmt file with size rotation, shared by {@code lifecycle.log} and
 * {@code delivery.log} (06 D16). Writing is best-effort: a log failure never fails the wake, reap
 * or delivery it records, so {@link #append} swallows I/O errors. It writes through {@code java.io},
 * not an interruptible NIO channel: a pass interrupted at shutdown still records what it just did.
 *
 * <p>Rotation (03 §10.1): before appending, if size + line would pass {@code maxBytes}, drop
 * {@code .<keep>}, shift {@code .i} to {@code .i+1}, move the base to {@code .1}.
 *
 * <p>The daemon appends a line or two per message, so the few most recently used files stay open
 * in this process: a line then costs a stat and a write. The stat also tells when another process
 * rotated or removed the file, and the line goes to the new one.
 */
public final class EventLog {
  static final int MAX_OPEN = 8;
  /** Every log of the process: a line is short, and one lock keeps the open files consistent. */
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Map<Path, Open> OPEN = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, Open> eldest) {
      if (size() > MAX_OPEN) {
        eldest.getValue().close();
        return true;
      }
      return false;
    }
  };

  /** An open append stream and the file (device and inode) it was opened on. */
  private record Open(FileOutputStream out, Object fileKey) {
    void close() {
      try {
        out.close();
      } catch (IOException e) {
        // an append stream has nothing left to flush
      }
    }
  }

  private final Path file;
  private final long maxBytes;
  private final int keep;

  public EventLog(Path file, long maxBytes, int keep) {
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  public Path file() {
    return file;
  }

  /** Appends one line; returns whether it was written. */
  public boolean append(LogLine line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    LOCK.lock();
    try {
      BasicFileAttributes now = attributes();
      if (now == null) {
        Dirs.ensure(file.getParent());
        now = create();
      } else if (now.size() > 0 && now.size() + bytes.length > maxBytes) {
        rotate();
        now = create();
      }
      Open open = OPEN.get(file);
      if (open == null || !open.fileKey().equals(now.fileKey())) {
        forget();
        open = new Open(new FileOutputStream(file.toFile(), true), now.fileKey());
        OPEN.put(file, open);
      }
      open.out().write(bytes);
      return true;
    } catch (IOException | RuntimeException e) {
      forget();
      return false;
    } finally {
      LOCK.unlock();
    }
  }

  /** Closes the stream this process keeps open on the file, if any. */
  private void forget() {
    Open open = OPEN.remove(file);
    if (open != null) {
      open.close();
    }
  }

  /** Created private here: {@code FileOutputStream} would create it with the umask's mode. */
  private BasicFileAttributes create() throws IOException {
    try {
      Files.createFile(file, Modes.attr(Modes.PRIVATE));
    } catch (FileAlreadyExistsException e) {
      // another writer was first
    }
    return Files.readAttributes(file, BasicFileAttributes.class);
  }

  /** The file's attributes, or null when it does not exist. */
  private BasicFileAttributes attributes() throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void rotate() throws IOException {
    forget();
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path rotated(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }
}
