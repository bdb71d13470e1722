package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import io.iapeer.host.session.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * macOS launchd (04 §4.2): one property list per label in the LaunchAgents directory, loaded into
 * the user's GUI domain. A job just booted out dismantles asynchronously, so a load first waits for
 * it to go; a restart is bootout then bootstrap, never kickstart (after a binary swap a kickstarted
 * job can stay pinned to the old binary's launch constraint and crash-loop with EX_CONFIG).
 */
public final class LaunchdManager implements ServiceManager {
  private final Layout layout;
  private final CommandRunner runner;
  private final Pacing pacing;
  private final Guard guard;
  private String uid;

  public LaunchdManager(Layout layout, CommandRunner runner) {
    this(layout, runner, Pacing.production(), SandboxFlag.on(layout.env()));
  }

  LaunchdManager(Layout layout, CommandRunner runner, Pacing pacing, boolean sandbox) {
    this.layout = layout;
    this.runner = runner;
    this.pacing = pacing;
    this.guard = new Guard(sandbox, "plist", "the " + Plist.SENTINEL + " sentinel key");
  }

  @Override
  public String name() {
    return "launchd";
  }

  @Override
  public Path definitionPath(String label) {
    return layout.launchAgentsDir().resolve(label + ".plist");
  }

  @Override
  public String render(ServiceSpec spec) {
    return Plist.render(spec);
  }

  @Override
  public boolean isOwned(Path definition) {
    return Plist.isOwned(DefinitionFiles.markerText(definition));
  }

  @Override
  public boolean write(ServiceSpec spec) {
    Path path = definitionPath(spec.label());
    boolean written =
        DefinitionFiles.writeIfChanged(path, render(spec), this::isOwned, () -> foreign(spec.label(), path));
    DefinitionFiles.ensureLogDirs(layout, spec, guard.sandbox());
    return written;
  }

  @Override
  public boolean isLoaded(String label) {
    return !guard.sandbox() && listed(label);
  }

  /** Idempotent (04 §4.2.4): a job still listed after the settle budget is genuinely live. */
  @Override
  public ServiceResult bootstrap(String label) {
    return guard.run(this, label, () -> pacing.stillAfterSettle(() -> listed(label))
        ? ServiceResult.of(State.ALREADY_LOADED)
        : load(label));
  }

  @Override
  public ServiceResult bootout(String label) {
    return guard.run(this, label, () -> stop(label));
  }

  /** Bootout, wait for the job to go, bootstrap (04 §4.2.5). */
  @Override
  public ServiceResult cycle(String label) {
    Path plist = definitionPath(label);
    return guard.run(this, label, () -> {
      if (!listed(label)) {
        return ServiceResult.of(State.NOT_LOADED);
      }
      CommandRunner.Result out = launchctl("bootout", target(label));
      if (!out.ok()) {
        return ServiceResult.failed("launchctl bootout failed: " + out.failure());
      }
      if (pacing.stillAfterSettle(() -> listed(label))) {
        return ServiceResult.failed("job never unloaded after bootout (undead beyond budget) — manual rescue: "
            + "launchctl bootout " + target(label) + " && launchctl bootstrap " + domain() + " " + plist);
      }
      ServiceResult loaded = load(label);
      return loaded.failed()
          ? ServiceResult.failed(loaded.detail() + " — manual rescue: launchctl bootstrap " + domain() + " " + plist)
          : ServiceResult.of(State.RESTARTED);
    });
  }

  /** Bootout and delete; a job that will not go keeps its plist, so it can still be managed. */
  @Override
  public ServiceResult remove(String label) {
    Path plist = definitionPath(label);
    return guard.remove(this, label, () -> {
      ServiceResult stopped = stop(label);
      if (stopped.failed()) {
        return ServiceResult.failed(stopped.detail() + "; plist kept");
      }
      DefinitionFiles.delete(plist);
      return new ServiceResult(stopped.state(), "plist removed");
    });
  }

  @Override
  public String startHint(String label) {
    return "launchctl bootstrap gui/$(id -u) " + definitionPath(label);
  }

  /** For people only: kickstart is never what iapeer itself runs. */
  @Override
  public String restartHint(String label) {
    return "launchctl kickstart -k gui/$(id -u)/" + label;
  }

  /** Bootout and wait for the job to go; a job that is not loaded is benign. */
  private ServiceResult stop(String label) throws InterruptedException {
    if (!listed(label)) {
      return ServiceResult.of(State.NOT_LOADED);
    }
    CommandRunner.Result out = launchctl("bootout", target(label));
    if (!out.ok()) {
      // It may have gone by itself between the look and the bootout.
      return listed(label)
          ? ServiceResult.failed("launchctl bootout failed: " + out.failure())
          : ServiceResult.of(State.NOT_LOADED);
    }
    if (pacing.stillAfterSettle(() -> listed(label))) {
      return ServiceResult.failed("job still listed " + pacing.settle().toSeconds() + " s after launchctl bootout");
    }
    return ServiceResult.of(State.STOPPED);
  }

  private ServiceResult load(String label) throws InterruptedException {
    String plist = definitionPath(label).toString();
    return LoadAttempts.run(pacing, () -> listed(label), () -> launchctl("bootstrap", domain(), plist));
  }

  private static String foreign(String label, Path path) {
    if (label.equals(Labels.DAEMON)) {
      return "refusing to overwrite " + path + ": " + Labels.DAEMON
          + " exists but is not foundation-managed (no ownership sentinel) — another manager owns it";
    }
    return "refusing to overwrite launchd plist " + path + ": label " + label
        + " is not foundation-managed (no ownership sentinel " + Plist.SENTINEL + ") — a persistent-peer or"
        + " other manager owns it; rename the peer or move that plist away";
  }

  /** Listed = {@code launchctl print} knows the job, in whatever state. */
  private boolean listed(String label) {
    return launchctl("print", target(label)).ok();
  }

  private CommandRunner.Result launchctl(String... args) {
    List<String> argv = new ArrayList<>(List.of("launchctl"));
    argv.addAll(List.of(args));
    return runner.run(CommandRunner.Command.of(argv));
  }

  private String target(String label) {
    return domain() + "/" + label;
  }

  private String domain() {
    return "gui/" + uid();
  }

  /** The uid from {@code id -u}, never a default: uid 0 would aim launchctl at root's domain. */
  private String uid() {
    if (uid == null) {
      String out = runner.run(CommandRunner.Command.of(List.of("id", "-u"))).out().strip();
      if (!out.matches("\\d+")) {
        throw new IapException(
            "cannot resolve the current uid (id -u failed) — refusing to target launchctl at an unknown domain");
      }
      uid = out;
    }
    return uid;
  }
}
