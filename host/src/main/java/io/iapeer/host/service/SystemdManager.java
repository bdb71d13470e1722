package io.iapeer.host.service;

import com.sun.security.auth.module.UnixSystem;
import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import io.iapeer.host.session.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The systemd user manager (04 §4.3): one {@code <label>.service} per job in the user unit
 * directory, driven with {@code systemctl --user}. A stop leaves the unit enabled, so the job
 * comes back at the next login or boot, as a LaunchAgent does.
 */
public final class SystemdManager implements ServiceManager {
  /** The states in which the manager is running the job or about to (auto-restart is activating). */
  private static final String DEACTIVATING = "deactivating";
  private static final Set<String> LISTED = Set.of("active", "activating", DEACTIVATING, "reloading");
  /** {@code systemctl stop} of a unit that is not loaded. */
  private static final int NOT_LOADED = 5;

  private final Layout layout;
  private final CommandRunner runner;
  private final Pacing pacing;
  private final Guard guard;
  private final Map<String, String> childEnv;

  public SystemdManager(Layout layout, CommandRunner runner) {
    this(layout, runner, Pacing.production(), SandboxFlag.on(layout.env()),
        childEnv(layout.env(), new UnixSystem().getUid(), Files::isDirectory));
  }

  SystemdManager(Layout layout, CommandRunner runner, Pacing pacing, boolean sandbox, Map<String, String> childEnv) {
    this.layout = layout;
    this.runner = runner;
    this.pacing = pacing;
    this.guard = new Guard(sandbox, "unit", SystemdUnit.MARKER + "=yes");
    this.childEnv = Map.copyOf(childEnv);
  }

  /**
   * The environment of {@code systemctl}/{@code loginctl}: the user bus is found through
   * XDG_RUNTIME_DIR, which a non-login shell (ssh command, cron) may lack (04 §4.3.4).
   */
  static Map<String, String> childEnv(Env env, long uid, Predicate<Path> isDirectory) {
    Map<String, String> vars = new HashMap<>(env.vars());
    Path runtimeDir = Path.of("/run/user", String.valueOf(uid));
    if (env.get("XDG_RUNTIME_DIR").isEmpty() && isDirectory.test(runtimeDir)) {
      vars.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    }
    return vars;
  }

  @Override
  public String name() {
    return "systemd";
  }

  @Override
  public Path definitionPath(String label) {
    return layout.systemdUserDir().resolve(unit(label));
  }

  @Override
  public String render(ServiceSpec spec) {
    return SystemdUnit.render(spec);
  }

  @Override
  public boolean isOwned(Path definition) {
    return SystemdUnit.isOwned(DefinitionFiles.markerText(definition));
  }

  /** Writes when changed, then has the manager reread its units; a failed reload throws. */
  @Override
  public boolean write(ServiceSpec spec) {
    Path path = definitionPath(spec.label());
    boolean written =
        DefinitionFiles.writeIfChanged(path, render(spec), this::isOwned, () -> foreign(spec.label(), path));
    DefinitionFiles.ensureLogDirs(layout, spec, guard.sandbox());
    if (written && !guard.sandbox()) {
      CommandRunner.Result reload = systemctl("daemon-reload");
      if (!reload.ok()) {
        throw new IapException(
            "wrote " + path + " but systemctl --user daemon-reload failed: " + reload.failure());
      }
    }
    return written;
  }

  @Override
  public boolean isLoaded(String label) {
    return !guard.sandbox() && listed(label);
  }

  @Override
  public ServiceResult bootstrap(String label) {
    return guard.run(this, label, () -> {
      // A unit still being stopped is waited for; past the budget systemd queues the start after the stop.
      pacing.stillAfterSettle(() -> activeState(label).equals(DEACTIVATING));
      if (running(label)) {
        return ServiceResult.of(State.ALREADY_LOADED);
      }
      return LoadAttempts.run(pacing, () -> running(label), () -> systemctl("enable", "--now", unit(label)));
    });
  }

  @Override
  public ServiceResult bootout(String label) {
    return guard.run(this, label, () -> stop(label));
  }

  @Override
  public ServiceResult cycle(String label) {
    String rescue = " — manual rescue: " + restartHint(label);
    return guard.run(this, label, () -> {
      if (!listed(label)) {
        return ServiceResult.of(State.NOT_LOADED);
      }
      CommandRunner.Result reload = systemctl("daemon-reload");
      if (!reload.ok()) {
        return ServiceResult.failed("systemctl --user daemon-reload failed: " + reload.failure() + rescue);
      }
      CommandRunner.Result restart = systemctl("restart", unit(label));
      if (!restart.ok()) {
        return ServiceResult.failed("systemctl --user restart failed: " + restart.failure() + rescue);
      }
      if (pacing.stillAfterSettle(() -> !activeState(label).equals("active"))) {
        return ServiceResult.failed(unit(label) + " not active " + pacing.settle().toSeconds()
            + " s after restart (" + activeState(label) + ")" + rescue);
      }
      return ServiceResult.of(State.RESTARTED);
    });
  }

