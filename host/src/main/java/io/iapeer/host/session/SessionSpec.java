package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link SessionHost#start} needs (03 §5 step 3).
 *
 * @param argv the program and its arguments, run without a shell when there are two or more
 * @param env the complete composed environment of the session's process (03 §4.2)
 */
public record SessionSpec(
    Identity identity, Path cwd, List<String> argv, Map<String, String> env, int width, int height) {
  public static final int WIDTH = 220;
  public static final int HEIGHT = 50;

  public SessionSpec {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a session needs a program to run");
    }
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /** The 220×50 screen every launch uses (03 §5 step 3). */
  public SessionSpec(Identity identity, Path cwd, List<String> argv, Map<String, String> env) {
    this(identity, cwd, argv, env, WIDTH, HEIGHT);
  }
}
