package io.iapeer.core.log;

import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only logfmt file with size rotation, shared by {@code lifecycle.log} and
 * {@code delivery.log} (06 D16). Writing is best-effort: a log failure never fails the wake, reap
 * or delivery it records, so {@link #append} swallows I/O errors. It writes through {@code java.io},
 * not an interruptible NIO channel: a pass interrupted at shutdown still records what it just did.
 *
 * <p>Rotation (03 §10.1): before appending, if size + line would pass {@code maxBytes}, drop
 * {@code .<keep>}, shift {@code .i} to {@code .i+1}, move the base to {@code .1}.
 */
public final class EventLog {
  private final Path file;
  private final long maxBytes;
  private final int keep;
  /** Not {@code synchronized}: on JDK 21 a monitor held across file I/O pins a virtual thread. */
  private final ReentrantLock lock = new ReentrantLock();

  public EventLog(Path file, long maxBytes, int keep) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  public Path file() {
    return file;
  }

  /** Appends one line; returns whether it was written. */
  public boolean append(LogLine line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      Dirs.ensure(file.getParent());
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (size > 0 && size + bytes.length > maxBytes) {
        rotate();
      }
      try {
        Files.createFile(file, Modes.attr(Modes.PRIVATE));
      } catch (FileAlreadyExistsException e) {
        // appending to it
      }
      try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
        out.write(bytes);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void rotate() throws IOException {
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
