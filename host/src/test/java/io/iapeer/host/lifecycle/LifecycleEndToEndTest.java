package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.testing.LifecycleHarness;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle end to end on real tmux with the fake agent (03 §12 cases 57–61, 63): idle reap and
 * resume by topic, a crash, stop and start, a self-fresh relaunch, an ephemeral queue, and {@code new}
 * on a wedged session. Supervise runs directly or on a 1 s tick; the idle threshold is 2 s.
 */
class LifecycleEndToEndTest {
  static final Identity WORKER = new Identity("claude", "worker");

  @TempDir Path tmp;
  LifecycleHarness h;
  Path folder;

  @BeforeEach
  void setUp() {
    h = new LifecycleHarness(tmp).withIapeerOnPath();
    h.sb.env("IAPEER_IDLE_SECS", "2").env("IAPEER_SUPERVISE_TICK_SECS", "1");
    folder = h.peer("worker", "claude");
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  static Waker.Request message(String task, String topic) {
    return Waker.Request.message("worker", Optional.empty(), Optional.ofNullable(topic), task);
  }

  private Waker.Result wake(Lifecycle lc, String task, String topic) {
    Waker.Result r = lc.waker().wake(message(task, topic));
    assertThat(r.ready()).as(r.reason().orElse("")).isTrue();
    return r;
  }

  /** Runs the daemon's tick every second until {@code flag} is set. */
  private void tickUntilParked(Lifecycle lc) throws Exception {
    try (SuperviseTick tick = new SuperviseTick(lc.supervisor(), lc.settings().superviseTick(), lc.reports()::accept)) {
      tick.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> lc.markers().idleReaped(WORKER));
    }
  }

  @Test
  void case57_anIdleSessionIsParkedAndAKnownTopicResumesItWhileANewTopicStartsFresh() throws Exception {
    Lifecycle lc = h.lifecycle();
    wake(lc, "the word is pelican", "birds");
    List<Path> first = h.transcriptFiles();
    assertThat(first).hasSize(1);

    tickUntilParked(lc);

    assertThat(lc.sessions().host().alive(WORKER)).isFalse();
    assertThat(lc.markers().session(WORKER)).isEmpty();
    assertThat(lc.markers().deaths(WORKER)).as("an idle reap is no death").isEmpty();
    // The park marker is written before the pass logs its decision.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(h.lifecycleLog())
        .containsPattern("ev=supervise identity=claude-worker action=reaped-idle age=\\d+s outcome=resume-eligible"));

    wake(lc, "what was the word?", "birds");

    assertThat(LifecycleHarness.launchRecords(folder).get(1)).contains("\"--continue\"");
    assertThat(h.transcriptFiles()).isEqualTo(first);
    assertThat(LifecycleHarness.read(first.getFirst())).contains("pelican").contains("what was the word?");
    assertThat(h.lifecycleLog()).contains("mode=resume cause=idle-reaped-resume ref=");
    assertThat(lc.markers().idleReaped(WORKER)).as("consumed").isFalse();

    tickUntilParked(lc);
    wake(lc, "something else entirely", "fish");

