package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.session.CommandRunner;
import io.iapeer.host.session.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which service manager this host has (04 §4.4): IAPEER_SERVICE_MANAGER when set; else launchd on
 * macOS, the systemd user manager on Linux when it answers, and the built-in supervisor otherwise
 * (typically a container whose PID 1 is not systemd).
 */
public final class ServiceManagers {
  /** Every launchctl/systemctl/loginctl call is bounded by this (04 §4.3.4). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /** How long the systemd user manager gets to answer before the host counts as without one. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  enum Kind {
    LAUNCHD, SYSTEMD, BUILTIN, NONE;

    String token() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What selection looks at on the host; a seam, so every branch is tested anywhere. */
  interface Probe {
    boolean macOs();

    boolean linux();

    /** {@code /run/systemd/system} exists: systemd is PID 1. */
    boolean systemdBooted();

    /** {@code systemctl --user show-environment} succeeds in time: the user manager runs. */
    boolean userManagerAnswers();
  }

  private ServiceManagers() {}

  public static ServiceManager select(Layout layout, Settings settings) {
    return select(layout, settings, new ProcessCommandRunner(CALL_TIMEOUT));
  }

  public static ServiceManager select(Layout layout, Settings settings, CommandRunner runner) {
    return create(choose(settings, hostProbe(layout)), layout, settings, runner);
  }

  static Kind choose(Settings settings, Probe probe) {
    Optional<String> forced = settings.serviceManager();
    if (forced.isPresent()) {
      return Arrays.stream(Kind.values())
          .filter(k -> k.token().equals(forced.get()))
          .findFirst()
          .orElseThrow(() -> new IapException("IAPEER_SERVICE_MANAGER=\"" + forced.get()
              + "\" is not a service manager — use launchd, systemd, builtin or none (or unset it)"));
    }
    if (probe.macOs()) {
      return Kind.LAUNCHD;
    }
    if (probe.linux() && probe.systemdBooted() && probe.userManagerAnswers()) {
      return Kind.SYSTEMD;
    }
    return Kind.BUILTIN;
  }

  static ServiceManager create(Kind kind, Layout layout, Settings settings, CommandRunner runner) {
    return switch (kind) {
      case LAUNCHD -> new LaunchdManager(layout, runner);
      case SYSTEMD -> new SystemdManager(layout, runner);
      case BUILTIN -> new BuiltinManager(layout, settings);
      case NONE -> new NoneManager(layout);
    };
  }

  /**
   * The real host. Under the sandbox systemctl is never run (04 §4.6): a booted systemd is then
   * taken to have a user manager, which picks what the host would most likely get.
   */
  private static Probe hostProbe(Layout layout) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    boolean sandbox = SandboxFlag.on(layout.env());
    return new Probe() {
      @Override
      public boolean macOs() {
        return os.startsWith("mac");
      }

      @Override
      public boolean linux() {
        return os.startsWith("linux");
      }

      @Override
      public boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
      }

      @Override
      public boolean userManagerAnswers() {
        if (sandbox) {
          return true;
        }
        CommandRunner probe = new ProcessCommandRunner(PROBE_TIMEOUT);
        return new SystemdManager(layout, probe).answers();
      }
    };
  }
}
