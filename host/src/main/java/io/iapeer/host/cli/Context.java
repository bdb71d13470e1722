package io.iapeer.host.cli;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a verb may touch of its process: environment, working directory, output streams, whether
 * a person sits at the terminal, and whether the process is the daemon running the verb for a
 * caller (06 D4). Tests build one; {@link Main} builds the real one.
 *
 * @param inDaemon the verb runs inside the daemon: it must not ask the daemon again
 */
public record Context(
    Env env, Path cwd, BufferedReader in, PrintWriter out, PrintWriter err, boolean interactive,
    boolean inDaemon) {

  /** A verb in its caller's own process. */
  public Context(Env env, Path cwd, BufferedReader in, PrintWriter out, PrintWriter err, boolean interactive) {
    this(env, cwd, in, out, err, interactive, false);
  }

  public Layout layout() {
    return Layout.from(env);
  }

  public Settings settings() {
    return new Settings(env);
  }

  /** A path argument resolved against the working directory, normalized. */
  public Path resolve(String path) {
    return cwd.resolve(path).toAbsolutePath().normalize();
  }

  public void warn(String message) {
    err.println("warn: " + message);
  }
}
