package io.iapeer.host.service;

import io.iapeer.host.service.ServiceResult.State;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every operation on a job passes first (04 §4.1, §4.6): its definition exists and is
 * ours — a foreign one is never loaded, stopped, cycled or deleted — and no sandbox is in force.
 *
 * @param noun what a definition is called in messages ({@code plist}, {@code unit})
 * @param marker how our ownership marker is named in messages
 */
record Guard(boolean sandbox, String noun, String marker) {

  @FunctionalInterface
  interface Operation {
    ServiceResult run() throws InterruptedException;
  }

  ServiceResult run(ServiceManager manager, String label, Operation op) {
    Path path = manager.definitionPath(label);
    if (!Files.exists(path)) {
      return ServiceResult.failed("no " + noun + " at " + path + " — write the service definition first");
    }
    if (!manager.isOwned(path)) {
      return refused(path);
    }
    return sandbox ? ServiceResult.of(State.SKIPPED_SANDBOX) : interruptible(op);
  }

  /** As {@link #run}, but a missing definition is nothing to do, and the sandbox still deletes ours. */
  ServiceResult remove(ServiceManager manager, String label, Operation teardown) {
    Path path = manager.definitionPath(label);
    if (!Files.exists(path)) {
      return new ServiceResult(State.NOT_LOADED, "no " + noun + " at " + path);
    }
    if (!manager.isOwned(path)) {
      return refused(path);
    }
    if (sandbox) {
      DefinitionFiles.delete(path);
      return new ServiceResult(State.SKIPPED_SANDBOX, "stop skipped (IAPEER_TEST_SANDBOX=1); " + noun + " removed");
    }
    return interruptible(teardown);
  }

  private ServiceResult refused(Path path) {
    return new ServiceResult(
        State.REFUSED_FOREIGN, path + " has no ownership marker (" + marker + ") — another manager owns it");
  }

  private static ServiceResult interruptible(Operation op) {
    try {
      return op.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServiceResult.failed("interrupted");
    }
  }
}
