package io.iapeer.host.lifecycle;

import io.iapeer.core.IapException;
import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.Death;
import io.iapeer.host.session.SessionHost;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One supervise pass (03 §9.6): the pane-log janitor, then every enrolled session
 * ({@code *.session}) judged on its own — dead, stopped, idle, or an ephemeral worker done — with
 * one peer's failure isolated from the rest. Only a death found here is recorded against the
 * crash-loop guard. Safe to run while another pass or a wake runs: a dead session is claimed by an
 * atomic rename before its death is recorded.
 */
public final class SupervisePass {

  /** What happened to one session, in lifecycle.log's words ({@code action=}). */
  public enum Action {
    SKIPPED_LAUNCHD,
    SKIPPED_STOPPED,
    REAPED_GONE,
    NEEDS_EAGER_FRESH,
    REAPED_IDLE,
    REAPED_EPHEMERAL,
    ALIVE,
    SKIPPED_ERROR,
    /** A live session nobody enrolled: its waker died mid-launch (a killed daemon). */
    ADOPTED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public record Outcome(Identity identity, Action action, Optional<String> reason) {
    static Outcome of(Identity id, Action action) {
      return new Outcome(id, action, Optional.empty());
    }

    static Outcome of(Identity id, Action action, String reason) {
      return new Outcome(id, action, Optional.of(reason));
    }
  }

  /** Sessions judged at once. */
  private static final int PARALLEL = 8;

  private final Lifecycle lc;
  private final PaneLogs paneLogs;

  SupervisePass(Lifecycle lc) {
    this.lc = lc;
    this.paneLogs = new PaneLogs(lc.layout().paneLogDir(), lc.settings(), lc.clock());
  }

  public List<Outcome> run() {
    Instant tick = lc.clock().instant();
    paneLogs.sweep().ifPresent(gc -> lc.log().append(gc.line(tick)));
    List<Outcome> outcomes = judgeAll(lc.markers().sessions(), tick);
    adoptOrphans(tick, outcomes);
    return outcomes;
  }

  /**
   * The pass before a wake: the woken peer's own sessions only. What a wake needs from it is that
   * peer's death on record (for the crash-loop guard) before a new session replaces the record;
   * the rest of the host is the tick's, so a wake costs the same on a host with fifty live agents.
   */
  public List<Outcome> runFor(String personality) {
    Instant tick = lc.clock().instant();
    return judgeAll(lc.markers().sessions(personality), tick);
  }

