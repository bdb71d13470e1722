package io.iapeer.host.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Supervisor#runOnce} every period ({@code IAPEER_SUPERVISE_TICK_SECS}, 60 s) on one
 * daemon thread. A tick never starts while the previous one runs: the next is scheduled a period
 * after the last one ended. Goes create → start → stop; a tick that throws is reported and the
 * schedule continues.
 */
public final class SuperviseTick implements AutoCloseable {
  private final Supervisor supervisor;
  private final Duration period;
  private final java.util.function.Consumer<String> reports;
  private ScheduledExecutorService executor;

  public SuperviseTick(Supervisor supervisor, Duration period, java.util.function.Consumer<String> reports) {
    this.supervisor = supervisor;
    this.period = period;
    this.reports = reports;
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "iapeer-supervise");
      t.setDaemon(true);
      return t;
    });
    long ms = period.toMillis();
    executor.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Stops scheduling and waits for a running tick to end (bounded by {@code wait}). */
  public synchronized void stop(Duration wait) throws InterruptedException {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    executor = null;
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(10));
  }

  private void tick() {
    try {
      supervisor.runOnce();
    } catch (RuntimeException e) {
      reports.accept("supervise tick failed: " + e);
    }
  }
}
