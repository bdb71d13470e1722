package io.iapeer.host.runtime;

import java.time.Duration;
import java.util.List;

/**
 * A control action as tmux {@code send-keys} steps, sent in order with {@code stepDelay} after each
 * (03 §7.2). Each step is one argument list, e.g. {@code ["-l", "/compact"]}.
 */
public record KeyPlan(List<List<String>> steps, Duration stepDelay) {
  public KeyPlan {
    steps = steps.stream().map(List::copyOf).toList();
  }
}
