package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The daemon's owner of {@link Supervisor}: runs a tick every period ({@code
 * IAPEER_SUPERVISE_TICK_SECS}, 60 s) on one thread — the next starts a period after the last one
 * ended, so ticks never overlap — and drains a worker's queue at once when the router kicks it.
 * Goes create → start → stop; a tick that throws is reported and the schedule goes on.
 */
public final class SuperviseTick implements AutoCloseable {
  private final Supervisor supervisor;
  private final Duration period;
  private final Consumer<String> reports;
  private ScheduledExecutorService ticks;
  private ExecutorService kicks;

  public SuperviseTick(Supervisor supervisor, Duration period, Consumer<String> reports) {
    this.supervisor = supervisor;
    this.period = period;
    this.reports = reports;
  }

  public synchronized void start() {
    if (ticks != null) {
      return;
    }
    ticks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "iapeer-supervise"));
    // drains may wait a whole launch: never behind a tick, never several for one worker at once
    kicks = Executors.newSingleThreadExecutor(r -> daemon(r, "iapeer-ephemeral-drain"));
    long ms = period.toMillis();
    ticks.scheduleWithFixedDelay(() -> guarded(supervisor::runOnce), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** The router queued a task for {@code worker}: drain it now rather than on the next tick (02 §9.5). */
  public synchronized void kick(Identity worker) {
    if (kicks == null) {
      return; // not started, or stopping: the next tick drains
    }
    try {
      kicks.execute(() -> guarded(() -> supervisor.drain(worker)));
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  /** Stops scheduling, interrupts a running tick or drain and waits up to 10 s for it to end. */
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.shutdownNow();
    kicks.shutdownNow();
    try {
      ticks.awaitTermination(10, TimeUnit.SECONDS);
      kicks.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticks = null;
    kicks = null;
  }

  @Override
  public void close() {
    stop();
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      reports.accept("supervise tick failed: " + e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
