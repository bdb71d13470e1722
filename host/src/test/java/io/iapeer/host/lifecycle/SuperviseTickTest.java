package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's scheduler: ticks on its period, drains a kicked queue at once, stops cleanly. */
class SuperviseTickTest {
  static final Identity W = new Identity("claude", "w");

  @TempDir Path tmp;

  @Test
  void aKickDrainsTheQueueWithoutWaitingForTheTick() {
    LogicHost h = new LogicHost(tmp);
    LogicHost.profile(h.peer("w", "claude"), "w", "\"wake_policy\": \"ephemeral\"");
    Lifecycle lc = h.lifecycle();
    lc.queue().enqueue(W, "now please", Optional.empty());
    try (SuperviseTick tick = new SuperviseTick(lc.supervisor(), Duration.ofHours(1), h.reports::add)) {
      tick.start();
      tick.kick(W);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.host.pastes(W).contains("now please"));
    }
    assertThat(lc.queue().depth(W)).isZero();
  }

  @Test
  void theTickRunsEveryPeriodUntilStopped() {
    LogicHost h = new LogicHost(tmp);
    Path cwd = h.peer("w", "claude");
    Lifecycle lc = h.lifecycle();
    lc.markers().writeSession(new SessionRecord(W, cwd, 0));
    h.host.live(W);
    SuperviseTick tick = new SuperviseTick(lc.supervisor(), Duration.ofMillis(100), h.reports::add);
    tick.start();
    // the session is hours idle by the clock: the first tick parks it
    await().atMost(Duration.ofSeconds(10)).until(() -> lc.markers().idleReaped(W));
    tick.stop();

    assertThat(h.host.alive(W)).isFalse();
    tick.kick(W); // after stop: ignored, nothing runs
    assertThat(h.reports).isEmpty();
  }
}
