package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Setting;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link HostControl} on the real host: lock files, pid files, {@code setsid} and {@code kill}. */
final class SystemHostControl implements HostControl {
  /** An operation waits this long beyond the stop timeout for another one to finish. */
  private static final Duration CONTROL_WAIT = Duration.ofSeconds(60);

  private final Layout layout;
  private final Settings settings;
  private final Signals signals = new Signals();

  SystemHostControl(Layout layout, Settings settings) {
    this.layout = layout;
    this.settings = settings;
  }

  @Override
  public Optional<Long> host() {
    try (FileLocks.Held free = FileLocks.acquire(layout.serviceHostLock(), Duration.ZERO, "busy")) {
      return Optional.empty(); // nobody holds it, whatever the pid file says
    } catch (IapException busy) {
      return PidFile.live(layout.serviceHostPid()).map(ProcessHandle::pid);
    }
  }

  @Override
  public ProcessHandle spawnHost() {
    String setsid = ProcessJobs.findSetsid(layout.env().get("PATH").orElse("")).toString();
    String launcher = ServiceSpecs.launcher(layout).toString();
    Dirs.ensure(layout.serviceHostLog().getParent());
    ProcessBuilder pb = new ProcessBuilder(List.of(setsid, launcher, "service-host"))
        .directory(layout.home().toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(Redirect.appendTo(layout.serviceHostLog().toFile()))
        .redirectErrorStream(true);
    // The host reads the tree this manager reads; its launcher tells it where it lives itself.
    Map<String, String> env = new HashMap<>(layout.env().vars());
    env.remove(Setting.IAPEER_LAUNCHER.name());
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      return pb.start().toHandle();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the service host (" + launcher + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void rescan(long hostPid) {
    signals.send("HUP", hostPid);
  }

  @Override
  public Optional<Long> job(String label) {
    return PidFile.live(ServiceHost.jobPidFile(layout, label)).map(ProcessHandle::pid);
  }

  @Override
  public void requestCycle(String label) {
    AtomicFiles.write(ServiceHost.cycleRequest(layout, label), "", Modes.PRIVATE);
  }

  @Override
  public FileLocks.Held control() {
    return FileLocks.acquire(ServiceHost.controlLock(layout), settings.serviceStopTimeout().plus(CONTROL_WAIT),
        "another service operation is still running (" + ServiceHost.controlLock(layout) + "); retry");
  }

  @Override
  public void pause(Duration d) throws InterruptedException {
    Thread.sleep(d);
  }
}
