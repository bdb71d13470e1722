package io.iapeer.host.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The daemon's control clients, one per session socket. A client is attached in the background
 * once a session is seen alive, so no call waits for it; until it is ready, and whenever it fails,
 * calls go through a client process as before. A failed attach (a tmux without control-client
 * flags, say) is not tried again on that socket for {@link #RETRY_AFTER}.
 */
final class ControlClients implements AutoCloseable {
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final Map<Path, ControlClient> clients = new ConcurrentHashMap<>();
  private final Map<Path, Long> failedAt = new ConcurrentHashMap<>();
  private final Set<Path> attaching = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** The socket's client if it is attached and open; one whose session ended is dropped. */
  Optional<ControlClient> ready(Path socket) {
    ControlClient c = clients.get(socket);
    if (c != null && !c.open()) {
      clients.remove(socket, c);
      c.close();
      return Optional.empty();
    }
    return Optional.ofNullable(c);
  }

  /**
   * Runs {@code attach} in the background unless the socket's client is there, on its way, or
   * failed lately; the caller pays nothing else on a hot path.
   */
  void attachSoon(Path socket, Supplier<Optional<ControlClient>> attach) {
    if (closed || clients.containsKey(socket) || recentlyFailed(socket) || !attaching.add(socket)) {
      return;
    }
    Thread.ofVirtual().name("tmux-control-attach").start(() -> {
      try {
        attach.get().ifPresentOrElse(cc -> keep(socket, cc), () -> failedAt.put(socket, System.nanoTime()));
      } finally {
        attaching.remove(socket);
      }
    });
  }

  private void keep(Path socket, ControlClient c) {
    failedAt.remove(socket);
    ControlClient before = clients.put(socket, c);
    if (before != null) {
      before.close();
    }
    if (closed) {
      close();
    }
  }

  private boolean recentlyFailed(Path socket) {
    Long at = failedAt.get(socket);
    return at != null && System.nanoTime() - at < RETRY_AFTER.toNanos();
  }

  @Override
  public void close() {
    closed = true;
    clients.values().forEach(ControlClient::close);
    clients.clear();
  }
}
