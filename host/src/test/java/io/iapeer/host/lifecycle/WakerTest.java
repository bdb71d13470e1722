package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.testing.LifecycleHarness;
import io.iapeer.host.session.Typed;
import io.iapeer.host.testing.HoldLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wake (03 §9.2–§9.3) on real tmux with the fake agent: a cold wake with a message, the live
 * fast path, the stop refusal, the wake lock across threads and processes, the crash-loop guard
 * and what a failed launch leaves (cases 31–33, 37, 51, 53–55).
 */
class WakerTest {
  static final Identity WORKER = new Identity("claude", "worker");

  @TempDir Path tmp;
  LifecycleHarness h;
  Path folder;

  @BeforeEach
  void setUp() {
    h = new LifecycleHarness(tmp);
    folder = h.peer("worker", "claude");
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  static Waker.Request message(String task, String topic) {
    return Waker.Request.message("worker", Optional.empty(), Optional.ofNullable(topic), task);
  }

  @Test
  void case51_aColdWakeLaunchesFreshDeliversTheMessageAndEnrolsTheSession() {
    Lifecycle lc = h.lifecycle();
    long before = System.currentTimeMillis();

    Waker.Result r = lc.waker().wake(message("hello from a sender", "deploy"));

    assertThat(r.ready()).as(r.reason().orElse("")).isTrue();
    assertThat(r.woke()).isTrue();
    assertThat(r.taskDelivered()).contains(true);
    assertThat(r.identity()).contains(WORKER);
    assertThat(h.transcripts()).contains("hello from a sender");
    assertThat(lc.markers().session(WORKER)).hasValueSatisfying(s -> {
      assertThat(s.cwd()).isEqualTo(Path.of(lc.registry().read().find("worker").orElseThrow().cwd()));
      assertThat(s.wokeAt()).isGreaterThanOrEqualTo(before);
    });
    assertThat(h.lifecycleLog())
        .contains("ev=wake personality=worker identity=claude-worker runtime=claude mode=fresh cause=first-wake\n");
    assertThat(lc.topics().list(WORKER)).containsExactly("deploy");
    assertThat(h.layout().paneLogDir().resolve("claude-worker.log")).isNotEmptyFile();
    assertThat(h.state(WORKER, "system-prompt.md")).exists();
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(1);
  }

  @Test
  void case32_aLiveSessionIsTheFastPath_theTaskIsLeftToTheCaller() {
    Lifecycle lc = h.lifecycle();
    assertThat(lc.waker().wake(message("first", null)).ready()).isTrue();
    long woke = lc.markers().session(WORKER).orElseThrow().wokeAt();

    Waker.Result again = lc.waker().wake(message("second", null));

    assertThat(again.ready()).isTrue();
    assertThat(again.woke()).isFalse();
    assertThat(again.taskDelivered()).contains(false);
    assertThat(h.transcripts()).doesNotContain("second");
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(1);
    assertThat(lc.markers().session(WORKER).orElseThrow().wokeAt()).isGreaterThanOrEqualTo(woke);
  }

  @Test
  void case33_aStoppedPeerIsRefusedUntilStarted() {
    Lifecycle lc = h.lifecycle();
    lc.markers().set(WORKER, Flag.STOPPED);

    Waker.Result r = lc.waker().wake(message("hi", null));

    assertThat(r.ready()).isFalse();
    assertThat(r.stopped()).isTrue();
    assertThat(r.reason()).contains("\"worker\" (claude) is stopped and not accepting messages; start it to resume");
    assertThat(h.lifecycleLog()).contains("ev=wake personality=worker identity=claude-worker runtime=claude"
        + " mode=refused cause=stopped\n");
    assertThat(LifecycleHarness.launches(folder)).isZero();

    lc.markers().clear(WORKER, Flag.STOPPED);
    assertThat(lc.waker().wake(message("hi", null)).ready()).isTrue();
  }

  @Test
  void case55_twoConcurrentWakesStartOneSessionAndTheLoserDeliversLive() throws Exception {
    Lifecycle lc = h.lifecycle();
    Waker waker = lc.waker();
    CountDownLatch go = new CountDownLatch(1);
    var a = CompletableFuture.supplyAsync(() -> await(go, () -> waker.wake(message("envelope A", null))));
    var b = CompletableFuture.supplyAsync(() -> await(go, () -> waker.wake(message("envelope B", null))));
    go.countDown();
    List<Waker.Result> both = List.of(a.get(), b.get());

    assertThat(both).allMatch(Waker.Result::ready);
    assertThat(both).filteredOn(Waker.Result::woke).hasSize(1);
    Waker.Result loser = both.stream().filter(r -> !r.woke()).findFirst().orElseThrow();
    assertThat(loser.taskDelivered()).contains(false);
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(1);
    // the router types the loser's message into the session the winner started
    String lost = loser == both.get(0) ? "envelope A" : "envelope B";
    Typed t = lc.sessions().typist().type(WORKER, lc.sessions().adapters().of("claude"), folder, lost);
    // Still busy with the winner's message (a loaded machine), the session queues it: D2's Queued.
    assertThat(t).isInstanceOfAny(Typed.Delivered.class, Typed.Queued.class);
    // user records only: the fake titles the conversation after its first message
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<String> userRecords = h.transcripts().lines().filter(l -> l.contains("\"type\":\"user\"")).toList();
      assertThat(userRecords).filteredOn(l -> l.contains("\"content\":\"envelope A\"")).hasSize(1);
      assertThat(userRecords).filteredOn(l -> l.contains("\"content\":\"envelope B\"")).hasSize(1);
    });
  }

  @Test
  void case31_aLockHeldByAnotherProcessRefusesWithoutRetries_andIsTakenOverOnceItDies() throws Exception {
    h.sb.env("IAPEER_WAKE_LOCK_RETRIES", "0");
    Lifecycle lc = h.lifecycle();
    Process holder = HoldLock.start(h.state(WORKER, "wake.lock"));
    try {
      Waker.Result r = lc.waker().wake(message("hi", null));
      assertThat(r.ready()).isFalse();
      assertThat(r.reason())
          .contains("\"worker\" (claude) wake already in progress (another wake holds the lock) — retry shortly");
      assertThat(h.lifecycleLog()).contains("mode=refused cause=wake-lock-held\n");
    } finally {
      holder.destroyForcibly().waitFor();
    }
    // still zero retries: the dead holder's lock is gone at once
    assertThat(lc.waker().wake(message("hi", null)).ready()).isTrue();
  }

  @Test
  void case37_threeRecentDeathsRefuseTheWakeWithoutLaunching() {
    Lifecycle lc = h.lifecycle();
    for (int i = 0; i < 3; i++) {
      lc.markers().recordDeath(WORKER);
    }

    Waker.Result r = lc.waker().wake(message("hi", null));

    assertThat(r.ready()).isFalse();
    assertThat(r.reason()).contains("crash-loop guard: 3 deaths in 300s, leaving asleep");
    assertThat(h.lifecycleLog()).contains("mode=refused cause=crash-loop reason=\"3 deaths in 300s\"\n");
    assertThat(LifecycleHarness.launches(folder)).isZero();
  }

  @Test
  void case53_crashesAtBootAreDeathsAndTheFourthWakeIsRefused() {
    h.sb.env("FAKE_AGENT_CRASH_AT_BOOT", "1");
    Lifecycle lc = h.lifecycle();
    for (int i = 0; i < 3; i++) {
      Waker.Result r = lc.waker().wake(message("hi", null));
      assertThat(r.reason()).contains("tmux session vanished during boot");
      assertThat(lc.markers().deaths(WORKER)).hasSize(i + 1);
      assertThat(lc.markers().session(WORKER)).isEmpty();
    }
    assertThat(LifecycleHarness.read(h.layout().eventLogDir().resolve("exits.log")))
        .contains("ev=session-exit identity=claude-worker dead_status=2");

    Waker.Result fourth = lc.waker().wake(message("hi", null));

    assertThat(fourth.reason().orElseThrow()).startsWith("crash-loop guard");
    assertThat(LifecycleHarness.launches(folder)).isEqualTo(3);
    assertThat(h.lifecycleLog()).contains("ev=launch-failed identity=claude-worker session=none"
        + " reason=\"tmux session vanished during boot\"");
  }

  @Test
  void case53_aHungBootLeavesItsSessionEnrolledAndRecordsNoDeath() {
    // Long enough for the fake's JVM to draw its splash on a loaded machine: the tail needs a screen.
    h.sb.env("FAKE_AGENT_HANG_BOOT", "1").env("IAPEER_BOOT_DEADLINE_SECS", "8");
    Lifecycle lc = h.lifecycle();

    Waker.Result r = lc.waker().wake(message("hi", null));

    assertThat(r.reason()).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("never-became-ready (stuck at a startup prompt or boot hang); pane tail: "));
    assertThat(lc.sessions().host().alive(WORKER)).isTrue();
    assertThat(lc.markers().session(WORKER)).isPresent();
    assertThat(lc.markers().deaths(WORKER)).isEmpty();
  }

  @Test
  void case54_aModelThatNeverTakesTheTaskLeavesAnEnrolledSession() {
    h.sb.env("FAKE_AGENT_NEVER_PROCESS", "1").env("IAPEER_READY_GATE_SECS", "2");
    Lifecycle lc = h.lifecycle();

    Waker.Result r = lc.waker().wake(message("hi", null));

    assertThat(r.reason()).contains("model-did-not-process-task (no activity advance after delivery)");
    assertThat(lc.markers().session(WORKER)).isPresent();
    assertThat(lc.markers().deaths(WORKER)).isEmpty();
  }

  @Test
  void aVanishedFolderOrAnUnknownPeerFailsWithAClearReason() throws Exception {
    Lifecycle lc = h.lifecycle();
    assertThat(lc.waker().wake(Waker.Request.message("nobody", Optional.empty(), Optional.empty(), "x")).reason())
        .contains("unknown peer \"nobody\"");
    assertThat(lc.waker().wake(Waker.Request.message("worker", Optional.of("gemini"), Optional.empty(), "x"))
        .reason()).contains("runtime \"gemini\" is not declared for \"worker\"");

    Files.move(folder, folder.resolveSibling("moved"));

    assertThat(lc.waker().wake(message("hi", null)).reason()).contains("peer cwd does not exist: " + folder);
  }

  private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> s) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return s.get();
  }
}
