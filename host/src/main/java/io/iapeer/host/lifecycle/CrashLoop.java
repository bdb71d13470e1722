package io.iapeer.host.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The crash-loop guard (03 §9.7): a peer that died {@code max} times inside the window stays
 * asleep instead of being launched into the same crash again.
 */
public record CrashLoop(int max, Duration window) {

  /** Deaths at or after {@code now − window}. */
  public int count(List<Long> deaths, long nowMs) {
    long from = nowMs - window.toMillis();
    return (int) deaths.stream().filter(t -> t >= from).count();
  }

  /** {@code <n> deaths in <W>s} when the guard refuses a launch. */
  public Optional<String> refusal(List<Long> deaths, long nowMs) {
    int n = count(deaths, nowMs);
    return n >= max ? Optional.of(n + " deaths in " + window.toSeconds() + "s") : Optional.empty();
  }
}
