package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.client.Health;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The right to listen on the daemon socket (02 §8.2 [L]): one daemon per socket. A lock beside the
 * socket, held for the daemon's life, settles two daemons starting at once (the OS drops it when
 * its holder dies); a socket that still accepts connections is a live daemon too. Either refuses
 * and touches nothing; a socket file nobody answers on is stale and removed before the bind.
 */
final class SocketClaim implements AutoCloseable {
  private final FileChannel channel;

  private SocketClaim(FileChannel channel) {
    this.channel = channel;
  }

  static SocketClaim claim(Path socket) {
    // 0700 parent: nobody else can reach the socket in the moment before it is chmod-ed 0600.
    Dirs.ensure(socket.toAbsolutePath().getParent());
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    FileChannel ch = null;
    try {
      ch = FileChannel.open(
          lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), Modes.attr(Modes.PRIVATE));
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by a daemon in this very JVM
      }
      if (lock == null || Health.accepts(socket)) {
        throw new IapException(
            "a daemon is already listening on " + socket + " — refusing to start a second instance");
      }
      Files.deleteIfExists(socket);
      return new SocketClaim(ch);
    } catch (IOException e) {
      close(ch);
      throw new UncheckedIOException("cannot claim " + socket + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(ch);
      throw e;
    }
  }

  @Override
  public void close() {
    close(channel);
  }

  private static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close(); // releases the lock
      } catch (IOException ignored) {
        // the lock goes with the descriptor either way
      }
    }
  }
}
