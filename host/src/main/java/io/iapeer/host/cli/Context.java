package io.iapeer.host.cli;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a verb may touch of its process: environment, working directory, output streams, and whether
 * a person sits at the terminal. Tests build one; {@link Main} builds the real one.
 */
public record Context(
    Env env, Path cwd, BufferedReader in, PrintWriter out, PrintWriter err, boolean interactive) {

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
