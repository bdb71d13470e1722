package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Setting;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.service.ServiceResult.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in service manager (04 §4.4, 06 D13), for hosts without launchd or systemd: JSON
 * definitions in the services dir, run by one {@code iapeer service-host} per root, which this
 * class starts when an operation needs it and steers with SIGHUP. Loading a job is enabling its
 * definition; stopping it is disabling it.
 */
public final class BuiltinManager implements ServiceManager {
  /** How long a job may take to appear after a load, and to go after a stop beyond the stop timeout. */
  static final Duration JOB_WAIT = Duration.ofSeconds(10);
  /**
   * The first launcher call after a build or install trains the class cache first: 15 s here at a
   * load of 13 on 2 cores, over 30 s under more. The wait ends as soon as the host is up or gone.
   */
  static final Duration HOST_WAIT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Layout layout;
  private final Settings settings;
  private final HostControl control;
  private final Clock clock;

  public BuiltinManager(Layout layout, Settings settings) {
    this(layout, settings, new SystemHostControl(layout, settings), Clock.systemUTC());
  }

  BuiltinManager(Layout layout, Settings settings, HostControl control, Clock clock) {
    this.layout = layout;
    this.settings = settings;
    this.control = control;
    this.clock = clock;
  }

  /**
   * Why this layout must not run a real supervisor, if it must not (04 §4.6). Under
   * IAPEER_TEST_SANDBOX=1 (in this environment or the process's) nothing runs, unless the test asks
   * for it with IAPEER_TEST_SUPERVISOR=1 and is confined: its own IAPEER_ROOT, neither the real
   * {@code ~/.iapeer} nor inside or around it, with the services dir inside that root. Everything the
   * supervisor touches then lives under that root — its lock, its pid, the definitions, the job pid
   * files — and a pid is only ever signalled after the host of that root published it, so a test
   * can start and signal only its own supervisor, never anything of the real {@code ~/.iapeer}.
   */
  public static Optional<String> sandboxRefusal(Layout layout) {
    if (!sandbox(layout)) {
      return Optional.empty();
    }
    if (!new Settings(layout.env()).testSupervisor()) {
      return Optional.of("IAPEER_TEST_SANDBOX=1 and no IAPEER_TEST_SUPERVISOR=1");
    }
    Path root = layout.root().toAbsolutePath().normalize();
    boolean real = realRoots(layout).stream().anyMatch(r -> root.startsWith(r) || r.startsWith(root));
    if (!layout.explicitRoot() || real) {
      return Optional.of("IAPEER_TEST_SUPERVISOR=1 needs IAPEER_ROOT set to a root of the test's own, not " + root);
    }
    if (!layout.servicesDir().toAbsolutePath().normalize().startsWith(root)) {
      return Optional.of("IAPEER_TEST_SUPERVISOR=1 needs the services dir inside IAPEER_ROOT (" + root + ")");
    }
    return Optional.empty();
  }

  private static boolean sandbox(Layout layout) {
    String flag = Setting.IAPEER_TEST_SANDBOX.name();
    return layout.env().isTrue(flag) || Env.system().isTrue(flag);
  }

