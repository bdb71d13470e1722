package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.runtime.Installed;
import io.iapeer.core.settings.Setting;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The specs of the two kinds of job iapeer defines (04 §4.2.2–§4.2.3): the router daemon and an
 * infra peer's held {@code run-infra} process. Both run the installed launcher and carry every
 * setting that is set in this environment (06 D16), so a job started by the service manager reads
 * the same tree, ports and knobs as the command that defined it.
 */
public final class ServiceSpecs {
  static final String DEFAULT_PATH = "%1$s/.local/bin:/usr/local/bin:/usr/bin:/bin";

  private ServiceSpecs() {}

  public static ServiceSpec daemon(Layout layout, Settings settings) {
    return new ServiceSpec(
        Labels.DAEMON,
        "iapeer router daemon",
        List.of(launcher(layout).toString(), "daemon"),
        layout.home(),
        baseEnv(layout, settings),
        layout.daemonStdoutLog(),
        layout.daemonStderrLog(),
        settings.serviceThrottle(),
        true);
  }

  public static ServiceSpec infra(Layout layout, Settings settings, Identity id, Path cwd) {
    String p = id.personality();
    String rt = id.runtime();
    if (!Runtimes.isInfra(rt)) {
      throw new IapException(
          "runtime \"" + rt + "\" is not an always-on infra runtime; no service definition generated");
    }
    TreeMap<String, String> env = baseEnv(layout, settings);
    env.put("PEER_PERSONALITY", p);
    env.put("PEER_RUNTIME", rt);
    env.put("PEER_IDENTITY", id.address());
    Runtimes.infraLauncherEnv(rt)
        .ifPresent(key -> infraBinary(layout, key, rt).ifPresent(b -> env.put(key, b)));
    Path logs = layout.peerLogDir(p);
    return new ServiceSpec(
        Labels.peer(p),
        "iapeer infra peer " + p + " (" + rt + ")",
        List.of(launcher(layout).toString(), "run-infra", p, rt),
        cwd,
        env,
        logs.resolve("service-stdout.log"),
        logs.resolve("service-stderr.log"),
        settings.serviceThrottle(),
        false);
  }

  /**
   * The launcher a job runs: the installed symlink when there is one (so a rollback or an update
   * changes what the next start runs), else the launcher this program was started from.
   */
  public static Path launcher(Layout layout) {
    Path installed = layout.installedLauncher();
    if (Files.isExecutable(installed)) {
      return installed;
    }
    return layout.runningLauncher()
        .orElseThrow(() -> new IapException(
            "no installed launcher at " + installed + " — run `iapeer install` first"));
  }

  private static TreeMap<String, String> baseEnv(Layout layout, Settings settings) {
    TreeMap<String, String> env = new TreeMap<>();
    env.put("HOME", layout.home().toString());
    env.put("PATH", layout.env().get("PATH").orElse(DEFAULT_PATH.formatted(layout.home())));
    env.put(Setting.IAPEER_PORT.name(), String.valueOf(settings.port()));
    for (Setting s : Setting.values()) {
      if (s != Setting.IAPEER_LAUNCHER) {
        layout.env().get(s.name()).ifPresent(v -> env.put(s.name(), v));
      }
    }
    layout.env().get("JAVA_HOME").ifPresent(v -> env.put("JAVA_HOME", v));
    return env;
  }

  /** {@code <RT>_RUNTIME_BIN}: set explicitly, else the launcher found on PATH; unresolved = omitted. */
  private static java.util.Optional<String> infraBinary(Layout layout, String key, String runtime) {
    return layout.env().get(key)
        .or(() -> Installed.which(layout, Runtimes.infraDefaultLauncher(runtime)).map(Path::toString));
  }
}
