package io.iapeer.host.lifecycle;

import io.iapeer.host.runtime.Resume;
import java.util.Optional;
import java.util.Set;

/**
 * The fresh-or-resume table of 03 §9.4, first matching row wins. Pure: the caller reads the
 * markers, the profile and the runtime's transcripts, and consumes what the decision names.
 * Resume is opt-in for executors: only a topic the sleeping session worked on revives its context.
 */
public final class FreshOrResume {
  static final String NOTHING_TO_RESUME = "resume requested but nothing to resume";

  private FreshOrResume() {}

  /**
   * @param human the local profile has a telegram interface: a conversation with a person
   * @param topicKnown the incoming topic is in the identity's topic set
   * @param resume what the runtime could resume in the peer's folder
   */
  public record Inputs(
      WakeMode mode,
      boolean freshNext,
      boolean ephemeral,
      boolean idleReaped,
      boolean human,
      String topic,
      boolean topicKnown,
      Resume resume) {}

  public static Decision decide(Inputs in) {
    return switch (in.mode()) {
      case FRESH -> Decision.fresh("folder-launch");
      // attach never consumes .fresh-next: the operator asked for this very conversation
      case RESUME -> in.resume() instanceof Resume.Available a
          ? new Decision(Decision.Mode.RESUME, "attach", a.ref(), Optional.empty(), Set.of())
          : new Decision(Decision.Mode.FAIL, "attach-nothing-to-resume", Optional.empty(),
              Optional.of(unavailable(in.resume()).orElse(NOTHING_TO_RESUME)), Set.of());
      case MESSAGE -> message(in);
    };
  }

  private static Decision message(Inputs in) {
    if (in.freshNext()) {
      return Decision.fresh("soft-reload", Flag.FRESH_NEXT, Flag.IDLE_REAPED);
    }
    if (in.ephemeral()) {
      return Decision.fresh("ephemeral-policy", Flag.IDLE_REAPED);
    }
    if (!in.idleReaped()) {
      // no clean park: the last session crashed or closed itself, so it starts over
      return Decision.fresh(in.resume() instanceof Resume.Available ? "crash-or-self-close" : "first-wake");
    }
    if (in.human()) {
      return resumeOrFresh(in, "idle-reaped-human", "idle-reaped-human-no-resume");
    }
    if (in.topic() == null || in.topic().isBlank()) {
      return Decision.fresh("idle-reaped-no-topic", Flag.IDLE_REAPED);
    }
    if (!in.topicKnown()) {
      return Decision.fresh("idle-reaped-new-topic", Flag.IDLE_REAPED);
    }
    return resumeOrFresh(in, "idle-reaped-resume", "idle-reaped-no-resume");
  }

  private static Decision resumeOrFresh(Inputs in, String resumed, String fresh) {
    return in.resume() instanceof Resume.Available a
        ? new Decision(Decision.Mode.RESUME, resumed, a.ref(), Optional.empty(), Set.of(Flag.IDLE_REAPED))
        : new Decision(Decision.Mode.FRESH, fresh, Optional.empty(), unavailable(in.resume()),
            Set.of(Flag.IDLE_REAPED));
  }

  private static Optional<String> unavailable(Resume r) {
    return r instanceof Resume.Unavailable u && !u.reason().isBlank() ? Optional.of(u.reason()) : Optional.empty();
  }
}
