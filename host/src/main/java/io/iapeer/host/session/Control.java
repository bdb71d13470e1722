package io.iapeer.host.session;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.host.runtime.KeyPlan;
import io.iapeer.host.runtime.RuntimeAdapter;
import java.util.List;

/**
 * Sends a control action's keys to a live session (03 §7.2). Unconditional on purpose: no
 * readiness check and no submit confirmation, so an interrupt also reaches a stuck turn.
 */
public final class Control {
  private final SessionHost host;
  private final Launcher.Pause pause;

  public Control(SessionHost host, Launcher.Pause pause) {
    this.host = host;
    this.pause = pause;
  }

  public void send(Identity id, RuntimeAdapter adapter, String name) throws InterruptedException {
    KeyPlan plan =
        adapter
            .control(name)
            .orElseThrow(
                () ->
                    new IapException(
                        "runtime \"%s\" does not support control command \"%s\""
                            .formatted(adapter.runtime(), name)));
    for (List<String> step : plan.steps()) {
      try {
        host.sendKeys(id, step.toArray(String[]::new));
      } catch (TmuxException e) {
        throw new IapException(
            "tmux send-keys failed for control \"" + name + "\": " + e.detail(), e);
      }
      pause.sleep(plan.stepDelay());
    }
  }
}
