package io.iapeer.host.service;

import io.iapeer.core.storage.FileLocks;
import java.time.Duration;
import java.util.Optional;

/**
 * What the built-in manager does to the running system, a seam so its decisions are tested without
 * processes. Every pid it hands out was published by the host of this layout's root and belongs to
 * a live process that started before it was published (see {@link PidFile}).
 */
interface HostControl {
  /** The running service host: its lock is held and its pid file names it. */
  Optional<Long> host();

  /** Starts a service host in a session of its own; the handle tells whether it is still up. */
  ProcessHandle spawnHost();

  /** SIGHUP: the host reads the definitions again. */
  void rescan(long hostPid);

  /** The pid of the label's running job. */
  Optional<Long> job(String label);

  /** Asks the host to restart the label's job at once; it acts on it at its next rescan. */
  void requestCycle(String label);

  /** Held across one whole operation, so operations and the host's idle exit never interleave. */
  FileLocks.Held control();

  void pause(Duration d) throws InterruptedException;
}