  /**
   * Each session on its own, several at a time: asking tmux whether a session lives costs a client
   * process, and one after the other that adds up on a busy host. Outcomes keep the sessions' order.
   */
  private List<Outcome> judgeAll(List<SessionRecord> sessions, Instant tick) {
    List<Outcome> outcomes = new ArrayList<>();
    if (sessions.isEmpty()) {
      return outcomes;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, sessions.size()), r -> {
      Thread t = new Thread(r, "iapeer-supervise-peer");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> judged = new ArrayList<>();
      for (SessionRecord s : sessions) {
        judged.add(pool.submit(() -> isolated(s, tick)));
      }
      for (Future<Outcome> f : judged) {
        outcomes.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the daemon is stopping: the next pass finishes the job
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // isolated() catches everything a peer throws
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  private Outcome isolated(SessionRecord s, Instant tick) {
    try {
      return judge(s, tick);
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      log(tick, s.identity(), Action.SKIPPED_ERROR, null, why, "peer-error-isolated");
      return Outcome.of(s.identity(), Action.SKIPPED_ERROR, why);
    }
  }

  /**
   * A registered peer's live session without a record, while no wake holds its lock, was left by a
   * waker that died between the launch and the enrolment: enrolled now, so it is supervised and
   * reaped like any other instead of running unseen forever.
   */
  private void adoptOrphans(Instant tick, List<Outcome> outcomes) {
    List<Identity> candidates = new ArrayList<>();
    try (DirectoryStream<Path> socks = Files.newDirectoryStream(lc.layout().sockDir(), "tmux-iap-*.sock")) {
      for (Path sock : socks) {
        Identity.fromSocketFileName(sock.getFileName().toString())
            .filter(id -> !Files.exists(lc.markers().file(id, "session")))
            .ifPresent(candidates::add);
      }
    } catch (IOException e) {
      return; // no socket dir: nothing runs
    }
    if (candidates.isEmpty()) {
      return;
    }
    RegistrySnapshot registry = lc.registry().read();
    for (Identity id : candidates) {
      Optional<PeerRecord> peer = registry.find(id.personality()).filter(p -> p.runtimes().contains(id.runtime()));
      if (peer.isEmpty() || lc.managed().isManaged(id.personality()) || !lc.sessions().host().alive(id)) {
        continue;
      }
      try (FileLocks.Held idle = FileLocks.acquire(WakeLock.file(lc.layout(), id), Duration.ZERO, "waking")) {
        lc.markers().writeSession(new SessionRecord(id, Path.of(peer.get().cwd()), tick.toEpochMilli()));
        log(tick, id, Action.ADOPTED, null, "live session without a record", "enrolled");
        outcomes.add(Outcome.of(id, Action.ADOPTED));
      } catch (IapException e) {
        // a wake is on it and enrols the session itself
      } catch (RuntimeException e) {
        outcomes.add(Outcome.of(id, Action.SKIPPED_ERROR, String.valueOf(e.getMessage())));
      }
    }
  }

  private Outcome judge(SessionRecord s, Instant tick) {
    Identity id = s.identity();
    Markers markers = lc.markers();
    SessionHost host = lc.sessions().host();
    boolean verbose = lc.settings().superviseLogVerbose();
    if (lc.managed().isManaged(id.personality())) {
      if (verbose) {
        log(tick, id, Action.SKIPPED_LAUNCHD, null, null, "read-only-h4");
      }
      return Outcome.of(id, Action.SKIPPED_LAUNCHD);
    }
    if (!host.alive(id)) {
      return dead(s, tick);
    }
    if (markers.stopped(id)) {
      // a stop raced a wake: the operator's halt wins
      host.kill(id);
      markers.set(id, Flag.IDLE_REAPED);
      markers.clear(id, Flag.EPHEMERAL_ARMED);
      markers.deleteSession(id);
      log(tick, id, Action.REAPED_IDLE, null, "alive-but-stopped", "operator-halt-enforced");
      return Outcome.of(id, Action.REAPED_IDLE, "alive-but-stopped");
    }
    long age = age(s, tick);
    boolean ephemeral = profile(s.cwd()).map(PeerProfile::ephemeral).orElse(false);
    if (ephemeral && markers.has(id, Flag.EPHEMERAL_ARMED) && age > lc.settings().ephemeralQuiet().toSeconds()) {
      return windDown(id, tick, age, "ephemeral-done", "armed, quiet " + age + "s");
    }
    if (ephemeral && age > lc.settings().ephemeralUnarmedIdle().toSeconds()) {
      return windDown(id, tick, age, "ephemeral-unarmed-bound", "unarmed idle " + age + "s");
    }
    if (age > lc.settings().idle().toSeconds()) {
      host.kill(id);
      markers.set(id, Flag.IDLE_REAPED);
      markers.deleteSession(id);
      log(tick, id, Action.REAPED_IDLE, age, null, "resume-eligible");
      return Outcome.of(id, Action.REAPED_IDLE, "idle " + age + "s");
    }
    if (verbose) {
      log(tick, id, Action.ALIVE, age, null, null);
    }
    return Outcome.of(id, Action.ALIVE);
  }

  /** 03 §9.6 step 2. */
  private Outcome dead(SessionRecord s, Instant tick) {
    Identity id = s.identity();
    Markers markers = lc.markers();
    if (markers.stopped(id)) {
      markers.deleteSession(id);
      markers.clear(id, Flag.EPHEMERAL_ARMED);
      markers.set(id, Flag.IDLE_REAPED);
      log(tick, id, Action.SKIPPED_STOPPED, null, null, "resume-on-start");
      return Outcome.of(id, Action.SKIPPED_STOPPED);
    }
    if (!markers.claimSession(id)) {
      return Outcome.of(id, Action.REAPED_GONE, "concurrently reaped");
    }
    markers.recordDeath(id);
    markers.dropClaim(id);
    markers.clear(id, Flag.EPHEMERAL_ARMED);
    if (markers.has(id, Flag.NEW_EAGER)) {
      log(tick, id, Action.NEEDS_EAGER_FRESH, null, "/new eager mark", "eager-fresh");
      return Outcome.of(id, Action.NEEDS_EAGER_FRESH, "/new eager mark");
    }
    // no .idle-reaped: a session that died by itself wakes fresh on the next message
    Death death = lc.sessions().host().classifyDeath(id);
    lc.log().append(line(tick, id, Action.REAPED_GONE).add("death", death.tag()).add("reason", death.reason())
        .add("outcome", "fresh-next-msg"));
    return Outcome.of(id, Action.REAPED_GONE, death.reason());
  }

  /** Steps 5–6: the policy reap of an ephemeral worker; neither a park nor a death. */
  private Outcome windDown(Identity id, Instant tick, long age, String outcome, String reason) {
    lc.sessions().host().kill(id);
    lc.markers().clear(id, Flag.EPHEMERAL_ARMED);
    lc.markers().deleteSession(id);
    log(tick, id, Action.REAPED_EPHEMERAL, age, reason, outcome);
    return Outcome.of(id, Action.REAPED_EPHEMERAL, reason);
  }

  /**
   * Seconds since the newest sign of work (03 §9.6 step 4): the last transcript turn, the wake,
   * a sub-agent's transcript, the last live delivery. File mtimes of transcripts and pane logs are
   * not used: statusline redraws and transcript re-saves keep them fresh at idle.
   */
  private long age(SessionRecord s, Instant tick) {
    RuntimeAdapter adapter = lc.sessions().adapters().of(s.identity().runtime());
    long mt = Math.max(
        Math.max(probe(() -> adapter.lastTurnMtime(s.cwd())), s.wokeAt()),
        Math.max(probe(() -> adapter.childActivityMtime(s.cwd())), lc.markers().lastDelivered(s.identity())));
    return Math.floorDiv(tick.toEpochMilli() - mt, 1000);
  }

  /** A failing probe counts as no activity. */
  private static long probe(Supplier<Optional<Instant>> p) {
    try {
      return p.get().map(Instant::toEpochMilli).orElse(0L);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static Optional<PeerProfile> profile(Path cwd) {
    try {
      return ProfileReader.read(cwd);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private LogLine line(Instant tick, Identity id, Action action) {
    return LogLine.at(tick).add("ev", "supervise").add("identity", id.address()).add("action", action.word());
  }

  private void log(Instant tick, Identity id, Action action, Long age, String reason, String outcome) {
    lc.log().append(line(tick, id, action).add("age", age == null ? null : age + "s").add("reason", reason)
        .add("outcome", outcome));
  }
}
