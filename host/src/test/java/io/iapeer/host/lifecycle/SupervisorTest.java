package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draining ephemeral queues on the tick, 03 §9.11 (case 48), on an in-memory host. */
class SupervisorTest {
  static final Identity W = new Identity("claude", "w");

  @TempDir Path tmp;
  LogicHost h;
  Lifecycle lc;

  @BeforeEach
  void setUp() {
    h = new LogicHost(tmp);
    Path cwd = h.peer("w", "claude");
    LogicHost.profile(cwd, "w", "\"wake_policy\": \"ephemeral\"");
    lc = h.lifecycle();
  }

  @Test
  void case48_anEmptyQueueWakesNobody() {
    Supervisor.Tick tick = lc.supervisor().runOnce();
    assertThat(tick.drained()).isEmpty();
    assertThat(h.host.starts()).isZero();
  }

  @Test
  void case48_eachTickHandsTheOldestTaskToAFreshSession() {
    lc.queue().enqueue(W, "first task", Optional.of("alpha"));
    lc.queue().enqueue(W, "second task", Optional.empty());

    Supervisor.Tick tick = lc.supervisor().runOnce();

    assertThat(tick.drained()).singleElement().satisfies(d -> {
      assertThat(d.seq()).isEqualTo("000001");
      assertThat(d.result().ready()).isTrue();
    });
    assertThat(h.host.pastes(W)).containsExactly("first task");
    assertThat(lc.topics().list(W)).containsExactly("alpha");
    assertThat(lc.queue().depth(W)).isEqualTo(1);
    assertThat(h.log()).contains("ev=ephemeral-drain identity=claude-w seq=000001 depth=2\n")
        .contains("mode=fresh cause=ephemeral-policy\n");

    assertThat(lc.supervisor().runOnce().drained()).as("a live worker blocks its queue").isEmpty();

    h.host.kill(W);
    lc.markers().deleteSession(W);
    lc.supervisor().runOnce();

    assertThat(h.host.pastes(W)).containsExactly("first task", "second task");
    assertThat(lc.queue().depth(W)).isZero();
  }

  @Test
  void case48_aFailedWakeLeavesTheTaskAtTheHeadForTheNextTick() {
    lc.queue().enqueue(W, "a task", Optional.empty());
    lc.markers().set(W, Flag.STOPPED);

    Supervisor.Tick tick = lc.supervisor().runOnce();

    assertThat(tick.drained()).singleElement().satisfies(d -> assertThat(d.result().stopped()).isTrue());
    assertThat(lc.queue().peek(W).map(EphemeralQueue.Item::task)).contains("a task");
    assertThat(h.host.starts()).isZero();
  }

  @Test
  void aManagedWorkersQueueIsNotDrained() {
    h.managed = p -> true;
    lc = h.lifecycle();
    lc.queue().enqueue(W, "a task", Optional.empty());

    assertThat(lc.supervisor().runOnce().drained()).isEmpty();
    assertThat(lc.queue().depth(W)).isEqualTo(1);
  }
}
