package io.iapeer.host.session;

import java.util.List;
import java.util.Map;

/**
 * An operator's view of a session (03 §6): run {@code argv} with stdio inherited and exactly
 * {@code env} as its environment (no {@code TMUX}, so tmux does not refuse to nest).
 */
public record AttachInvocation(List<String> argv, Map<String, String> env) {
  public AttachInvocation {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }
}
