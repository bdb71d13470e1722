package io.iapeer.host.service;

import io.iapeer.host.session.Launcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How long a manager waits on a job (04 §4.2.4): a job just stopped can stay listed a while, and a
 * load that fails is retried after growing pauses. The clock and the pause are seams, so the state
 * machines are tested in milliseconds.
 *
 * @param poll between two looks at a job (500 ms)
 * @param settle how long a job may take to go away or to come up (10 s)
 * @param attemptPauses one per load attempt, taken before it (0, 2, 5, 15 s)
 */
record Pacing(Clock clock, Launcher.Pause pause, Duration poll, Duration settle, List<Duration> attemptPauses) {

  Pacing {
    attemptPauses = List.copyOf(attemptPauses);
  }

  static Pacing production() {
    return new Pacing(
        Clock.systemUTC(),
        Thread::sleep,
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15)));
  }

  /** Polls while the condition holds; true when it still held at the end of the settle budget. */
  boolean stillAfterSettle(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = clock.instant().plus(settle);
    while (condition.getAsBoolean()) {
      if (!clock.instant().isBefore(deadline)) {
        return true;
      }
      pause.sleep(poll);
    }
    return false;
  }

  /** Sleeps unless the pause is zero, so the first attempt starts at once. */
  void pauseBefore(int attempt) throws InterruptedException {
    Duration d = attemptPauses.get(attempt);
    if (!d.isZero()) {
      pause.sleep(d);
    }
  }
}
