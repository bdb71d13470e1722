package io.iapeer.core.storage;

import com.sun.security.auth.module.UnixSystem;
import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Setting;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every host-level path iapeer touches, resolved once from the environment (01 §7, 06 D7). Nothing
 * else reads HOME or IAPEER_ROOT.
 */
public record Layout(Env env, Path home, Path root, Path nativeHome, boolean explicitRoot) {

  public static Layout from(Env env) {
    Optional<Path> envHome = env.get("HOME").map(Path::of);
    Path home =
        envHome.orElseGet(
            () -> {
              String h = System.getProperty("user.home");
              if (h == null || h.isBlank()) {
                throw new IapException("cannot resolve home directory for ~/.iapeer");
              }
              return Path.of(h);
            });
    Optional<Path> explicit = env.get(Setting.IAPEER_ROOT.name()).map(Path::of);
    Path root = explicit.orElse(home.resolve(".iapeer"));
    // "Native home" locates ~/.claude and ~/.codex for the global scaffold (01 §7.1).
    Path nativeHome =
        explicit.map(r -> r.toAbsolutePath().getParent()).filter(p -> p != null).orElse(home);
    return new Layout(env, home, root, nativeHome, explicit.isPresent());
  }

  // --- host level (<root>/) ---

  public Path registryFile() {
    return root.resolve("peers-profiles.json");
  }

  public Path registryLock() {
    return root.resolve("peers-profiles.lock");
  }

  public Path hostDoctrine() {
    return root.resolve("IAPEER.md");
  }

  public Path hostFragments() {
    return root.resolve("fragments");
  }

  public Path peersHome() {
    return root.resolve("peers");
  }

  public Path defaultPeerFolder(String personality) {
    return peersHome().resolve(personality);
  }

  public Path memoryProviderFile() {
    return root.resolve("memory-provider.json");
  }

  /** {@code router.sock}, {@code router.json}, the attachment spool (06 D7). */
  public Path daemonStateDir() {
    return root.resolve("state").resolve("iapeer");
  }

  /** The daemon's unix socket: IAPEER_DAEMON_SOCKET, else {@code router.sock} in the state dir. */
  public Path routerSocket() {
    return env.get(Setting.IAPEER_DAEMON_SOCKET.name())
        .map(Path::of)
        .orElse(daemonStateDir().resolve("router.sock"));
  }

  public Path routerJson() {
    return daemonStateDir().resolve("router.json");
  }

  /** Markers, queues, locks and composed prompts, keyed by identity (03 §2). */
  public Path lifecycleStateDir() {
    return root.resolve("state").resolve("lifecycle");
  }

  /** Held around typing into one identity's session, by every process (06 D5). */
  public Path deliveryLock(Identity id) {
    return lifecycleStateDir().resolve(id.address() + ".deliver.lock");
  }

  /** Serializes the wakes of one identity, across processes (03 §9.3). */
  public Path wakeLock(Identity id) {
    return lifecycleStateDir().resolve(id.address() + ".wake.lock");
  }

  /** One line per send, metadata only (02 §11). */
  public Path deliveryLog() {
    return eventLogDir().resolve("delivery.log");
  }

  /** {@code lifecycle.log}, {@code delivery.log}, {@code exits.log}. */
  public Path eventLogDir() {
    return root.resolve("logs").resolve("iapeer");
  }

  /** Pane logs {@code <identity>.log} (06 D7). */
  public Path paneLogDir() {
    return root.resolve("logs").resolve("lifecycle");
  }

  /**
   * The tmux socket directory (06 D7): IAPEER_SOCK_DIR; else {@code <root>/socks} when IAPEER_ROOT
   * is set; else {@code $XDG_RUNTIME_DIR/iapeer}; else {@code /tmp/iapeer-<uid>}.
   */
  public Path sockDir() {
    Optional<String> explicit = env.get(Setting.IAPEER_SOCK_DIR.name());
    if (explicit.isPresent()) {
      return Path.of(explicit.get());
    }
    if (explicitRoot) {
      return root.resolve("socks");
    }
    Optional<String> xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg.isPresent()) {
      return Path.of(xdg.get(), "iapeer");
    }
    return Path.of("/tmp", "iapeer-" + uid());
  }

  /** Codex's host-wide config: {@code $CODEX_HOME/config.toml} or {@code ~/.codex/config.toml}. */
  public Path codexConfig() {
    return env.get(Setting.CODEX_HOME.name())
        .map(Path::of)
        .orElse(home.resolve(".codex"))
        .resolve("config.toml");
  }

  /** Our lock around edits of the host-wide codex config (kept under our root, not beside it). */
  public Path codexConfigLock() {
    return daemonStateDir().resolve("codex-config.lock");
  }

  public Path binDir() {
    return env.get(Setting.IAPEER_BIN_DIR.name())
        .map(Path::of)
        .orElse(home.resolve(".local").resolve("bin"));
  }

  /** Versioned installs {@code <dir>/<version>/} (06 D11). */
  public Path installDir() {
    return env.get(Setting.IAPEER_INSTALL_DIR.name())
        .map(Path::of)
        .orElse(home.resolve(".local").resolve("share").resolve("iapeer"));
  }

  /** The installed launcher: a symlink into {@link #installDir()}. */
  public Path installedLauncher() {
    return binDir().resolve("iapeer");
  }

  /** The launcher script this program runs from (bin/iapeer tells it), if it was started by one. */
  public Optional<Path> runningLauncher() {
    return env.get(Setting.IAPEER_LAUNCHER.name()).map(Path::of);
  }

  // --- service manager (04 §4) ---

  public Path launchAgentsDir() {
    return env.get(Setting.IAPEER_LAUNCHAGENTS_DIR.name())
        .map(Path::of)
        .orElse(home.resolve("Library").resolve("LaunchAgents"));
  }

  public Path systemdUserDir() {
    return env.get(Setting.IAPEER_SYSTEMD_USER_DIR.name())
        .map(Path::of)
        .or(() -> env.get("XDG_CONFIG_HOME").map(x -> Path.of(x, "systemd", "user")))
        .orElse(home.resolve(".config").resolve("systemd").resolve("user"));
  }

  /** The built-in supervisor's definitions {@code <label>.json} (04 §4.4). */
  public Path servicesDir() {
    return env.get(Setting.IAPEER_SERVICES_DIR.name())
        .map(Path::of)
        .orElse(root.resolve("services"));
  }

  /** Held by the one running {@code iapeer service-host}. */
  public Path serviceHostLock() {
    return daemonStateDir().resolve("service-host.lock");
  }

  public Path serviceHostPid() {
    return daemonStateDir().resolve("service-host.pid");
  }

  /** {@code <label>.pid} of every job the built-in supervisor runs. */
  public Path servicePidDir() {
    return daemonStateDir().resolve("services");
  }

  public Path serviceHostLog() {
    return eventLogDir().resolve("service-host.log");
  }

  /** The daemon service's stdout and stderr (04 §4.2.2). */
  public Path daemonStdoutLog() {
    return eventLogDir().resolve("daemon-stdout.log");
  }

  public Path daemonStderrLog() {
    return eventLogDir().resolve("daemon-stderr.log");
  }

  /** An infra peer's service logs live here (04 §4.2.3). */
  public Path peerLogDir(String personality) {
    return root.resolve("logs").resolve(personality);
  }

  /** The per-peer paths of a peer folder. */
  public PeerPaths peer(Path cwd) {
    return new PeerPaths(cwd);
  }

  /** The real uid, on macOS too (no /proc there): 06 D7 names the fallback dir by uid. */
  private static long uid() {
    return new UnixSystem().getUid();
  }
}