  /** The real {@code ~/.iapeer}: of $HOME, and of the account's home whatever HOME says. */
  private static List<Path> realRoots(Layout layout) {
    List<Path> roots = new ArrayList<>(List.of(layout.home().resolve(".iapeer")));
    Optional.ofNullable(System.getProperty("user.home")).ifPresent(h -> roots.add(Path.of(h, ".iapeer")));
    return roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Under the sandbox no definition is written into, or deleted from, a real {@code ~/.iapeer} (01 §14.6). */
  private void checkWritable() {
    Path dir = layout.servicesDir().toAbsolutePath().normalize();
    if (sandbox(layout) && realRoots(layout).stream().anyMatch(dir::startsWith)) {
      throw new IapException("refusing to change the REAL service definitions in " + dir
          + " under IAPEER_TEST_SANDBOX=1 — a test must set IAPEER_ROOT to a path of its own");
    }
  }

  @Override
  public String name() {
    return "builtin";
  }

  @Override
  public Path definitionPath(String label) {
    return layout.servicesDir().resolve(label + ".json");
  }

  /** The definition as {@link #write} creates it: disabled until a bootstrap enables it. */
  @Override
  public String render(ServiceSpec spec) {
    return BuiltinDefinition.render(spec, false);
  }

  @Override
  public boolean isOwned(Path definition) {
    return switch (BuiltinDefinition.read(definition, label(definition))) {
      case BuiltinDefinition.Valid v -> true;
      case BuiltinDefinition.Broken b -> true;
      default -> false;
    };
  }

  /** Keeps whether the job is enabled: rewriting a loaded job's definition does not stop it. */
  @Override
  public boolean write(ServiceSpec spec) {
    checkWritable();
    Path path = definitionPath(spec.label());
    boolean enabled = switch (BuiltinDefinition.read(path, spec.label())) {
      case BuiltinDefinition.Foreign f ->
          throw new ForeignDefinition(refusal("overwrite", path, spec.label(), f.why()));
      case BuiltinDefinition.Valid v -> v.enabled();
      case BuiltinDefinition.Broken b -> b.raw().path("enabled").asBoolean(false);
      case BuiltinDefinition.Absent a -> false;
    };
    return writeIfChanged(path, BuiltinDefinition.render(spec, enabled));
  }

  @Override
  public boolean isLoaded(String label) {
    if (control.job(label).isPresent()) {
      return true;
    }
    if (sandboxRefusal(layout).isPresent()) {
      return false; // asking whether a host runs takes its lock for a moment: not for a sandbox to do
    }
    // enabled with a host running: between two starts of a job that keeps exiting
    return BuiltinDefinition.read(definitionPath(label), label) instanceof BuiltinDefinition.Valid v
        && v.enabled() && control.host().isPresent();
  }

  @Override
  public ServiceResult bootstrap(String label) {
    Path path = definitionPath(label);
    switch (BuiltinDefinition.read(path, label)) {
      case BuiltinDefinition.Absent a -> {
        return ServiceResult.failed("no service definition at " + path + " — write it first");
      }
      case BuiltinDefinition.Foreign f -> {
        return foreign("load", path, label, f);
      }
      case BuiltinDefinition.Broken b -> {
        return ServiceResult.failed("cannot run " + path + ": " + b.why());
      }
      case BuiltinDefinition.Valid v -> {
        Optional<ServiceResult> sandboxed = sandboxed();
        if (sandboxed.isPresent()) {
          return sandboxed.get();
        }
        try (FileLocks.Held held = control.control()) {
          return load(label, path, v.enabled());
        }
      }
    }
  }

  private ServiceResult load(String label, Path path, boolean enabled) {
    Optional<Long> before = control.job(label);
    if (enabled && before.isPresent()) {
      // a job whose host died runs unwatched: a new host adopts it
      Optional<ServiceResult> host = control.host().isPresent() ? Optional.empty() : steer();
      return host.orElse(new ServiceResult(State.ALREADY_LOADED, "pid " + before.get()));
    }
    if (before.isPresent()) {
      // disabled and still running: being stopped, or left by a dead host (a new one adopts and stops
      // it); it goes first, so its pid is not taken for the new one's
      Optional<ServiceResult> host = steer();
      if (host.isPresent()) {
        return host.get();
      }
      if (!waitFor(() -> control.job(label).isEmpty(), settings.serviceStopTimeout().plus(JOB_WAIT))) {
        return ServiceResult.failed(label + " is still stopping (pid " + before.get() + ")");
      }
    }
    setEnabled(path, true);
    Optional<ServiceResult> host = steer();
    if (host.isPresent()) {
      return host.get();
    }
    Optional<Long> started = waitForJob(label, p -> true, JOB_WAIT);
    if (started.isEmpty()) {
      return ServiceResult.failed(label + " did not start within " + JOB_WAIT.toSeconds() + " s — see "
          + layout.serviceHostLog() + stderrOf(path));
    }
    return new ServiceResult(State.LOADED, "pid " + started.get());
  }

  @Override
  public ServiceResult bootout(String label) {
    Path path = definitionPath(label);
    return switch (BuiltinDefinition.read(path, label)) {
      case BuiltinDefinition.Absent a -> ServiceResult.of(State.NOT_LOADED);
      case BuiltinDefinition.Foreign f -> foreign("stop", path, label, f);
      default -> sandboxed().orElseGet(() -> {
        try (FileLocks.Held held = control.control()) {
          return unload(label, path);
        }
      });
    };
  }

  private ServiceResult unload(String label, Path path) {
    boolean wasLoaded = isLoaded(label);
    setEnabled(path, false);
    Optional<Long> pid = control.job(label);
    if (pid.isPresent()) {
      // a job whose host died is stopped by the next host, which adopts it and finds it disabled
      Optional<ServiceResult> host = steer();
      if (host.isPresent()) {
        return host.get();
      }
      Duration budget = settings.serviceStopTimeout().plus(JOB_WAIT);
      if (!waitFor(() -> control.job(label).isEmpty(), budget)) {
        return ServiceResult.failed(label + " (pid " + pid.get() + ") still runs " + budget.toSeconds()
            + " s after the stop — see " + layout.serviceHostLog());
      }
    } else {
      control.host().ifPresent(control::rescan); // drops a restart it was waiting to make
    }
    return ServiceResult.of(wasLoaded ? State.STOPPED : State.NOT_LOADED);
  }

  @Override
  public ServiceResult cycle(String label) {
    Path path = definitionPath(label);
    return switch (BuiltinDefinition.read(path, label)) {
      case BuiltinDefinition.Absent a -> ServiceResult.of(State.NOT_LOADED);
      case BuiltinDefinition.Foreign f -> foreign("restart", path, label, f);
      case BuiltinDefinition.Broken b -> ServiceResult.failed("cannot run " + path + ": " + b.why());
      case BuiltinDefinition.Valid v -> sandboxed().orElseGet(() -> {
        try (FileLocks.Held held = control.control()) {
          return restart(label);
        }
      });
    };
  }

  private ServiceResult restart(String label) {
    if (!isLoaded(label)) {
      return ServiceResult.of(State.NOT_LOADED);
    }
    Optional<Long> before = control.job(label);
    control.requestCycle(label);
    Optional<ServiceResult> host = steer();
    if (host.isPresent()) {
      return host.get();
    }
    Optional<Long> restarted = waitForJob(
        label, p -> !before.equals(Optional.of(p)), settings.serviceStopTimeout().plus(JOB_WAIT));
    return restarted.isPresent()
        ? new ServiceResult(State.RESTARTED, "pid " + restarted.get())
        : ServiceResult.failed(label + " did not come back — see " + layout.serviceHostLog()
            + "; restart it by hand: " + restartHint(label));
  }

  @Override
  public ServiceResult remove(String label) {
    Path path = definitionPath(label);
    switch (BuiltinDefinition.read(path, label)) {
      case BuiltinDefinition.Absent a -> {
        return ServiceResult.of(State.NOT_LOADED);
      }
      case BuiltinDefinition.Foreign f -> {
        return foreign("delete", path, label, f);
      }
      default -> { }
    }
    Optional<ServiceResult> sandboxed = sandboxed();
    if (sandboxed.isPresent()) {
      checkWritable();
      delete(path); // 04 §4.6: the file goes, nothing is stopped
      return new ServiceResult(State.SKIPPED_SANDBOX, "removed " + path + "; nothing was stopped");
    }
    try (FileLocks.Held held = control.control()) {
      ServiceResult r = unload(label, path);
      if (r.failed()) {
        return r; // kept, disabled: the host still stops it, and a rerun removes it
      }
      delete(path);
      return new ServiceResult(r.state(), "removed " + path);
    }
  }

  @Override
  public String startHint(String label) {
    return Labels.personality(label).map(p -> "iapeer start " + p).orElse("iapeer onboard");
  }

  /** Killing the job is enough: the service host starts it again. */
  @Override
  public String restartHint(String label) {
    return "kill $(cat " + ServiceHost.jobPidFile(layout, label) + ")";
  }

  private Optional<ServiceResult> sandboxed() {
    return sandboxRefusal(layout).map(why -> new ServiceResult(State.SKIPPED_SANDBOX, why));
  }

  /** Makes sure a host runs, then has it read the definitions; a result only when that failed. */
  private Optional<ServiceResult> steer() {
    Optional<Long> host = control.host();
    if (host.isEmpty()) {
      ProcessHandle spawned;
      try {
        spawned = control.spawnHost();
      } catch (IapException | UncheckedIOException e) {
        return Optional.of(ServiceResult.failed(e.getMessage())); // no launcher, no setsid
      }
      boolean settled = waitFor(() -> control.host().isPresent() || !spawned.isAlive(), HOST_WAIT);
      host = control.host();
      if (host.isEmpty()) {
        String what = settled ? "exited at once" : "did not come up within " + HOST_WAIT.toSeconds() + " s";
        return Optional.of(ServiceResult.failed("the service host " + what + " — see " + layout.serviceHostLog()));
      }
    }
    control.rescan(host.get());
    return Optional.empty();
  }

  /**
   * The pid of the label's job once one that {@code wanted} shows up, as seen then: a job that
   * dies at once (a broken launcher) may be gone by a second look.
   */
  private Optional<Long> waitForJob(String label, LongPredicate wanted, Duration budget) {
    AtomicReference<Optional<Long>> seen = new AtomicReference<>();
    boolean found = waitFor(() -> {
      seen.set(control.job(label).filter(wanted::test));
      return seen.get().isPresent();
    }, budget);
    return found ? seen.get() : Optional.empty();
  }

  private boolean waitFor(java.util.function.BooleanSupplier done, Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    while (!done.getAsBoolean()) {
      if (!clock.instant().isBefore(deadline)) {
        return false;
      }
      try {
        control.pause(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Flips {@code "enabled"} in place, so every other byte of the definition stays as it was. */
  private void setEnabled(Path path, boolean enabled) {
    ObjectNode raw = switch (BuiltinDefinition.read(path, label(path))) {
      case BuiltinDefinition.Valid v -> v.raw();
      case BuiltinDefinition.Broken b -> b.raw();
      default -> throw new IllegalStateException(path + " is not ours to change");
    };
    raw.put("enabled", enabled);
    writeIfChanged(path, Json.pretty(raw));
  }

  private static boolean writeIfChanged(Path path, String text) {
    try {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (Files.exists(path) && Arrays.equals(Files.readAllBytes(path), bytes)) {
        return false; // byte-identical: nothing to do (04 §4.2.2)
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(path, text, Modes.PRIVATE);
    return true;
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  private static String stderrOf(Path path) {
    return BuiltinDefinition.read(path, label(path)) instanceof BuiltinDefinition.Valid v
        ? " and " + v.spec().stderr()
        : "";
  }

  private static String label(Path definition) {
    String name = definition.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
  }

  /** The collision guard's message (04 §4.2.2–§4.2.3), naming the file and what to do. */
  static String refusal(String verb, Path path, String label, String why) {
    String owner = Labels.personality(label)
        .map(p -> " — another manager owns it; rename the peer or move that file away")
        .orElse(" — another manager owns it");
    return "refusing to " + verb + " " + path + ": " + label + " exists but is not iapeer-managed (" + why + ")"
        + owner;
  }

  private static ServiceResult foreign(String verb, Path path, String label, BuiltinDefinition.Foreign f) {
    return new ServiceResult(State.REFUSED_FOREIGN, refusal(verb, path, label, f.why()));
  }
}
