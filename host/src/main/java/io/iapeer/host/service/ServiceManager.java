package io.iapeer.host.service;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who keeps always-on jobs running (04 §4.1): launchd, the systemd user manager, or our built-in
 * supervisor. Every implementation keeps the same promises: a job starts when loaded and restarts
 * on any exit after the throttle; one instance per label; the ownership marker lives inside the
 * definition itself; a definition without it is foreign and is never written, loaded, cycled or
 * deleted; and under {@code IAPEER_TEST_SANDBOX=1} nothing host-global happens.
 */
public interface ServiceManager {

  /** {@code launchd}, {@code systemd}, {@code builtin} or {@code none}. */
  String name();

  Path definitionPath(String label);

  /** The definition text of a spec: pure and deterministic. */
  String render(ServiceSpec spec);

  /** The file carries our ownership marker; an absent or unreadable file is not owned. */
  boolean isOwned(Path definition);

  /**
   * Writes the spec's definition when its bytes differ. A definition at the label without our
   * marker is refused ({@link ForeignDefinition}) and the filesystem is left as it was.
   *
   * @return true when the file was written, false when it was already byte-identical
   */
  boolean write(ServiceSpec spec);

  /** The job is running or being (re)started by the manager. */
  boolean isLoaded(String label);

  /** Start the job at the label, idempotently: loaded, already-loaded, refused-foreign, failed. */
  ServiceResult bootstrap(String label);

  /** Stop the job; the definition stays, so a later bootstrap brings it back. */
  ServiceResult bootout(String label);

  /** Restart a loaded job so it runs the current binary: restarted, not-loaded, failed. */
  ServiceResult cycle(String label);

  /** Stop the job and delete its definition; a foreign one is refused and kept. */
  ServiceResult remove(String label);

  /** The command a person runs to start the job by hand. */
  String startHint(String label);

  /** The command a person runs to restart the job by hand. */
  String restartHint(String label);

  /** A peer is service-managed iff a definition exists at its label, loaded or not (06 D3). */
  default boolean isManaged(String personality) {
    return Files.exists(definitionPath(Labels.peer(personality)));
  }
}
