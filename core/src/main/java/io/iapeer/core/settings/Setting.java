package io.iapeer.core.settings;

/**
 * Every knob iapeer reads from the environment, with its default and one line of doc. The README's
 * settings table is checked against this list by a test.
 */
public enum Setting {
  IAPEER_ROOT("~/.iapeer", "storage root: registry, state, logs, default peer folders"),
  IAPEER_SOCK_DIR(
      "<root>/socks if IAPEER_ROOT is set, else $XDG_RUNTIME_DIR/iapeer, else /tmp/iapeer-<uid>",
      "directory of the per-identity tmux server sockets"),
  IAPEER_PORT("8765", "loopback TCP port of the router daemon (also written into peers' MCP wiring)"),
  IAPEER_DAEMON_SOCKET("<root>/state/iapeer/router.sock", "unix socket of the router daemon"),
  IAPEER_BEARER_TOKEN("unset", "set = every daemon request must carry `Authorization: Bearer <token>`"),
  IAPEER_DAEMON_LOG("unset", "set = the daemon traces every tool call on stderr"),
  IAPEER_CLAUDE_BIN("~/.local/bin/claude, else claude on PATH", "the Claude Code binary; set = installed"),
  IAPEER_CODEX_BIN("~/.local/bin/codex, else codex on PATH", "the Codex CLI binary; set = installed"),
  CODEX_HOME("~/.codex", "Codex config folder; its config.toml gets the iapeer MCP block"),
  IAPEER_BIN_DIR("~/.local/bin", "where `iapeer install` links the iapeer launcher (`iapeer.prev`: the one before)"),
  IAPEER_INSTALL_DIR("~/.local/share/iapeer", "where `iapeer install` puts versioned installs"),
  IAPEER_LOCK_TIMEOUT_MS("5000", "how long a writer waits for a registry or profile lock"),
  IAPEER_BOOT_DEADLINE_SECS("240", "how long a launching agent may take to reach its input prompt"),
  IAPEER_READY_GATE_SECS("120", "how long a launched agent may take to start on its first message"),
  IAP_LIVENESS_GRACE_MS("3000", "how long a typed message may take to show in the transcript"),
  IAP_TMUX_SUBMIT_TIMEOUT_MS("4000", "how long typing keeps pressing Enter until the input clears"),
  IAP_TMUX_PASTE_SETTLE_MS("250", "pause between pasting into a router and submitting it"),
  IAPEER_COMPACT_DONE_TIMEOUT_MS("290000", "how long `compact` waits for the compaction to finish"),
  IAPEER_COMPACT_DONE_POLL_MS("1000", "how often `compact` looks for the finished compaction"),
  IAPEER_COMPACT_READY_GRACE_MS("5000", "after compaction, how long to wait for the input prompt"),
  IAPEER_LIFECYCLE_LOG_MAX_BYTES("5242880", "lifecycle.log size that starts a new file"),
  IAPEER_LIFECYCLE_LOG_KEEP("5", "how many rotated lifecycle.log files are kept"),
  IAPEER_IDLE_SECS("3600", "how long a live agent may sit idle before it is put to sleep"),
  IAPEER_CRASHLOOP_MAX("3", "deaths inside the crash-loop window that keep a peer asleep"),
  IAPEER_CRASHLOOP_WINDOW_SECS("300", "the crash-loop window"),
  IAPEER_EPHEMERAL_QUIET_SECS("20", "how long an ephemeral worker that replied stays before it is reaped"),
  IAPEER_EPHEMERAL_UNARMED_IDLE_SECS("600", "how long an ephemeral worker that never replied may sit idle"),
  IAPEER_WAKE_LOCK_RETRIES("30", "how often a wake retries for the lock of a wake in progress (0 = once)"),
  IAPEER_SUPERVISE_TICK_SECS("60", "how often the daemon runs the supervise pass, relaunches and queue drain"),
  IAPEER_SUPERVISE_LOG_VERBOSE("unset", "1 = lifecycle.log also records the supervise pass's non-decisions"),
  IAPEER_PANELOG_MAX_BYTES("16777216", "pane-log size at which it is rotated (at least 9 MiB)"),
  IAPEER_PANELOG_KEEP("2", "rotated copies kept of each pane log"),
  IAPEER_PANELOG_DIR_BUDGET("536870912", "bytes the pane-log directory may hold before old logs are removed"),
  IAPEER_PANELOG_STALE_DAYS("14", "age in days (fractions allowed) after which a pane log is removed"),
  IAPEER_COMPOSER_QUEUE_TIMEOUT_MS(
      "120000", "how long a message waits while an operator types in the target's composer (0 = no wait)"),
  IAPEER_COMPOSER_QUEUE_POLL_MS("500", "how often a held message looks again at the target's composer"),
  IAPEER_DELIVERY_LOG_MAX_BYTES("5242880", "size at which delivery.log is rotated"),
  IAPEER_DELIVERY_LOG_KEEP("5", "rotated copies of delivery.log kept"),
  IAPEER_SERVICE_MANAGER(
      "chosen by the host", "launchd, systemd, builtin or none: who keeps the daemon and infra peers up"),
  IAPEER_LAUNCHAGENTS_DIR("~/Library/LaunchAgents", "where launchd service definitions are written"),
  IAPEER_SYSTEMD_USER_DIR(
      "$XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user", "where systemd user units are written"),
  IAPEER_SERVICES_DIR("<root>/services", "where the built-in supervisor's service definitions are written"),
  IAPEER_SERVICE_THROTTLE_SECS("10", "least time between two starts of one service (its restart floor)"),
  IAPEER_SERVICE_STOP_TIMEOUT_SECS("20", "how long a stopped service may take to exit before SIGKILL"),
  IAPEER_INFRA_RECHECK_MS("2000", "after launching an infra peer, how long run-infra waits to check it is still up"),
  IAPEER_INFRA_WATCH_MS("5000", "how often run-infra checks that its infra peer's session is still up"),
  IAPEER_HEALTH_WAIT_SECS("15", "how long onboard and rollback wait for the daemon to become healthy"),
  IAPEER_ACCEPT_RISK("unset", "1 = onboard accepts the security warning without asking"),
  IAPEER_LAUNCHER("set by the launcher", "the launcher script this program runs from; service definitions run it"),
  IAPEER_TEST_SANDBOX("unset", "1 = a test: refuse to write the real ~/.iapeer (tests set it)"),
  IAPEER_TEST_SUPERVISOR(
      "unset", "1 = a sandboxed test really runs the built-in supervisor, confined to its own IAPEER_ROOT"),
  IAPEER_DEBUG("unset", "1 = print the stack trace of an internal error");

  private final String defaultText;
  private final String doc;

  Setting(String defaultText, String doc) {
    this.defaultText = defaultText;
    this.doc = doc;
  }

  public String defaultText() {
    return defaultText;
  }

  public String doc() {
    return doc;
  }
}
