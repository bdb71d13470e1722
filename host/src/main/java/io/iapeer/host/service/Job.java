package io.iapeer.host.service;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One running process of a service, as the built-in supervisor sees it: the leader of a process
 * group of its own (it was started through {@code setsid}, 06 D13), so a signal reaches everything
 * it started that did not leave the group.
 */
public interface Job {
  long pid();

  /** Completes once the process is gone: with its exit code when it was our child, else empty. */
  CompletableFuture<OptionalInt> exit();

  /** Sends {@code TERM} or {@code KILL} to the job's whole process group. */
  void signal(String name);
}