  /** Teardown (04 §4.3.4): disable --now, delete, reload, and wait until the manager lets go. */
  @Override
  public ServiceResult remove(String label) {
    Path path = definitionPath(label);
    return guard.remove(this, label, () -> {
      boolean wasLoaded = listed(label);
      CommandRunner.Result disable = systemctl("disable", "--now", unit(label));
      if (!disable.ok()) {
        return ServiceResult.failed("systemctl --user disable --now failed: " + disable.failure() + "; unit kept");
      }
      DefinitionFiles.delete(path);
      CommandRunner.Result reload = systemctl("daemon-reload");
      if (!reload.ok()) {
        return ServiceResult.failed("unit removed, but systemctl --user daemon-reload failed: " + reload.failure());
      }
      if (pacing.stillAfterSettle(() -> listed(label))) {
        return ServiceResult.failed("unit removed, but " + unit(label) + " still runs "
            + pacing.settle().toSeconds() + " s later — run: systemctl --user stop " + unit(label));
      }
      return new ServiceResult(wasLoaded ? State.STOPPED : State.NOT_LOADED, "unit removed");
    });
  }

  @Override
  public String startHint(String label) {
    return "systemctl --user enable --now " + unit(label);
  }

  @Override
  public String restartHint(String label) {
    return "systemctl --user restart " + unit(label);
  }

  /**
   * Makes the user's services outlive their sessions (04 §4.3.5): without lingering they stop at
   * logout and start only at the next login. Never fatal; the caller prints the result.
   */
  public Linger linger(String user) {
    if (guard.sandbox()) {
      return new Linger(Linger.State.SKIPPED_SANDBOX, user);
    }
    CommandRunner.Result show = run("loginctl", "show-user", user, "-p", "Linger", "--value");
    if (show.ok() && show.out().strip().equals("yes")) {
      return new Linger(Linger.State.ALREADY, user);
    }
    boolean enabled = run("loginctl", "enable-linger", user).ok();
    return new Linger(enabled ? Linger.State.ENABLED : Linger.State.FAILED, user);
  }

  /** The user manager answers on its bus (04 §4.4 selection); never asked under the sandbox. */
  boolean answers() {
    return !guard.sandbox() && systemctl("show-environment").ok();
  }

  private ServiceResult stop(String label) {
    if (!listed(label)) {
      return ServiceResult.of(State.NOT_LOADED);
    }
    CommandRunner.Result out = systemctl("stop", unit(label));
    if (out.exit() == NOT_LOADED) {
      return ServiceResult.of(State.NOT_LOADED);
    }
    return out.ok() ? ServiceResult.of(State.STOPPED) : ServiceResult.failed("systemctl --user stop failed: "
        + out.failure());
  }

  private static String foreign(String label, Path path) {
    if (label.equals(Labels.DAEMON)) {
      return "refusing to overwrite " + path + ": " + Labels.DAEMON
          + " exists but is not foundation-managed (no " + SystemdUnit.MARKER + " marker) — another manager owns it";
    }
    return "refusing to overwrite systemd unit " + path + ": label " + label + " is not foundation-managed (no "
        + SystemdUnit.MARKER + " marker) — a persistent-peer or other manager owns it; rename the peer or move"
        + " that unit away";
  }

  private boolean listed(String label) {
    return LISTED.contains(activeState(label));
  }

  /** Listed and not on its way down. */
  private boolean running(String label) {
    String state = activeState(label);
    return LISTED.contains(state) && !state.equals(DEACTIVATING);
  }

  /** {@code active}, {@code inactive}, …; empty when systemctl could not answer. */
  private String activeState(String label) {
    CommandRunner.Result r = systemctl("show", "-p", "ActiveState", "--value", unit(label));
    return r.ok() ? r.out().strip() : "";
  }

  private CommandRunner.Result systemctl(String... args) {
    List<String> argv = new ArrayList<>(List.of("systemctl", "--user"));
    argv.addAll(List.of(args));
    return run(argv.toArray(String[]::new));
  }

  private CommandRunner.Result run(String... argv) {
    return runner.run(new CommandRunner.Command(List.of(argv), Optional.of(childEnv), ""));
  }

  private static String unit(String label) {
    return label + ".service";
  }

}
