package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.host.route.Wake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wake's refusals, its contract with the router ({@link Wake}) and the markers it reads and
 * consumes (03 §9.2–§9.5; cases 30–35), on an in-memory host whose sessions come up at once.
 */
class WakerLogicTest {
  static final Identity BOB = new Identity("claude", "bob");

  @TempDir Path tmp;
  LogicHost h;
  Path cwd;

  @BeforeEach
  void setUp() {
    h = new LogicHost(tmp);
    cwd = h.peer("bob", "claude", "codex", "voicetalk", "notifier");
  }

  Wake.Outcome wake(String personality, String runtime) {
    return h.lifecycle().waker().wake(new Wake.Request(personality, Optional.ofNullable(runtime), Optional.empty(),
        "task", h.lifecycle().registry().read()));
  }

  Waker.Result message(String task, String topic) {
    return h.lifecycle().waker().wake(Waker.Request.message("bob", Optional.empty(), Optional.ofNullable(topic), task));
  }

  // --- the router's contract

  @Test
  void anUnknownPeer_anUndeclaredRuntime_oneWithoutAdapterAndARouterAreRefused() {
    assertThat(wake("ghost", null)).isEqualTo(Wake.Outcome.failed("unknown peer \"ghost\""));
    assertThat(wake("bob", "telegram"))
        .isEqualTo(Wake.Outcome.failed("runtime \"telegram\" is not declared for \"bob\""));
    assertThat(wake("bob", "voicetalk")).isEqualTo(Wake.Outcome.failed("no launch adapter for runtime \"voicetalk\""));
    assertThat(wake("bob", "notifier")).isEqualTo(Wake.Outcome.failed(
        "\"bob\" (notifier) is a router runtime kept up by its service manager; the daemon does not wake it"));
    assertThat(h.host.starts()).isZero();
  }

  @Test
  void aMessageWakeLooksThePeerUpInTheRegistryTheRouterRead_notInASecondRead() {
    var before = h.lifecycle().registry().read();
    h.peer("carol", "claude");
    var after = h.lifecycle().registry().read();

    assertThat(h.lifecycle().waker().wake(new Wake.Request("carol", Optional.empty(), Optional.empty(), "task", before)))
        .isEqualTo(Wake.Outcome.failed("unknown peer \"carol\""));
    assertThat(h.lifecycle().waker().wake(new Wake.Request("carol", Optional.empty(), Optional.empty(), "task", after))
        .ready()).isTrue();
    assertThat(h.host.starts()).isEqualTo(1);
  }

  @Test
  void case33_aStoppedRuntimeIsRefusedAsStopped_theOthersAreNot() {
    h.lifecycle().markers().set(new Identity("codex", "bob"), Flag.STOPPED);

    assertThat(wake("bob", "codex")).isEqualTo(
        Wake.Outcome.stopped("\"bob\" (codex) is stopped and not accepting messages; start it to resume"));
    assertThat(wake("bob", null)).isEqualTo(Wake.Outcome.ready("claude", true, true));
  }

  @Test
  void case32_aLiveSessionIsTheFastPathAndTheTaskGoesBackToTheRouter() {
    h.host.live(BOB);
    assertThat(wake("bob", null)).isEqualTo(Wake.Outcome.ready("claude", false, false));
    assertThat(h.host.starts()).isZero();
    assertThat(h.lifecycle().markers().session(BOB)).as("enrolled").isPresent();
  }

  @Test
  void aMissingFolderIsRefusedBeforeAnyLaunch() throws Exception {
    Files.delete(cwd);
    assertThat(wake("bob", null)).isEqualTo(Wake.Outcome.failed("peer cwd does not exist: " + cwd));
    assertThat(h.host.starts()).isZero();
  }

  @Test
  void case31_aWakeHeldElsewhereIsRetryableNotAnException() throws Exception {
    h.env.put("IAPEER_WAKE_LOCK_RETRIES", "0");
    Wake.Outcome[] out = new Wake.Outcome[1];
    try (FileLocks.Held held = FileLocks.acquire(h.layout().wakeLock(BOB), Duration.ofSeconds(1), "busy")) {
      // the in-JVM mutex belongs to a thread: the second waker must be another one
      Thread.ofVirtual().start(() -> out[0] = wake("bob", null)).join();
    }
    assertThat(out[0]).isEqualTo(Wake.Outcome.failed(
        "\"bob\" (claude) wake already in progress (another wake holds the lock) — retry shortly"));
  }

  @Test
  void case30_aManagedPeerIsNeverWoken() {
    h.managed = p -> p.equals("bob");

    assertThat(wake("bob", null).reason()).hasValueSatisfying(r -> assertThat(r).startsWith(
        "\"bob\" is managed by a service manager (com.iapeer.bob); the daemon does not wake it"));
    assertThat(h.host.starts()).isZero();
    assertThat(h.log()).contains("ev=wake personality=bob runtime=claude mode=refused cause=launchd-managed\n");
  }

  // --- what the markers decide and what the wake leaves behind

  @Test
  void case34_aFirstWakeIsFreshAndSeededAndStartsTheTopicSet() {
    LogicHost.profile(cwd, "bob", "\"initial_prompt\": \"you review code\"");
    Lifecycle lc = h.lifecycle();
    lc.topics().add(BOB, "stale");

    Waker.Result r = message("review PR 7", "pr-7");

    assertThat(r.ready()).isTrue();
    assertThat(h.host.pastes(BOB)).containsExactly("you review code\n\nreview PR 7");
    assertThat(h.host.argvs().getFirst()).doesNotContain("--continue");
    assertThat(lc.topics().list(BOB)).containsExactly("pr-7");
    assertThat(h.log())
        .contains("ev=wake personality=bob identity=claude-bob runtime=claude mode=fresh cause=first-wake\n");
  }

