package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One wake per identity at a time, across processes (03 §9.3, 06 D6): an OS lock on
 * {@code <identity>.wake.lock} plus an in-JVM mutex. The OS drops the lock with its holder, so a
 * lock left by a dead process is taken over at once.
 */
final class WakeLock {
  private WakeLock() {}

  /**
   * How long {@code retries} retries wait in all: backoff from 100 ms by a factor 1.3, each wait
   * capped at 1 s (30 retries ≈ 25 s). Zero retries is a single attempt.
   */
  static Duration budget(int retries) {
    double total = 0;
    double wait = 100;
    for (int i = 0; i < retries; i++) {
      total += Math.min(wait, 1000);
      wait *= 1.3;
    }
    return Duration.ofMillis(Math.round(total));
  }

  static FileLocks.Held acquire(Layout layout, Identity id, int retries, String busy) {
    return FileLocks.acquire(file(layout, id), budget(retries), busy);
  }

  static Path file(Layout layout, Identity id) {
    return layout.wakeLock(id);
  }
}
