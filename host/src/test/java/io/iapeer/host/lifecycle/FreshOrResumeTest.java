package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.lifecycle.Decision.Mode;
import io.iapeer.host.runtime.Resume;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every row of the fresh-or-resume table, 03 §9.4 (case 35). */
class FreshOrResumeTest {
  static final Resume TRANSCRIPT = new Resume.Available(Optional.of("uuid-1"));
  static final Resume NONE = new Resume.Unavailable("no transcript to resume");

  /** A message wake of an executor with nothing set, the baseline every case varies. */
  record In(WakeMode mode, boolean freshNext, boolean ephemeral, boolean idleReaped, boolean human,
      String topic, boolean topicKnown, Resume resume) {
    static In message() {
      return new In(WakeMode.MESSAGE, false, false, false, false, "", false, TRANSCRIPT);
    }

    In mode(WakeMode m) {
      return new In(m, freshNext, ephemeral, idleReaped, human, topic, topicKnown, resume);
    }

    In withFreshNext() {
      return new In(mode, true, ephemeral, idleReaped, human, topic, topicKnown, resume);
    }

    In asEphemeral() {
      return new In(mode, freshNext, true, idleReaped, human, topic, topicKnown, resume);
    }

    In parked() {
      return new In(mode, freshNext, ephemeral, true, human, topic, topicKnown, resume);
    }

    In asHuman() {
      return new In(mode, freshNext, ephemeral, idleReaped, true, topic, topicKnown, resume);
    }

    In topic(String t, boolean known) {
      return new In(mode, freshNext, ephemeral, idleReaped, human, t, known, resume);
    }

    In resume(Resume r) {
      return new In(mode, freshNext, ephemeral, idleReaped, human, topic, topicKnown, r);
    }

    Decision decide() {
      return FreshOrResume.decide(new FreshOrResume.Inputs(
          mode, freshNext, ephemeral, idleReaped, human, topic, topicKnown, resume));
    }
  }

  static void fresh(Decision d, String cause, Flag... consumed) {
    assertThat(d.mode()).isEqualTo(Mode.FRESH);
    assertThat(d.cause()).isEqualTo(cause);
    assertThat(d.ref()).isEmpty();
    assertThat(d.consumed()).containsExactlyInAnyOrder(consumed);
  }

  static void resumed(Decision d, String cause, Flag... consumed) {
    assertThat(d.mode()).isEqualTo(Mode.RESUME);
    assertThat(d.cause()).isEqualTo(cause);
    assertThat(d.ref()).contains("uuid-1");
    assertThat(d.consumed()).containsExactlyInAnyOrder(consumed);
  }

  @Test
  void row1_anOperatorFreshLaunchIsFreshWhateverTheMarkersSay() {
    fresh(In.message().mode(WakeMode.FRESH).parked().withFreshNext().asEphemeral().topic("t", true).decide(),
        "folder-launch");
  }

  @Test
  void row2a_attachResumesAndLeavesFreshNextAlone() {
    resumed(In.message().mode(WakeMode.RESUME).withFreshNext().parked().decide(), "attach");
  }

  @Test
  void row2b_attachWithNothingToResumeFailsWithTheAdaptersReason() {
    Decision d = In.message().mode(WakeMode.RESUME).resume(NONE).decide();
    assertThat(d.mode()).isEqualTo(Mode.FAIL);
    assertThat(d.cause()).isEqualTo("attach-nothing-to-resume");
    assertThat(d.reason()).contains("no transcript to resume");
    assertThat(d.consumed()).isEmpty();

    Decision silent = In.message().mode(WakeMode.RESUME).resume(new Resume.Unavailable("")).decide();
    assertThat(silent.reason()).contains("resume requested but nothing to resume");
  }

  @Test
  void ephemeralDoesNotAffectAttach() {
    resumed(In.message().mode(WakeMode.RESUME).asEphemeral().decide(), "attach");
  }

  @Test
  void row3_0_freshNextOverridesAHumanResumeAndConsumesBothMarkers() {
    fresh(In.message().withFreshNext().parked().asHuman().decide(), "soft-reload", Flag.FRESH_NEXT, Flag.IDLE_REAPED);
  }

  @Test
  void row3_1_anEphemeralWorkerIsAlwaysFresh_beatingIdleReapedAndHuman() {
    fresh(In.message().asEphemeral().parked().asHuman().topic("t", true).decide(),
        "ephemeral-policy", Flag.IDLE_REAPED);
  }

  @Test
  void row3_2_noCleanParkWithATranscriptIsACrashOrSelfClose() {
    fresh(In.message().topic("t", true).decide(), "crash-or-self-close");
  }

  @Test
  void row3_2prime_theFirstWakeHasNoTranscript() {
    fresh(In.message().resume(NONE).decide(), "first-wake");
  }

  @Test
  void row3_3_aParkedHumanConversationResumes_orStartsFreshWhenItCannot() {
    resumed(In.message().parked().asHuman().decide(), "idle-reaped-human", Flag.IDLE_REAPED);
    Decision d = In.message().parked().asHuman().resume(NONE).decide();
    fresh(d, "idle-reaped-human-no-resume", Flag.IDLE_REAPED);
    assertThat(d.reason()).contains("no transcript to resume");
  }

  @Test
  void row3_4_aParkedExecutorWithoutATopicStartsFresh() {
    fresh(In.message().parked().decide(), "idle-reaped-no-topic", Flag.IDLE_REAPED);
    fresh(In.message().parked().topic("   ", false).decide(), "idle-reaped-no-topic", Flag.IDLE_REAPED);
  }

  @Test
  void row3_5_aNewTopicStartsFresh() {
    fresh(In.message().parked().topic("other", false).decide(), "idle-reaped-new-topic", Flag.IDLE_REAPED);
  }

  @Test
  void row3_6_aKnownTopicResumes_orStartsFreshWhenNothingIsLeft() {
    resumed(In.message().parked().topic("flaky-test", true).decide(), "idle-reaped-resume", Flag.IDLE_REAPED);
    fresh(In.message().parked().topic("flaky-test", true).resume(NONE).decide(),
        "idle-reaped-no-resume", Flag.IDLE_REAPED);
  }

  @Test
  void theModeWordsAreWhatLifecycleLogRecords() {
    assertThat(Mode.FRESH.word()).isEqualTo("fresh");
    assertThat(Mode.RESUME.word()).isEqualTo("resume");
    assertThat(Mode.FAIL.word()).isEqualTo("fail");
  }
}
