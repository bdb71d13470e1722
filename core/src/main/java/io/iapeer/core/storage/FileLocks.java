package io.iapeer.core.storage;

import io.iapeer.core.IapException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cross-process mutual exclusion: an OS advisory lock on a file plus an in-JVM mutex, because one
 * JVM cannot hold the same file lock twice (06 D6, 01 §14.5). The OS drops the lock when its holder
 * dies, so there is no stale-lock rule.
 */
public final class FileLocks {
  private static final ConcurrentHashMap<Path, ReentrantLock> MUTEXES = new ConcurrentHashMap<>();

  private FileLocks() {}

  /** A held lock; closing releases it, and closing it again does nothing. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits up to {@code timeout} for the lock on {@code lockFile} (created 0600 if missing), then
   * fails with {@code busyMessage}.
   */
  public static Held acquire(Path lockFile, Duration timeout, String busyMessage) {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock mutex = MUTEXES.computeIfAbsent(key, k -> new ReentrantLock(true));
    if (mutex.isHeldByCurrentThread()) {
      throw new IllegalStateException("lock " + key + " is already held by this thread");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!mutex.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IapException(busyMessage);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IapException(busyMessage);
    }
    FileChannel ch = null;
    try {
      createIfMissing(key);
      ch = FileChannel.open(key, StandardOpenOption.WRITE);
      long backoffMs = 2;
      while (true) {
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock != null) {
          FileChannel channel = ch;
          // Idempotent: a second close of a stale handle must not unlock a later hold of the
          // same thread (the mutex only knows its owner thread, not which hold is closing).
          AtomicBoolean open = new AtomicBoolean(true);
          return () -> {
            if (!open.compareAndSet(true, false)) {
              return;
            }
            try {
              channel.close(); // releases the OS lock
            } catch (IOException ignored) {
              // the lock goes with the descriptor either way
            } finally {
              mutex.unlock();
            }
          };
        }
        if (System.nanoTime() >= deadline) {
          throw new IapException(busyMessage);
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 50);
      }
    } catch (IOException e) {
      closeQuietly(ch);
      mutex.unlock();
      throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      closeQuietly(ch);
      mutex.unlock();
      Thread.currentThread().interrupt();
      throw new IapException(busyMessage);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      mutex.unlock();
      throw e;
    }
  }

  private static void createIfMissing(Path file) throws IOException {
    Dirs.ensure(file.getParent());
    // Older builds locked by creating a directory at this path; one left by a crash is empty
    // and would block every writer (01 case 26), so it is reclaimed.
    if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(file);
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        throw new IOException(file + " is a directory, not a lock file — remove it");
      }
    }
    try {
      Files.createFile(file, Modes.attr(Modes.PRIVATE));
    } catch (FileAlreadyExistsException ignored) {
      // an existing lock target is fine
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing a failed lock attempt
      }
    }
  }
}
