package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.lifecycle.SupervisePass.Action;
import io.iapeer.host.lifecycle.SupervisePass.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every outcome of the supervise pass, 03 §9.6 (cases 30, 38–46), on a fake clock and an in-memory host. */
class SupervisePassTest {
  static final Identity BOB = new Identity("claude", "bob");
  static final Instant NOW = LogicHost.T0;

  @TempDir Path tmp;
  LogicHost h;
  Path cwd;

  @BeforeEach
  void setUp() {
    h = new LogicHost(tmp);
    cwd = h.peer("bob", "claude");
  }

  /** An enrolled session of bob that woke {@code ago} before now. */
  Lifecycle enrolled(Duration ago, boolean alive) {
    Lifecycle lc = h.lifecycle();
    lc.markers().writeSession(new SessionRecord(BOB, cwd, NOW.minus(ago).toEpochMilli()));
    if (alive) {
      h.host.live(BOB);
    }
    return lc;
  }

  static Outcome only(List<Outcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst();
  }

  // --- dead sessions

  @Test
  void case38_aDeadSessionIsClaimedRecordedOnceAndWakesFreshNext() {
    Lifecycle lc = enrolled(Duration.ofMinutes(5), false);

    Outcome o = only(lc.supervisePass().run());

    assertThat(o.action()).isEqualTo(Action.REAPED_GONE);
    assertThat(lc.markers().session(BOB)).isEmpty();
    assertThat(lc.markers().deaths(BOB)).containsExactly(NOW.toEpochMilli());
    assertThat(lc.markers().idleReaped(BOB)).isFalse();
    assertThat(h.log()).contains("ev=supervise identity=claude-bob action=reaped-gone death=server-dead"
        + " reason=\"tmux server gone (socket file missing)\" outcome=fresh-next-msg\n");

    assertThat(lc.supervisePass().run()).isEmpty();
    assertThat(lc.markers().deaths(BOB)).hasSize(1);
    assertThat(h.layout().lifecycleStateDir().resolve("claude-bob.session.reaping")).doesNotExist();
  }

  @Test
  void case39_aDeadSessionMarkedForAnEagerFreshStartIsRelaunchedWithoutItsMark() {
    Lifecycle lc = enrolled(Duration.ofMinutes(5), false);
    lc.markers().set(BOB, Flag.NEW_EAGER);
    h.peer("bob", "codex", "claude"); // the default switched: the relaunch takes the new one

    Outcome o = only(lc.supervisePass().run());

    assertThat(o).isEqualTo(new Outcome(BOB, Action.NEEDS_EAGER_FRESH, Optional.of("/new eager mark")));
    assertThat(lc.markers().has(BOB, Flag.NEW_EAGER)).as("kept for the relaunch").isTrue();
    assertThat(lc.markers().deaths(BOB)).hasSize(1);
    assertThat(h.log()).contains("action=needs-eager-fresh reason=\"/new eager mark\" outcome=eager-fresh\n");

    lc.markers().writeSession(new SessionRecord(BOB, cwd, NOW.toEpochMilli()));
    Supervisor.Tick tick = lc.supervisor().runOnce();

    assertThat(tick.relaunched()).singleElement().satisfies(r -> {
      assertThat(r.ready()).isTrue();
      assertThat(r.identity()).contains(new Identity("codex", "bob"));
    });
    assertThat(lc.markers().has(BOB, Flag.NEW_EAGER)).isFalse();
    assertThat(h.log())
        .contains("ev=wake personality=bob identity=codex-bob runtime=codex mode=fresh cause=folder-launch");
    assertThat(h.host.pastes(new Identity("codex", "bob"))).as("no seed, empty task: a bare session").isEmpty();
  }

  @Test
  void case40_aDeathClearsAStaleArmedMark() {
    Lifecycle lc = enrolled(Duration.ofMinutes(5), false);
    lc.markers().set(BOB, Flag.EPHEMERAL_ARMED);

    lc.supervisePass().run();

    assertThat(lc.markers().has(BOB, Flag.EPHEMERAL_ARMED)).isFalse();
  }

  @Test
  void case41_aDeadStoppedSessionIsParkedWithoutADeath() {
    Lifecycle lc = enrolled(Duration.ofMinutes(5), false);
    lc.markers().set(BOB, Flag.STOPPED);

    assertThat(only(lc.supervisePass().run()).action()).isEqualTo(Action.SKIPPED_STOPPED);

    assertThat(lc.markers().session(BOB)).isEmpty();
    assertThat(lc.markers().deaths(BOB)).isEmpty();
    assertThat(lc.markers().idleReaped(BOB)).isTrue();
    assertThat(h.log()).contains("action=skipped-stopped outcome=resume-on-start\n").doesNotContain("death=");
  }

