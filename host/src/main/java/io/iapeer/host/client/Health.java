package io.iapeer.host.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Is a daemon answering on its socket (02 §8.6)? A probe is one accepted connection; healthy is
 * {@code need} consecutive probes within a window, because a daemon that binds and then crashes
 * passes a single probe.
 */
public final class Health {
  private Health() {}

  /** One connection to the unix socket; a missing or stale file, or a refusal, is no. */
  public static boolean accepts(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Probes every {@code interval} until {@code need} in a row succeed or {@code window} ends. */
  public static boolean healthy(Path socket, int need, Duration interval, Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    int inARow = 0;
    while (true) {
      inARow = accepts(socket) ? inARow + 1 : 0;
      if (inARow >= need) {
        return true;
      }
      if (System.nanoTime() + interval.toNanos() > deadline) {
        return false;
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
