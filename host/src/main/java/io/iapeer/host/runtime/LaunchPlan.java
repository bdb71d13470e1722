package io.iapeer.host.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and the complete environment of a new session (03 §4.2). The environment is
 * the whole process environment of the new tmux server, so the pane inherits exactly it.
 */
public record LaunchPlan(List<String> argv, Map<String, String> env) implements Composition {
  public LaunchPlan {
    argv = List.copyOf(argv);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }
}