  @Test
  void case35_aParkedExecutorResumesOnAKnownTopic_taskOnly_andTheParkIsUsedUp() {
    LogicHost.profile(cwd, "bob", "\"initial_prompt\": \"you review code\"");
    assertThat(message("first", "pr-7").ready()).isTrue();
    h.host.kill(BOB);
    Lifecycle lc = h.lifecycle();
    lc.markers().deleteSession(BOB);
    lc.markers().set(BOB, Flag.IDLE_REAPED);
    lc.topics().add(BOB, "pr-9");

    Waker.Result r = message("again", "pr-7");

    assertThat(r.ready()).isTrue();
    assertThat(h.host.argvs().getLast()).contains("--continue");
    assertThat(h.host.pastes(BOB).getLast()).isEqualTo("again");
    assertThat(lc.markers().idleReaped(BOB)).isFalse();
    assertThat(lc.topics().list(BOB)).containsExactly("pr-9", "pr-7");
    assertThat(h.log()).containsPattern("mode=resume cause=idle-reaped-resume ref=[0-9a-f-]+\n");
  }

  @Test
  void case35_freshNextOverridesAHumanResumeAndBothMarkersAreUsedUp() {
    LogicHost.profile(cwd, "bob", "\"interfaces\": {\"telegram\": {\"user_id\": 1}}");
    assertThat(message("hello", null).ready()).isTrue();
    h.host.kill(BOB);
    Lifecycle lc = h.lifecycle();
    lc.markers().deleteSession(BOB);
    lc.markers().set(BOB, Flag.IDLE_REAPED);
    lc.markers().set(BOB, Flag.FRESH_NEXT);

    assertThat(message("hello again", null).ready()).isTrue();

    assertThat(h.host.argvs().getLast()).doesNotContain("--continue");
    assertThat(lc.markers().has(BOB, Flag.FRESH_NEXT)).isFalse();
    assertThat(lc.markers().idleReaped(BOB)).isFalse();
    assertThat(h.log()).contains("mode=fresh cause=soft-reload\n");
  }

  @Test
  void case35_attachResumesAndLeavesFreshNextForTheNextMessage() {
    assertThat(message("hello", null).ready()).isTrue();
    h.host.kill(BOB);
    Lifecycle lc = h.lifecycle();
    lc.markers().deleteSession(BOB);
    lc.markers().set(BOB, Flag.FRESH_NEXT);

    Waker.Result r = lc.waker().wake(Waker.Request.resume("bob", "claude"));

    assertThat(r.ready()).isTrue();
    assertThat(h.host.argvs().getLast()).contains("--continue");
    assertThat(lc.markers().has(BOB, Flag.FRESH_NEXT)).isTrue();
    assertThat(h.log()).containsPattern("mode=resume cause=attach ref=");
  }

  @Test
  void case35_attachWithNothingToResumeFailsWithoutLaunching() {
    Waker.Result r = h.lifecycle().waker().wake(Waker.Request.resume("bob", "claude"));

    assertThat(r.ready()).isFalse();
    assertThat(r.reason()).contains("no transcript to resume");
    assertThat(h.host.starts()).isZero();
    assertThat(h.log()).contains("mode=fail cause=attach-nothing-to-resume reason=\"no transcript to resume\"\n");
  }

  @Test
  void aSuccessfulLaunchClearsTheArmedMarkAndForgetsDeathsOutsideTheWindow() {
    Lifecycle lc = h.lifecycle();
    lc.markers().set(BOB, Flag.EPHEMERAL_ARMED);
    lc.markers().recordDeath(BOB); // at T0 - 10 min: outside the 300 s window by then
    h.clock.advance(Duration.ofMinutes(10));
    lc.markers().recordDeath(BOB);

    assertThat(message("hi", null).ready()).isTrue();

    assertThat(lc.markers().has(BOB, Flag.EPHEMERAL_ARMED)).isFalse();
    assertThat(lc.markers().deaths(BOB)).containsExactly(h.clock.millis());
  }

  @Test
  void theWokenPeersDeadSessionIsOnRecordBeforeItsNewSessionReplacesIt_otherPeersWaitForTheTick() {
    Identity ann = new Identity("claude", "ann");
    Path annCwd = h.peer("ann", "claude");
    Lifecycle lc = h.lifecycle();
    lc.markers().writeSession(new SessionRecord(BOB, cwd, 1));
    lc.markers().writeSession(new SessionRecord(ann, annCwd, 1));

    assertThat(message("hi", null).ready()).isTrue();

    assertThat(lc.markers().deaths(BOB)).hasSize(1);
    assertThat(lc.markers().session(BOB).orElseThrow().wokeAt()).isEqualTo(h.clock.millis());
    assertThat(lc.markers().deaths(ann)).isEmpty();
    assertThat(lc.markers().session(ann)).isPresent();
  }

  @Test
  void newReplacesALiveSessionInsideTheLockWithoutADeath() {
    h.host.live(BOB);
    Lifecycle lc = h.lifecycle();

    Waker.Result r = lc.waker().wake(Waker.Request.fresh("bob", Optional.empty(), "").replacingLive());

    assertThat(r.woke()).isTrue();
    assertThat(h.host.starts()).isEqualTo(1);
    assertThat(lc.markers().deaths(BOB)).isEmpty();
    assertThat(h.log()).contains("mode=fresh cause=folder-launch\n");
  }
}