  // --- live sessions

  @Test
  void case42_aLiveSessionOfAStoppedPeerIsEnded() {
    Lifecycle lc = enrolled(Duration.ofSeconds(10), true);
    lc.markers().set(BOB, Flag.STOPPED);

    Outcome o = only(lc.supervisePass().run());

    assertThat(o.action()).isEqualTo(Action.REAPED_IDLE);
    assertThat(h.host.alive(BOB)).isFalse();
    assertThat(lc.markers().stopped(BOB)).isTrue();
    assertThat(lc.markers().idleReaped(BOB)).isTrue();
    assertThat(lc.markers().session(BOB)).isEmpty();
    assertThat(h.log()).contains("action=reaped-idle reason=alive-but-stopped outcome=operator-halt-enforced\n");
  }

  @Test
  void case43_onePeersFailureIsIsolatedFromTheOthers() {
    Lifecycle lc = enrolled(Duration.ofSeconds(10), true);
    Identity broken = new Identity("voicetalk", "bob"); // a runtime no adapter can read
    lc.markers().writeSession(new SessionRecord(broken, cwd, NOW.toEpochMilli()));
    h.host.live(broken);

    List<Outcome> outcomes = lc.supervisePass().run();

    assertThat(outcomes).containsExactly(
        new Outcome(BOB, Action.ALIVE, Optional.empty()),
        new Outcome(broken, Action.SKIPPED_ERROR, Optional.of("no launch adapter for runtime \"voicetalk\"")));
    assertThat(h.log()).contains("ev=supervise identity=voicetalk-bob action=skipped-error"
        + " reason=\"no launch adapter for runtime \\\"voicetalk\\\"\" outcome=peer-error-isolated\n");
  }

  @Test
  void case43_anEmptyStateDirHasNoOutcomes() {
    assertThat(h.lifecycle().supervisePass().run()).isEmpty();
  }

  @Test
  void case44_anIdleSessionIsParkedThroughTheHostsKill() {
    Lifecycle lc = enrolled(Duration.ofHours(2), true);
    h.lastTurn(cwd, NOW.minus(Duration.ofHours(2)));

    Outcome o = only(lc.supervisePass().run());

    assertThat(o.action()).isEqualTo(Action.REAPED_IDLE);
    assertThat(h.host.alive(BOB)).isFalse();
    assertThat(lc.markers().idleReaped(BOB)).isTrue();
    assertThat(lc.markers().session(BOB)).isEmpty();
    assertThat(lc.markers().deaths(BOB)).isEmpty();
    assertThat(h.log()).contains("action=reaped-idle age=7200s outcome=resume-eligible\n");
  }

  @Test
  void case44_anySignOfRecentWorkKeepsASessionAlive() {
    Lifecycle lc = enrolled(Duration.ofHours(2), true);
    h.lastTurn(cwd, NOW.minus(Duration.ofSeconds(30)));
    assertThat(only(lc.supervisePass().run()).action()).as("last turn 30 s ago").isEqualTo(Action.ALIVE);

    lc = enrolled(Duration.ofHours(28), true);
    h.lastTurn(cwd, NOW.minus(Duration.ofMinutes(1)));
    assertThat(only(lc.supervisePass().run()).action()).as("old wake, recent turn").isEqualTo(Action.ALIVE);

    lc = enrolled(Duration.ofSeconds(30), true);
    h.lastTurn(cwd, NOW.minus(Duration.ofHours(2)));
    assertThat(only(lc.supervisePass().run()).action()).as("the wake is the floor").isEqualTo(Action.ALIVE);

    lc = enrolled(Duration.ofHours(2), true);
    h.childActivity(cwd, NOW.minus(Duration.ofSeconds(5)));
    assertThat(only(lc.supervisePass().run()).action()).as("a sub-agent works").isEqualTo(Action.ALIVE);

    h.childActivity(cwd, NOW.minus(Duration.ofHours(2)));
    LogicHost.write(h.layout().lifecycleStateDir().resolve("claude-bob.last-delivered"),
        Long.toString(NOW.toEpochMilli()));
    assertThat(only(lc.supervisePass().run()).action()).as("just delivered to").isEqualTo(Action.ALIVE);
    assertThat(h.log()).as("non-decisions are not logged").doesNotContain("action=alive");
  }

