package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.log.EventLog;
import io.iapeer.core.log.LogLine;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code iapeer service-host}, the built-in supervisor (04 §4.4, 06 D13): one per root, held by an
 * exclusive lock; it runs every enabled definition in the services dir, restarts each on any exit
 * after its throttle, reads the definitions again on SIGHUP, and on SIGTERM or SIGINT stops every
 * job and exits 0. Everything happens on one thread, woken by signals, job exits and deadlines.
 *
 * <p>Started detached by the manager, it exits by itself once it has nothing to run; in the
 * foreground (a container's entrypoint) it stays and also logs to stderr.
 */
public final class ServiceHost {
  private static final long LOG_MAX_BYTES = 5L << 20;
  private static final int LOG_KEEP = 5;
  /** How soon an idle host looks again when an operation held it back from exiting. */
  private static final Duration IDLE_RECHECK = Duration.ofSeconds(1);

  private sealed interface Event {}

  private record Rescan() implements Event {}

  private record Shutdown(String signal) implements Event {}

  private record Exited(String label, Job job, OptionalInt code) implements Event {}

  private final Layout layout;
  private final boolean foreground;
  private final PrintWriter err;
  private final EventLog log;
  private final Clock clock = Clock.systemUTC();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final ProcessJobs processes;
  private final Jobs jobs;
  private final Set<String> reported = new HashSet<>();

  private ServiceHost(Layout layout, Settings settings, boolean foreground, PrintWriter err, ProcessJobs processes) {
    this.layout = layout;
    this.foreground = foreground;
    this.err = err;
    this.log = new EventLog(layout.serviceHostLog(), LOG_MAX_BYTES, LOG_KEEP);
    this.processes = processes;
    this.jobs = new Jobs(clock, processes, new Journal(), settings.serviceStopTimeout());
  }

  /** The lock every manager operation and the host's idle exit take, so they never interleave. */
  public static Path controlLock(Layout layout) {
    return layout.daemonStateDir().resolve("service-host.control.lock");
  }

  /** The host's request file for a deliberate restart of {@code label}. */
  static Path cycleRequest(Layout layout, String label) {
    return layout.servicePidDir().resolve(label + ".cycle");
  }

  static Path jobPidFile(Layout layout, String label) {
    return layout.servicePidDir().resolve(label + ".pid");
  }

  /** Runs the host until a signal stops it (or, detached, until it has nothing to run); 0 then. */
  public static int run(Layout layout, Settings settings, boolean foreground, PrintWriter err) {
    BuiltinManager.sandboxRefusal(layout).ifPresent(why -> {
      throw new IapException("refusing to run the service host: " + why);
    });
    ProcessJobs processes =
        new ProcessJobs(ProcessJobs.findSetsid(layout.env().get("PATH").orElse("")), new Signals());
    FileLocks.Held lock;
    try {
      lock = FileLocks.acquire(layout.serviceHostLock(), Duration.ZERO, "busy");
    } catch (IapException e) {
      throw new IapException("another service host is running"
          + PidFile.read(layout.serviceHostPid()).map(p -> " (pid " + p + ")").orElse("")
          + " — it holds " + layout.serviceHostLock());
    }
    Optional<FileLocks.Held> control = Optional.empty();
    try {
      ServiceHost host = new ServiceHost(layout, settings, foreground, err, processes);
      control = host.serve();
      return 0;
    } finally {
      PidFile.read(layout.serviceHostPid())
          .filter(p -> p == ProcessHandle.current().pid())
          .ifPresent(p -> PidFile.delete(layout.serviceHostPid()));
      lock.close();
      // Last: a manager that gets the control lock now finds the host lock free and starts a new host.
      control.ifPresent(FileLocks.Held::close);
    }
  }

  /** The loop; returns the control lock when it exits idle, so it is released after the host lock. */
  private Optional<FileLocks.Held> serve() {
    // Before the pid file: a manager signals only a host that can take the signal.
    Signals.trap(List.of("HUP"), s -> events.add(new Rescan()));
    Signals.trap(List.of("TERM", "INT"), s -> events.add(new Shutdown(s)));
    PidFile.write(layout.serviceHostPid(), ProcessHandle.current().pid());
    log(line("host-start").add("pid", ProcessHandle.current().pid()).add("foreground", foreground)
        .add("services", layout.servicesDir()));
    adoptLeftovers();
    rescan();
    boolean stopping = false;
    Instant idleCheck = Instant.MIN;
    while (true) {
      jobs.tick();
      if (stopping && jobs.idle()) {
        log(line("host-exit").add("reason", "signal"));
        return Optional.empty();
      }
      boolean idle = !stopping && !foreground && jobs.idle();
      if (idle && !clock.instant().isBefore(idleCheck)) {
        Optional<FileLocks.Held> held = idleExit();
        if (held.isPresent()) {
          return held;
        }
        idleCheck = clock.instant().plus(IDLE_RECHECK);
      }
      switch (next(idle ? Optional.of(idleCheck) : jobs.nextDeadline())) {
        case null -> { }
        case Rescan r -> rescan();
        case Exited x -> jobs.exited(x.label(), x.job(), x.code());
        case Shutdown s -> {
          if (!stopping) {
            log(line("host-stop").add("signal", s.signal()));
            stopping = true;
            jobs.shutdown();
          }
        }
      }
    }
  }

  /** Waits for the next event until {@code deadline} (forever without one); null when it passed. */
  private Event next(Optional<Instant> deadline) {
    try {
      if (deadline.isEmpty()) {
        return events.take();
      }
      long ms = Duration.between(clock.instant(), deadline.get()).toMillis();
      return ms <= 0 ? events.poll() : events.poll(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Shutdown("interrupt");
    }
  }

  /**
   * Nothing to run: exit, unless a manager operation is under way (it holds the control lock and
   * may be about to enable something). The control lock stays held until the process is gone.
   */
  private Optional<FileLocks.Held> idleExit() {
    FileLocks.Held held;
    try {
      held = FileLocks.acquire(controlLock(layout), Duration.ZERO, "busy");
    } catch (IapException e) {
      return Optional.empty();
    }
    rescan();
    if (!jobs.idle()) {
      held.close();
      return Optional.empty();
    }
    log(line("host-exit").add("reason", "nothing-to-run"));
    return Optional.of(held);
  }

  /** Jobs a previous host started are still ours: supervised, not started twice. */
  private void adoptLeftovers() {
    for (Path f : files(layout.servicePidDir(), ".pid")) {
      String label = strip(f, ".pid");
      Optional<ProcessHandle> live = PidFile.live(f);
      if (live.isPresent()) {
        Job job = processes.adopt(live.get());
        jobs.adopt(label, job);
        watch(label, job);
        log(line("adopt").add("label", label).add("pid", job.pid()));
      } else {
        PidFile.delete(f);
      }
    }
    // a restart asked of the previous host is done: everything starts afresh now
    files(layout.servicePidDir(), ".cycle").forEach(PidFile::delete);
  }

  private void rescan() {
    Map<String, ServiceSpec> enabled = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    for (Path f : files(layout.servicesDir(), ".json")) {
      String label = strip(f, ".json");
      switch (BuiltinDefinition.read(f, label)) {
        case BuiltinDefinition.Valid v -> {
          if (v.enabled()) {
            enabled.put(label, v.spec());
          }
        }
        case BuiltinDefinition.Broken b -> {
          unknown.add(label);
          once("broken " + f + " " + b.why(), line("broken").add("path", f).add("why", b.why()));
        }
        case BuiltinDefinition.Foreign x ->
            once("foreign " + f, line("foreign").add("path", f).add("why", x.why()).add("action", "ignored"));
        case BuiltinDefinition.Absent a -> { }
      }
    }
    jobs.reconcile(enabled, unknown);
    for (Path f : files(layout.servicePidDir(), ".cycle")) {
      PidFile.delete(f);
      jobs.cycle(strip(f, ".cycle"));
    }
    log(line("rescan").add("enabled", enabled.size()));
  }

  /** A definition we cannot run is reported once, not at every rescan. */
  private void once(String key, LogLine l) {
    if (reported.add(key)) {
      log(l);
    }
  }

  private void watch(String label, Job job) {
    job.exit().thenAccept(code -> events.add(new Exited(label, job, code)));
  }

  private LogLine line(String ev) {
    return LogLine.at(clock.instant()).add("ev", ev);
  }

  private void log(LogLine l) {
    log.append(l);
    if (foreground) {
      err.println(l);
      err.flush();
    }
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String strip(Path f, String suffix) {
    String name = f.getFileName().toString();
    return name.substring(0, name.length() - suffix.length());
  }

  /** Pid files, exits and stops, as the log and the managers see them. */
  private final class Journal implements Jobs.Events {
    @Override
    public void started(String label, Job job) {
      PidFile.write(jobPidFile(layout, label), job.pid());
      watch(label, job);
      log(line("start").add("label", label).add("pid", job.pid()));
    }

    @Override
    public void startFailed(String label, String why, Instant retryAt) {
      log(line("start-failed").add("label", label).add("why", why).add("retry_in", secs(retryAt)));
    }

    @Override
    public void exited(String label, Job job, OptionalInt code, Optional<Instant> restartAt) {
      Path pid = jobPidFile(layout, label);
      PidFile.read(pid).filter(p -> p == job.pid()).ifPresent(p -> PidFile.delete(pid));
      // launchd's way: what the job left behind in its process group goes with it
      job.signal("KILL");
      log(line("exit").add("label", label).add("pid", job.pid())
          .add("code", code.isPresent() ? code.getAsInt() : null)
          .add("restart_in", restartAt.map(this::secs).orElse(null))
          .add("restart", restartAt.isEmpty() ? "no" : null));
    }

    @Override
    public void stopping(String label, Job job, Jobs.Why why, String signal) {
      log(line("stop").add("label", label).add("pid", job.pid()).add("why", why.token()).add("signal", signal));
    }

    private String secs(Instant t) {
      long ms = Math.max(0, Duration.between(clock.instant(), t).toMillis());
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
  }
}
