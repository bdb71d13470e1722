package io.iapeer.host.cli;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * Ends the built-in service host (04 §4.4) for uninstall: SIGTERM stops its jobs and then itself,
 * within the stop timeout; a host that outlives it is reported, not killed blindly.
 */
final class ServiceHostStop {
  private ServiceHostStop() {}

  static void stop(Layout layout, Settings settings) throws IOException {
    // A pid file can outlive its process and the number be reused: only a service host is stopped.
    Optional<ProcessHandle> host = pid(layout).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().commandLine().filter(c -> c.contains("service-host")).isPresent());
    if (host.isPresent()) {
      host.get().destroy();
      try {
        host.get().onExit().get(settings.serviceStopTimeout().plus(Duration.ofSeconds(5)).toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the service host stopped");
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("the service host (pid " + host.get().pid() + ") did not stop");
      }
    }
    Files.deleteIfExists(layout.serviceHostPid());
  }

  private static Optional<Long> pid(Layout layout) throws IOException {
    if (!Files.exists(layout.serviceHostPid())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(Files.readString(layout.serviceHostPid()).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