    assertThat(LifecycleHarness.launchRecords(folder).get(2)).doesNotContain("\"--continue\"");
    assertThat(h.transcriptFiles()).hasSize(2);
    assertThat(h.lifecycleLog()).contains("mode=fresh cause=idle-reaped-new-topic\n");
    assertThat(lc.topics().list(WORKER)).containsExactly("fish");
  }

  @Test
  void case58_aCrashIsReapedAsADeathAndTheNextMessageStartsFresh() throws Exception {
    h.sb.env("FAKE_AGENT_CRASH_AFTER_MS", "1500");
    Lifecycle lc = h.lifecycle();
    wake(lc, "work on it", "t");
    Path exits = h.layout().eventLogDir().resolve("exits.log");
    await().atMost(Duration.ofSeconds(20)).until(() -> !lc.sessions().host().alive(WORKER)
        && LifecycleHarness.read(exits).contains("ev=session-exit identity=claude-worker dead_status=3"));

    List<SupervisePass.Outcome> outcomes = lc.supervisePass().run();

    assertThat(outcomes).extracting(SupervisePass.Outcome::action).containsExactly(SupervisePass.Action.REAPED_GONE);
    assertThat(lc.markers().deaths(WORKER)).hasSize(1);
    assertThat(h.lifecycleLog()).containsPattern("ev=supervise identity=claude-worker action=reaped-gone"
        + " death=(server-dead|session-gone) reason=\"[^\"]+\" outcome=fresh-next-msg");

    h.sb.env("FAKE_AGENT_CRASH_AFTER_MS", null);
    wake(h.lifecycle(), "again", "t");
    assertThat(h.lifecycleLog()).contains("mode=fresh cause=crash-or-self-close\n");
  }

  @Test
  void case58_aSessionKilledByASignalLeavesItsSignalInExitsLog() {
    h.sb.env("FAKE_AGENT_CRASH_AFTER_MS", "1500").env("FAKE_AGENT_KILL_SIGNAL", "KILL");
    Lifecycle lc = h.lifecycle();
    wake(lc, "work on it", null);
    Path exits = h.layout().eventLogDir().resolve("exits.log");
    // tmux reports the signal's number
    await().atMost(Duration.ofSeconds(20)).until(() -> !lc.sessions().host().alive(WORKER)
        && LifecycleHarness.read(exits).contains("identity=claude-worker dead_status= dead_signal=9"));

    assertThat(lc.supervisePass().run()).extracting(SupervisePass.Outcome::action)
        .containsExactly(SupervisePass.Action.REAPED_GONE);
  }

  @Test
  void case59_stopRefusesMessagesAndStartThenATopicResumes() {
    Lifecycle lc = h.lifecycle();
    wake(lc, "the word is heron", "birds");

    Sandbox.Run stop = h.sb.run("stop", "worker", "claude");

    assertThat(stop.out()).isEqualTo("worker (claude): stopped\n");
    assertThat(lc.sessions().host().alive(WORKER)).isFalse();
    assertThat(h.sb.run("list").out()).contains("✕ claude");
    Waker.Result refused = lc.waker().wake(message("hello?", "birds"));
    assertThat(refused.stopped()).isTrue();

    assertThat(h.sb.run("start", "worker").code()).isZero();
    assertThat(h.sb.run("list").out()).contains("○ claude");
    wake(lc, "what was the word?", "birds");

    assertThat(LifecycleHarness.launchRecords(folder)).hasSize(2);
    assertThat(LifecycleHarness.launchRecords(folder).get(1)).contains("\"--continue\"");
    assertThat(h.sb.run("list").out()).contains("● claude");
  }

  @Test
  void case60_selfFreshInsideTheSessionIsRelaunchedFreshWithTheSeedOnTheNextTick() throws Exception {
    LifecycleHarness.profileField(folder, "initial_prompt", "\"you are the seeded worker\"");
    Lifecycle lc = h.lifecycle();
    wake(lc, "!run iapeer self-fresh", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !lc.sessions().host().alive(WORKER));
    assertThat(lc.markers().has(WORKER, Flag.NEW_EAGER)).isTrue();

    Supervisor.Tick tick = lc.supervisor().runOnce();

    assertThat(tick.outcomes()).extracting(SupervisePass.Outcome::action)
        .containsExactly(SupervisePass.Action.NEEDS_EAGER_FRESH);
    assertThat(tick.relaunched()).singleElement().satisfies(r -> assertThat(r.woke()).isTrue());
    assertThat(lc.markers().has(WORKER, Flag.NEW_EAGER)).isFalse();
    assertThat(lc.sessions().host().alive(WORKER)).isTrue();
    List<String> sessions = h.transcriptsByTime();
    assertThat(sessions).hasSize(2);
    assertThat(sessions.getFirst()).contains("\"content\":\"you are the seeded worker\\n\\n!run iapeer self-fresh\"");
    assertThat(sessions.getLast()).contains("\"content\":\"you are the seeded worker\"");
    assertThat(h.lifecycleLog()).contains("action=needs-eager-fresh reason=\"/new eager mark\" outcome=eager-fresh")
        .contains("mode=fresh cause=folder-launch\n");
  }

  @Test
  void case61_anEphemeralWorkerTakesThreeQueuedTasksOneFreshSessionEach() {
    LifecycleHarness.profileField(folder, "wake_policy", "\"ephemeral\"");
    h.sb.env("IAPEER_EPHEMERAL_QUIET_SECS", "1");
    Lifecycle lc = h.lifecycle();
    EphemeralQueue queue = lc.queue();
    for (String task : List.of("task one", "task two", "task three")) {
      queue.enqueue(WORKER, task + "\n!run iapeer self-done", Optional.of("batch"));
    }
    Supervisor supervisor = lc.supervisor();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      supervisor.runOnce();
      return queue.depth(WORKER) == 0 && !lc.sessions().host().alive(WORKER);
    });

    List<String> sessions = h.transcriptsByTime();
    assertThat(sessions).hasSize(3);
    assertThat(sessions.get(0)).contains("task one").doesNotContain("task two");
    assertThat(sessions.get(1)).contains("task two").doesNotContain("task three");
    assertThat(sessions.get(2)).contains("task three").doesNotContain("task one");
    assertThat(LifecycleHarness.launchRecords(folder)).hasSize(3).noneMatch(l -> l.contains("--continue"));
    assertThat(h.lifecycleLog()).contains("ev=ephemeral-drain identity=claude-worker seq=000001 depth=3\n")
        .contains("mode=fresh cause=ephemeral-policy")
        .contains("action=reaped-ephemeral")
        .contains("outcome=ephemeral-done");
  }

  @Test
  void case61_aWorkersReplyThroughIapeerSendArmsItAndTheQuietWindowEndsIt() {
    LifecycleHarness.profileField(folder, "wake_policy", "\"ephemeral\"");
    // the plain idle reap (step 7 of the pass applies to workers too) must not end it while its
    // reply, which wakes boss first, is still on the way
    h.sb.env("IAPEER_EPHEMERAL_QUIET_SECS", "1").env("IAPEER_EPHEMERAL_UNARMED_IDLE_SECS", "600")
        .env("IAPEER_IDLE_SECS", "600");
    h.peer("boss", "claude");
    Lifecycle lc = h.lifecycle();
    EphemeralQueue queue = lc.queue();
    // the worker answers its task the way an agent does: iapeer send from inside its session
    queue.enqueue(WORKER, "sum it up\n!run iapeer send boss --message \"the sum is 42\"", Optional.of("batch"));
    Supervisor supervisor = lc.supervisor();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      supervisor.runOnce();
      return queue.depth(WORKER) == 0 && !lc.sessions().host().alive(WORKER);
    });

    // the reply reached boss as an envelope from the worker, and it was the reply that ended the worker:
    // reaped after the 1 s quiet window, long before the 600 s bound for a worker that never answered
    assertThat(h.transcriptsByTime()).anySatisfy(t -> assertThat(t)
        .contains("from-personality=\\\"worker\\\"").contains("the sum is 42"));
    assertThat(h.lifecycleLog()).contains("identity=claude-worker action=reaped-ephemeral")
        .contains("outcome=ephemeral-done")
        .doesNotContain("ephemeral-unarmed-bound");
  }

  @Test
  void case63_newReplacesAWedgedSessionWithoutADeath() {
    h.sb.env("FAKE_AGENT_TURN_MS", "600000");
    Lifecycle lc = h.lifecycle();
    wake(lc, "a turn that never ends", null);
    Path exits = h.layout().eventLogDir().resolve("exits.log");
    for (Flag f : new Flag[] {Flag.IDLE_REAPED, Flag.NEW_EAGER}) {
      lc.markers().set(WORKER, f); // case 49: new clears the park and eager marks
    }

    Sandbox.Run r = h.sb.run("new", "worker");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("new: claude-worker fresh session up\n");
    assertThat(LifecycleHarness.launchRecords(folder)).hasSize(2);
    assertThat(LifecycleHarness.launchRecords(folder).get(1)).doesNotContain("\"--continue\"");
    assertThat(lc.markers().deaths(WORKER)).isEmpty();
    assertThat(LifecycleHarness.read(exits)).doesNotContain("identity=claude-worker");
    assertThat(lc.markers().session(WORKER)).isPresent();
    assertThat(lc.markers().idleReaped(WORKER)).isFalse();
    assertThat(lc.markers().has(WORKER, Flag.NEW_EAGER)).isFalse();
    assertThat(h.lifecycleLog()).contains("mode=fresh cause=folder-launch\n");
  }
}
