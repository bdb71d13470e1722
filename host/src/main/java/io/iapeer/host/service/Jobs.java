package io.iapeer.host.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the built-in supervisor decides (04 §4.4): which job starts now, which restarts when, which
 * is stopped and how hard. Always-on: a job restarts after any exit, exit 0 included, but never
 * sooner than its throttle after its last start; a deliberate cycle skips the throttle. A stop is
 * SIGTERM to the job's process group, then SIGKILL once the stop timeout has passed.
 *
 * <p>Single-threaded: the service host calls it from its one loop, and reports each exit back
 * through {@link #exited}. Time comes from the clock, processes from the {@link Starter}.
 */
public final class Jobs {
  /** Starts one process of a spec. */
  @FunctionalInterface
  public interface Starter {
    Job start(ServiceSpec spec) throws IOException;
  }

  /** What happened, for the log and the pid files. */
  public interface Events {
    void started(String label, Job job);

    void startFailed(String label, String why, Instant retryAt);

    /** @param restartAt when the job runs again; empty when it is not wanted any more */
    void exited(String label, Job job, OptionalInt code, Optional<Instant> restartAt);

    void stopping(String label, Job job, Why why, String signal);
  }

  /** Why a job is being stopped. */
  public enum Why {
    DISABLED("disabled"),
    CYCLE("cycle"),
    SHUTDOWN("shutdown");

    private final String token;

    Why(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }

  /** One label's process: running, being stopped, or waiting for its next start. */
  private static final class Slot {
    Job job;
    Instant lastStart = Instant.MIN;
    Instant due;
    Why stopping;
    Instant killAt;
    boolean killed;
    boolean restartNow;
  }

  private final Clock clock;
  private final Starter starter;
  private final Events events;
  private final Duration stopTimeout;
  private final Map<String, ServiceSpec> wanted = new TreeMap<>();
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private boolean shuttingDown;

  public Jobs(Clock clock, Starter starter, Events events, Duration stopTimeout) {
    this.clock = clock;
    this.starter = starter;
    this.events = events;
    this.stopTimeout = stopTimeout;
  }

  /** A job a previous host left running: supervised from now on as if it had just started. */
  public void adopt(String label, Job job) {
    Slot s = new Slot();
    s.job = job;
    s.lastStart = clock.instant();
    slots.put(label, s);
  }

  /**
   * The definitions as they are now: {@code enabled} should run, every other label should not,
   * except the {@code unknown} ones (a definition of ours that cannot be read), which stay as they
   * are until it can be read again.
   */
  public void reconcile(Map<String, ServiceSpec> enabled, Set<String> unknown) {
    Map<String, ServiceSpec> next = new HashMap<>(enabled);
    unknown.forEach(label -> Optional.ofNullable(wanted.get(label)).ifPresent(spec -> next.put(label, spec)));
    wanted.clear();
    wanted.putAll(next);
    Instant now = clock.instant();
    for (var it = slots.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Slot s = e.getValue();
      boolean want = wanted.containsKey(e.getKey()) || unknown.contains(e.getKey());
      if (s.job == null && !want) {
        it.remove();
      } else if (s.job != null && !want && s.stopping == null) {
        stop(e.getKey(), s, Why.DISABLED);
      } else if (s.job != null && wanted.containsKey(e.getKey()) && s.stopping == Why.DISABLED) {
        s.restartNow = true; // enabled again while it was being stopped: back at once
      }
    }
    for (String label : wanted.keySet()) {
      if (!slots.containsKey(label)) {
        Slot s = new Slot();
        s.due = now;
        slots.put(label, s);
      }
    }
  }

  /** A deliberate restart: stop the job and start it again at once, throttle or not. */
  public void cycle(String label) {
    Slot s = slots.get(label);
    if (s == null || !wanted.containsKey(label)) {
      return;
    }
    if (s.job == null) {
      s.due = clock.instant();
    } else if (s.stopping == null) {
      s.restartNow = true;
      stop(label, s, Why.CYCLE);
    } else {
      s.restartNow = true;
    }
  }

  /** The process of {@code job} is gone. */
  public void exited(String label, Job job, OptionalInt code) {
    Slot s = slots.get(label);
    if (s == null || s.job != job) {
      return;
    }
    s.job = null;
    s.stopping = null;
    s.killed = false;
    Instant now = clock.instant();
    if (shuttingDown || !wanted.containsKey(label)) {
      slots.remove(label);
      events.exited(label, job, code, Optional.empty());
      return;
    }
    Instant floor = s.lastStart.plus(wanted.get(label).throttle());
    s.due = s.restartNow || floor.isBefore(now) ? now : floor;
    s.restartNow = false;
    events.exited(label, job, code, Optional.of(s.due));
  }

  /** Starts every job that is due and escalates every stop that has run out of time. */
  public void tick() {
    Instant now = clock.instant();
    for (var e : slots.entrySet()) {
      String label = e.getKey();
      Slot s = e.getValue();
      if (s.job == null && s.due != null && !s.due.isAfter(now) && !shuttingDown && wanted.containsKey(label)) {
        start(label, s, now);
      } else if (s.job != null && s.stopping != null && !s.killed && !s.killAt.isAfter(now)) {
        s.killed = true;
        events.stopping(label, s.job, s.stopping, "KILL");
        s.job.signal("KILL");
      }
    }
  }

  private void start(String label, Slot s, Instant now) {
    ServiceSpec spec = wanted.get(label);
    s.lastStart = now;
    s.due = null;
    try {
      s.job = starter.start(spec);
      events.started(label, s.job);
    } catch (IOException | RuntimeException e) {
      s.due = now.plus(spec.throttle());
      events.startFailed(label, String.valueOf(e.getMessage()), s.due);
    }
  }

  private void stop(String label, Slot s, Why why) {
    s.stopping = why;
    s.killAt = clock.instant().plus(stopTimeout);
    s.killed = false;
    events.stopping(label, s.job, why, "TERM");
    s.job.signal("TERM");
  }

  /** When {@link #tick} has something to do next; empty when only an exit or a signal can change things. */
  public Optional<Instant> nextDeadline() {
    Optional<Instant> next = Optional.empty();
    for (Slot s : slots.values()) {
      Instant t = null;
      if (s.job == null && s.due != null && !shuttingDown) {
        t = s.due;
      } else if (s.job != null && s.stopping != null && !s.killed) {
        t = s.killAt;
      }
      if (t != null && next.map(t::isBefore).orElse(true)) {
        next = Optional.of(t);
      }
    }
    return next;
  }

  /** Stops every job for good; {@link #idle} tells when the last one is gone. */
  public void shutdown() {
    shuttingDown = true;
    for (var it = slots.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Slot s = e.getValue();
      if (s.job == null) {
        it.remove();
      } else if (s.stopping == null) {
        stop(e.getKey(), s, Why.SHUTDOWN);
      } else {
        s.restartNow = false;
      }
    }
  }

  /** No process runs and none waits to start. */
  public boolean idle() {
    return slots.isEmpty();
  }

  /** The pid of a label's running job. */
  public Optional<Long> pid(String label) {
    return Optional.ofNullable(slots.get(label)).map(s -> s.job).map(Job::pid);
  }
}
