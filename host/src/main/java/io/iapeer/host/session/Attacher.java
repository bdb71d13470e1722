package io.iapeer.host.session;

import io.iapeer.core.log.EventLog;
import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import java.io.IOException;
import java.time.Clock;

/**
 * Hands the operator's terminal to a live session until they detach with Ctrl-] (03 §6), and
 * notes the visit in lifecycle.log before and after.
 */
public final class Attacher {
  private final SessionHost host;
  private final EventLog lifecycleLog;
  private final Clock clock;

  public Attacher(SessionHost host, EventLog lifecycleLog, Clock clock) {
    this.host = host;
    this.lifecycleLog = lifecycleLog;
    this.clock = clock;
  }

  /** Runs the attach client with this process's stdio; returns its exit code. */
  public int attach(Identity id, boolean woke) throws InterruptedException {
    AttachInvocation inv = host.attachCommand(id);
    lifecycleLog.append(LogLine.at(clock.instant()).add("ev", "attach").add("identity", id.address())
        .add("woke", woke));
    int rc = -1;
    try {
      ProcessBuilder pb = new ProcessBuilder(inv.argv()).inheritIO();
      pb.environment().clear();
      pb.environment().putAll(inv.env());
      rc = pb.start().waitFor();
      return rc;
    } catch (IOException e) {
      throw new TmuxException("attach", e.getMessage());
    } finally {
      lifecycleLog.append(LogLine.at(clock.instant()).add("ev", "attach-end")
          .add("identity", id.address()).add("rc", rc));
    }
  }
}
