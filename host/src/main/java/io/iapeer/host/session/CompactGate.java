package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.runtime.CompactMarkers;
import io.iapeer.host.runtime.RuntimeAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code compact} succeeds only when the compaction really finished (03 §7.2): the runtime wrote
 * its completion record into a transcript after {@code /compact} was sent.
 */
public final class CompactGate {

  /** @param timeout the whole wait; @param readyGrace how long to wait for the prompt after it */
  public record Timings(Duration timeout, Duration poll, Duration readyGrace) {}

  /** How it ended: {@code signal} is {@code transcript+ready} or {@code transcript} on success. */
  public sealed interface Outcome {
    record Compacted(String signal) implements Outcome {}

    record Failed(String reason) implements Outcome {}
  }

  private final SessionHost host;
  private final Control control;
  private final Timings timings;
  private final Launcher.Pause pause;

  public CompactGate(SessionHost host, Control control, Timings timings, Launcher.Pause pause) {
    this.host = host;
    this.control = control;
    this.timings = timings;
    this.pause = pause;
  }

  /** Sends {@code /compact} to the live session and waits for the completion record. */
  public Outcome compact(Identity id, RuntimeAdapter adapter, Path cwd) throws InterruptedException {
    Map<Path, Long> baseline = CompactMarkers.baseline(adapter, cwd);
    control.send(id, adapter, "compact");
    long start = System.nanoTime();
    long seenAt = -1;
    while (true) {
      if (!host.alive(id)) {
        return new Outcome.Failed("compact did not complete: tmux session vanished");
      }
      if (seenAt < 0 && CompactMarkers.seenSince(adapter, cwd, baseline)) {
        seenAt = System.nanoTime();
      }
      if (seenAt >= 0) {
        if (adapter.isInputReady(host.capture(id))) {
          return new Outcome.Compacted("transcript+ready");
        }
        // A busy auto-continue after the compaction is fine; the compaction itself is done.
        if (since(seenAt).compareTo(timings.readyGrace()) >= 0) {
          return new Outcome.Compacted("transcript");
        }
      }
      if (since(start).compareTo(timings.timeout()) >= 0) {
        return seenAt >= 0
            ? new Outcome.Compacted("transcript")
            : new Outcome.Failed(
                "compact did not complete within %dms (no transcript compact marker; pane tail: %s)"
                    .formatted(timings.timeout().toMillis(), PaneTail.of(host.capture(id))));
      }
      pause.sleep(timings.poll());
    }
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