  @Test
  void verboseLoggingAlsoRecordsTheSessionsThatStay() {
    h.env.put("IAPEER_SUPERVISE_LOG_VERBOSE", "yes");
    Lifecycle lc = enrolled(Duration.ofSeconds(42), true);

    lc.supervisePass().run();

    assertThat(h.log()).contains("ev=supervise identity=claude-bob action=alive age=42s\n");
  }

  // --- ephemeral workers

  @Test
  void case45_anArmedWorkerIsReapedAfterItsQuietWindow_neitherParkedNorDead() {
    LogicHost.profile(cwd, "bob", "\"wake_policy\": \"ephemeral\"");
    Lifecycle lc = enrolled(Duration.ofSeconds(60), true);
    assertThat(only(lc.supervisePass().run()).action()).as("not armed, 60 s < 600 s").isEqualTo(Action.ALIVE);

    lc.markers().set(BOB, Flag.EPHEMERAL_ARMED);
    h.lastTurn(cwd, NOW.minus(Duration.ofSeconds(1)));
    assertThat(only(lc.supervisePass().run()).action()).as("armed, last turn 1 s ago").isEqualTo(Action.ALIVE);

    h.lastTurn(cwd, NOW.minus(Duration.ofSeconds(60)));
    Outcome o = only(lc.supervisePass().run());

    assertThat(o.action()).isEqualTo(Action.REAPED_EPHEMERAL);
    assertThat(h.host.alive(BOB)).isFalse();
    assertThat(lc.markers().has(BOB, Flag.EPHEMERAL_ARMED)).isFalse();
    assertThat(lc.markers().session(BOB)).isEmpty();
    assertThat(lc.markers().idleReaped(BOB)).isFalse();
    assertThat(lc.markers().deaths(BOB)).isEmpty();
    assertThat(h.log())
        .contains("action=reaped-ephemeral age=60s reason=\"armed, quiet 60s\" outcome=ephemeral-done\n");
  }

  @Test
  void case45_anArmedWorkerThatJustWokeIsNotReaped() {
    LogicHost.profile(cwd, "bob", "\"wake_policy\": \"ephemeral\"");
    Lifecycle lc = enrolled(Duration.ZERO, true);
    lc.markers().set(BOB, Flag.EPHEMERAL_ARMED);
    assertThat(only(lc.supervisePass().run()).action()).isEqualTo(Action.ALIVE);
  }

  @Test
  void case45_anUnarmedWorkerIsBoundedButAPeerOfTheSameAgeIsNot() {
    h.env.put("IAPEER_EPHEMERAL_UNARMED_IDLE_SECS", "30");
    Identity ann = new Identity("claude", "ann");
    Path annCwd = h.peer("ann", "claude");
    LogicHost.profile(cwd, "bob", "\"wake_policy\": \"ephemeral\"");
    Lifecycle lc = enrolled(Duration.ofSeconds(45), true);
    lc.markers().writeSession(new SessionRecord(ann, annCwd, NOW.minusSeconds(45).toEpochMilli()));
    h.host.live(ann);

    List<Outcome> outcomes = lc.supervisePass().run();

    assertThat(outcomes).containsExactly(
        new Outcome(ann, Action.ALIVE, Optional.empty()),
        new Outcome(BOB, Action.REAPED_EPHEMERAL, Optional.of("unarmed idle 45s")));
    assertThat(h.log()).contains("action=reaped-ephemeral age=45s reason=\"unarmed idle 45s\""
        + " outcome=ephemeral-unarmed-bound\n");
  }

  @Test
  void case46_aProfileThatCannotBeReadIsNoEphemeralWorker() {
    LogicHost.write(cwd.resolve(".iapeer/peer-profile.json"), "{broken");
    Lifecycle lc = enrolled(Duration.ofSeconds(60), true);
    lc.markers().set(BOB, Flag.EPHEMERAL_ARMED);

    assertThat(only(lc.supervisePass().run()).action()).isEqualTo(Action.ALIVE);
  }

  // --- managed peers, orphans

  @Test
  void case30_aManagedPeersSessionIsLeftAlone() {
    h.managed = p -> p.equals("bob");
    Lifecycle lc = enrolled(Duration.ofHours(5), false);

    assertThat(only(lc.supervisePass().run()).action()).isEqualTo(Action.SKIPPED_LAUNCHD);
    assertThat(lc.markers().session(BOB)).isPresent();
    assertThat(lc.markers().deaths(BOB)).isEmpty();
  }
}
