package io.iapeer.host.service;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pid recorded in a file ({@code service-host.pid}, {@code <label>.pid}). A recorded pid counts
 * only while its process lives and started before the file was written: a pid reused by some later
 * process is never taken for ours, so nothing is signalled on the strength of a stale file.
 */
public final class PidFile {
  /** The kernel's start time comes from a boot time in whole seconds (Linux {@code btime}). */
  private static final Duration START_SLACK = Duration.ofSeconds(1);

  private PidFile() {}

  public static void write(Path file, long pid) {
    AtomicFiles.write(file, pid + "\n", Modes.PRIVATE);
  }

  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover pid file is judged by live(), never trusted blindly
    }
  }

  /** The pid written in the file, if it holds one. */
  public static Optional<Long> read(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).strip())).filter(p -> p > 0);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The live process the file names, if it is the one that was recorded. */
  public static Optional<ProcessHandle> live(Path file) {
    Optional<Long> pid = read(file);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    Instant written;
    try {
      written = Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.get())
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().startInstant().map(s -> !s.isAfter(written.plus(START_SLACK))).orElse(false));
  }
}
