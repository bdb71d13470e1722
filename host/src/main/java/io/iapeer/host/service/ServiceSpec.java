package io.iapeer.host.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One always-on job (04 §4.1): what to run, where, with which environment, where its output goes,
 * and the restart floor. Every manager renders the same spec; the environment is sorted so the
 * rendering is deterministic.
 *
 * @param description what the job is, for humans ({@code iapeer router daemon}, {@code iapeer infra
 *     peer notes (notifier)})
 * @param daemon the router daemon: stopping it must not kill the agent sessions it started
 */
public record ServiceSpec(
    String label,
    String description,
    List<String> argv,
    Path workingDir,
    SortedMap<String, String> env,
    Path stdout,
    Path stderr,
    Duration throttle,
    boolean daemon) {

  public ServiceSpec {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a service needs a program to run");
    }
    argv = List.copyOf(argv);
    env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
  }

  public static SortedMap<String, String> sorted(Map<String, String> env) {
    return new TreeMap<>(env);
  }
}
