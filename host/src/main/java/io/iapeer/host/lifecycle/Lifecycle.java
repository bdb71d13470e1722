package io.iapeer.host.lifecycle;

import io.iapeer.core.log.EventLog;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.session.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lifecycle wired from one layout: the session layer it drives, the markers, the topic sets,
 * lifecycle.log, the registry (read afresh by every wake), the clock and which peers a service
 * manager keeps. The daemon builds one and keeps it; a CLI verb builds one per run.
 *
 * @param reports one-line notes nobody waits for: garbage in a marker, a marker that could not be
 *     written after a successful launch
 */
public record Lifecycle(
    Layout layout,
    Settings settings,
    Sessions sessions,
    Clock clock,
    ManagedPeers managed,
    Consumer<String> reports,
    Markers markers,
    Topics topics,
    EventLog log,
    Registry registry) {

  public static Lifecycle of(
      Layout layout,
      Settings settings,
      Sessions sessions,
      Clock clock,
      ManagedPeers managed,
      Consumer<String> reports) {
    return new Lifecycle(layout, settings, sessions, clock, managed, reports,
        new Markers(layout, clock, reports), new Topics(layout), LifecycleLog.open(layout, settings),
        new Registry(layout, reports));
  }

  /** The host's own tmux sessions, the system clock, the host's service manager (06 D3). */
  public static Lifecycle of(Layout layout, Settings settings, Consumer<String> reports) {
    return of(layout, settings, Sessions.of(layout, settings), Clock.systemUTC(),
        ManagedPeers.of(layout, settings), reports);
  }

  /** A delivery may hold the lock for a whole launch; a wake waits at most that long for it. */
  Duration deliveryLockWait() {
    return settings.bootDeadline().plus(settings.readyGate());
  }

  public SupervisePass supervisePass() {
    return new SupervisePass(this);
  }

  /** The wake, with a supervise pass of the woken peer before each (03 §9.2 step 1). */
  public Waker waker() {
    SupervisePass pass = supervisePass();
    return new Waker(this, pass::runFor);
  }

  public EphemeralQueue queue() {
    return new EphemeralQueue(layout, reports);
  }

  public Supervisor supervisor() {
    return new Supervisor(this, supervisePass(), waker());
  }
}
