package io.iapeer.host.service;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The held process of an infra peer, {@code iapeer run-infra} (04 §4.2.6, 03 §5): it brings the
 * peer's session up, checks it survived its start, then watches it. It lives exactly as long as the
 * session: a session that ends makes it exit 0 so the service manager starts it again, and a stop
 * signal tears the session down first, so stopping the service stops the peer.
 */
public final class InfraHold {
  /** How long after a launch the session must still be up, and how often it is looked at then. */
  public record Timings(Duration recheck, Duration watch) {}

  private final Sessions sessions;
  private final Timings timings;
  private final PrintWriter err;

  public InfraHold(Sessions sessions, Timings timings, PrintWriter err) {
    this.sessions = sessions;
    this.timings = timings;
    this.err = err;
  }

  /**
   * Holds {@code id}'s session until it ends (0), the launch fails (1), or {@code stop} is counted
   * down by SIGTERM or SIGINT (teardown, then 0).
   *
   * @param intelligence the peer's, from its local profile: a gated runtime refuses a launch without it
   */
  public int hold(Identity id, Path cwd, Intelligence intelligence, CountDownLatch stop) throws InterruptedException {
    int code = keep(id, cwd, intelligence, stop);
    // however it ended, a stop takes the session down: a launch cut short may have left one
    return stop.getCount() == 0 ? teardown(id) : code;
  }

  private int keep(Identity id, Path cwd, Intelligence intelligence, CountDownLatch stop)
      throws InterruptedException {
    RuntimeAdapter adapter = sessions.adapters().of(id.runtime());
    if (sessions.host().alive(id)) {
      // the manager runs one of us per label, so a live session is ours from before: watch it
      say(id + " is already live — watching it");
    } else {
      LaunchSpec spec = LaunchSpec.fresh(id, cwd).withIntelligence(intelligence);
      if (sessions.launcher().launch(spec, adapter, "") instanceof LaunchResult.Failed f) {
        say("launch FAILED for " + id + ": " + f.reason());
        return 1;
      }
      if (stop.await(timings.recheck().toMillis(), TimeUnit.MILLISECONDS)) {
        return 0;
      }
      if (!alive(id)) {
        say(id + " session died immediately after launch — check " + adapter.binary().orElse(id.runtime()));
        return 1;
      }
      say(id + " is up — watching it");
    }
    while (!stop.await(timings.watch().toMillis(), TimeUnit.MILLISECONDS)) {
      if (!alive(id)) {
        if (stop.getCount() > 0) {
          say(id + " session ended — exiting so the service manager starts it again");
        }
        return 0;
      }
    }
    return 0;
  }

  /**
   * A death is believed at the second look: a stop signals our whole process group, and a tmux
   * client of ours it kills mid-question answers "not alive" for a session that is fine.
   */
  private boolean alive(Identity id) {
    SessionHost host = sessions.host();
    return host.alive(id) || host.alive(id);
  }

  /** A deliberate stop: the session goes too, so the next start reads durable state afresh. */
  private int teardown(Identity id) {
    sessions.host().kill(id);
    say(id + " stopped: session ended");
    return 0;
  }

  private void say(String line) {
    err.println("[iapeer] run-infra: " + line);
    err.flush();
  }
}
