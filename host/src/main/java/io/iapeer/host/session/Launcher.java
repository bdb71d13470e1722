package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.runtime.BootDialog;
import io.iapeer.host.runtime.Composition;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.LaunchPlan;
import io.iapeer.host.runtime.LaunchRefusal;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import java.time.Duration;
import java.time.Instant;

/**
 * The launch primitive (03 §5): compose, start the session, log its pane and exit cause, clear the
 * boot dialogs, deliver the first message and wait until the model has taken it. It never decides
 * whether to launch; that is the lifecycle's job.
 */
public final class Launcher {
  /**
   * @param poll the boot/ready poll interval (2 s in production; tests inject less)
   * @param pasteSettle the pause between pasting the first message and submitting it (300 ms)
   */
  public record Timings(Duration bootDeadline, Duration readyGate, Duration poll, Duration pasteSettle) {
    public static Timings production(Duration bootDeadline, Duration readyGate) {
      return new Timings(bootDeadline, readyGate, Duration.ofSeconds(2), Duration.ofMillis(300));
    }
  }

  /** The wait between polls, a seam so logic tests need not sleep. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration d) throws InterruptedException;
  }

  private final SessionHost host;
  private final LaunchComposer composer;
  private final Timings timings;
  private final Pause pause;

  public Launcher(SessionHost host, LaunchComposer composer, Timings timings, Pause pause) {
    this.host = host;
    this.composer = composer;
    this.timings = timings;
    this.pause = pause;
  }

  public LaunchResult launch(LaunchSpec spec, RuntimeAdapter adapter, String firstMessage) {
    Identity id = spec.identity();
    // Step 0 and the argv/env: a refusal (intelligence gate, missing binary, root without
    // IS_SANDBOX) happens before any tmux work.
    Composition c = composer.compose(spec);
    if (c instanceof LaunchRefusal r) {
      return new LaunchResult.Failed(id, r.reason(), false);
    }
    LaunchPlan plan = (LaunchPlan) c;
    try {
      host.start(new SessionSpec(id, spec.cwd(), plan.argv(), plan.env()));
    } catch (TmuxException e) {
      return new LaunchResult.Failed(id, e.getMessage(), false);
    }
    try {
      host.installExitHook(id);
    } catch (RuntimeException e) {
      // 03 §5 step 4: a hook that cannot be installed never fails the launch.
    }
    try {
      host.logPane(id);
    } catch (RuntimeException e) {
      // the pane log is forensics only
    }
    if (adapter.kind() == RuntimeAdapter.Kind.ROUTER) {
      return new LaunchResult.Ready(id); // routers have no dialogs; their first message goes live
    }
    try {
      return boot(id, spec, adapter, firstMessage);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LaunchResult.Failed(id, "launch interrupted", host.alive(id));
    }
  }

  private LaunchResult boot(Identity id, LaunchSpec spec, RuntimeAdapter adapter, String firstMessage)
      throws InterruptedException {
    long iterations = Math.max(1, ceilDiv(timings.bootDeadline(), timings.poll()));
    String lastScreen = "";
    for (long i = 0; i < iterations; i++) {
      pause.sleep(timings.poll());
      if (!host.alive(id)) {
        return failed(id, "tmux session vanished during boot");
      }
      String screen = host.capture(id);
      if (screen.isBlank()) {
        continue;
      }
      boolean steady = screen.equals(lastScreen);
      lastScreen = screen;
      BootDialog dialog = adapter.bootDialog(screen);
      if (dialog instanceof BootDialog.Keys k) {
        // Observed on Claude Code 2.1.332: keys sent just after a dialog is drawn can be lost or act
        // on the refusing default, which exits the CLI. Answer only a screen that held still a poll.
        if (steady) {
          host.sendKeys(id, k.keys().toArray(String[]::new));
        }
        continue;
      }
      if (dialog instanceof BootDialog.Refuse r) {
        host.kill(id); // a dialog we must not answer for the user: fail fast, leave nothing behind
        return new LaunchResult.Failed(id, r.reason(), false);
      }
      if (dialog instanceof BootDialog.Wait || !adapter.isInputReady(screen)) {
        continue;
      }
      if (firstMessage == null || firstMessage.isBlank()) {
        return new LaunchResult.Ready(id);
      }
      // Sampled after boot: boot itself may touch the transcript (codex writes its session file,
      // a claude resume re-saves its file).
      Instant baseline = adapter.newestActivityMtime(spec.cwd()).orElse(Instant.EPOCH);
      try {
        host.paste(id, firstMessage, PasteMode.TUI);
      } catch (TmuxException e) {
        continue;
      }
      pause.sleep(timings.pasteSettle());
      host.sendKeys(id, "Enter");
      return readyGate(id, spec, adapter, baseline);
    }
    String tail = PaneTail.of(lastScreen);
    return failed(
        id,
        "never-became-ready (stuck at a startup prompt or boot hang)"
            + (tail.isEmpty() ? "" : "; pane tail: " + tail));
  }

  /** 03 §5 step 8: READY only once the transcript moved past the baseline. */
  private LaunchResult readyGate(Identity id, LaunchSpec spec, RuntimeAdapter adapter, Instant baseline)
      throws InterruptedException {
    long iterations = Math.max(1, ceilDiv(timings.readyGate(), timings.poll()));
    for (long i = 0; i < iterations; i++) {
      pause.sleep(timings.poll());
      if (!host.alive(id)) {
        return failed(id, "tmux session vanished during ready-gate");
      }
      if (adapter.newestActivityMtime(spec.cwd()).orElse(Instant.EPOCH).isAfter(baseline)) {
        return new LaunchResult.Ready(id);
      }
    }
    return failed(id, "model-did-not-process-task (no activity advance after delivery)");
  }

  private LaunchResult.Failed failed(Identity id, String reason) {
    return new LaunchResult.Failed(id, reason, host.alive(id));
  }

  private static long ceilDiv(Duration a, Duration b) {
    return Math.max(1, (a.toMillis() + b.toMillis() - 1) / Math.max(1, b.toMillis()));
  }
}
