package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.testing.LifecycleHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the process that wakes, in the middle of a wake and in the middle of draining
 * an ephemeral queue (issue 5, robustness): after a restart there is no second session, no queued
 * task is lost, and the markers agree with what runs.
 */
class KilledWakerTest {
  static final Identity WORKER = new Identity("claude", "worker");

  @TempDir Path tmp;
  LifecycleHarness h;
  Path folder;

  @BeforeEach
  void setUp() {
    h = new LifecycleHarness(tmp);
    // a long splash: the waker is killed while the session boots
    h.sb.env("FAKE_AGENT_BOOT_MS", "4000");
    folder = h.peer("worker", "claude");
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private void killMidBoot(String... args) throws Exception {
    Process waker = WakeMain.start(h, args);
    Lifecycle lc = h.lifecycle();
    try {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> lc.sessions().host().alive(WORKER) && LifecycleHarness.launches(folder) == 1);
    } finally {
      waker.destroyForcibly().waitFor();
    }
    assertThat(lc.markers().session(WORKER)).as("the killed waker enrolled nothing").isEmpty();
  }

  @Test
  void aWakeKilledMidLaunchLeavesOneSessionThatTheNextPassEnrols() throws Exception {
    killMidBoot("wake", "worker", "first message");
    Lifecycle lc = h.lifecycle();

    assertThat(lc.supervisePass().run()).extracting(SupervisePass.Outcome::action)
        .containsExactly(SupervisePass.Action.ADOPTED);

    assertThat(lc.markers().session(WORKER)).isPresent();
    Waker.Result again = lc.waker().wake(Waker.Request.message("worker", Optional.empty(), Optional.empty(), "x"));
    assertThat(again.ready()).isTrue();
    assertThat(again.woke()).as("no duplicate session").isFalse();
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(1);
    assertThat(h.lifecycleLog()).contains("action=adopted reason=\"live session without a record\" outcome=enrolled");
  }

  @Test
  void aDrainKilledMidLaunchLosesNoTaskAndRunsItOnceTheOrphanIsBounded() throws Exception {
    LifecycleHarness.profileField(folder, "wake_policy", "\"ephemeral\"");
    h.sb.env("IAPEER_EPHEMERAL_UNARMED_IDLE_SECS", "2");
    EphemeralQueue queue = h.lifecycle().queue();
    queue.enqueue(WORKER, "the queued task", Optional.empty());

    killMidBoot("tick");

    assertThat(queue.depth(WORKER)).as("not lost").isEqualTo(1);
    Lifecycle lc = h.lifecycle();
    Supervisor supervisor = lc.supervisor();
    Supervisor.Tick first = supervisor.runOnce();
    assertThat(first.outcomes()).extracting(SupervisePass.Outcome::action)
        .containsExactly(SupervisePass.Action.ADOPTED);
    assertThat(first.drained()).as("a live worker blocks its queue").isEmpty();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      supervisor.runOnce();
      return queue.depth(WORKER) == 0;
    });

    assertThat(h.transcripts()).containsOnlyOnce("\"content\":\"the queued task\"");
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(2);
    assertThat(h.lifecycleLog()).contains("outcome=ephemeral-unarmed-bound");
  }
}
