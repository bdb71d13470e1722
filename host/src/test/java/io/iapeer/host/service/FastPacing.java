package io.iapeer.host.service;

import io.iapeer.host.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The production pacing on a clock that a pause moves: every wait is recorded, none is slept. */
final class FastPacing {
  final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  final List<Duration> sleeps = new ArrayList<>();

  Pacing pacing() {
    return pacing(Duration.ofSeconds(10));
  }

  /** With another settle budget, e.g. the 2 s of acceptance case 78. */
  Pacing pacing(Duration settle) {
    Pacing p = Pacing.production();
    return new Pacing(clock, d -> {
      sleeps.add(d);
      clock.advance(d);
    }, p.poll(), settle, p.attemptPauses());
  }

  static Duration ms(long n) {
    return Duration.ofMillis(n);
  }

  static Duration s(long n) {
    return Duration.ofSeconds(n);
  }
}
