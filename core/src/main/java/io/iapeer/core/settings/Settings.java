package io.iapeer.core.settings;

import java.time.Duration;

/** Typed access to the knobs of {@link Setting}, with the parsing rules of the spec. */
public record Settings(Env env) {
  public static final int DEFAULT_PORT = 8765;

  /** IAPEER_PORT: an integer 1–65535, anything else falls back to the default (04 §1.5). */
  public int port() {
    return env.get(Setting.IAPEER_PORT.name())
        .flatMap(Settings::parseInt)
        .filter(p -> p >= 1 && p <= 65535)
        .orElse(DEFAULT_PORT);
  }

  /** IAPEER_PORT when it is set but is no port: the daemon says so before falling back (02 §8.2). */
  public java.util.Optional<String> invalidPort() {
    return env.raw(Setting.IAPEER_PORT.name())
        .filter(v -> !v.isBlank())
        .filter(v -> env.get(Setting.IAPEER_PORT.name())
            .flatMap(Settings::parseInt)
            .filter(p -> p >= 1 && p <= 65535)
            .isEmpty());
  }

  /** IAPEER_BEARER_TOKEN trimmed; blank is unset, and unset means no check at all (02 §8.3). */
  public java.util.Optional<String> bearerToken() {
    return env.get(Setting.IAPEER_BEARER_TOKEN.name());
  }

  /** IAPEER_DAEMON_LOG set to anything: the daemon traces each tool call on stderr (02 §8.4). */
  public boolean daemonTrace() {
    return env.get(Setting.IAPEER_DAEMON_LOG.name()).isPresent();
  }

  public Duration lockTimeout() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_LOCK_TIMEOUT_MS, 5000));
  }

  public Duration bootDeadline() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_BOOT_DEADLINE_SECS, 240));
  }

  public Duration readyGate() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_READY_GATE_SECS, 120));
  }

  public Duration livenessGrace() {
    return Duration.ofMillis(positiveLong(Setting.IAP_LIVENESS_GRACE_MS, 3000));
  }

  public Duration submitTimeout() {
    return Duration.ofMillis(positiveLong(Setting.IAP_TMUX_SUBMIT_TIMEOUT_MS, 4000));
  }

  public Duration pasteSettle() {
    return Duration.ofMillis(positiveLong(Setting.IAP_TMUX_PASTE_SETTLE_MS, 250));
  }

  public Duration compactDoneTimeout() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_COMPACT_DONE_TIMEOUT_MS, 290_000));
  }

  public Duration compactDonePoll() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_COMPACT_DONE_POLL_MS, 1000));
  }

  public Duration compactReadyGrace() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_COMPACT_READY_GRACE_MS, 5000));
  }

  public long lifecycleLogMaxBytes() {
    return positiveLong(Setting.IAPEER_LIFECYCLE_LOG_MAX_BYTES, 5L << 20);
  }

  public int lifecycleLogKeep() {
    return (int) Math.min(positiveLong(Setting.IAPEER_LIFECYCLE_LOG_KEEP, 5), 100);
  }

  public Duration idle() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_IDLE_SECS, 3600));
  }

  public int crashLoopMax() {
    return (int) Math.min(positiveLong(Setting.IAPEER_CRASHLOOP_MAX, 3), Integer.MAX_VALUE);
  }

  public Duration crashLoopWindow() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_CRASHLOOP_WINDOW_SECS, 300));
  }

  public Duration ephemeralQuiet() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_EPHEMERAL_QUIET_SECS, 20));
  }

  public Duration ephemeralUnarmedIdle() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_EPHEMERAL_UNARMED_IDLE_SECS, 600));
  }

  /** The one knob of 03 §1.3 that accepts 0: a single attempt. */
  public int wakeLockRetries() {
    return env.get(Setting.IAPEER_WAKE_LOCK_RETRIES.name())
        .flatMap(Settings::parseInt)
        .filter(v -> v >= 0 && v <= 1000)
        .orElse(30);
  }

  public Duration superviseTick() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_SUPERVISE_TICK_SECS, 60));
  }

  /** {@code 1}/{@code true}/{@code yes}, any case (03 §1.3). */
  public boolean superviseLogVerbose() {
    return env.get(Setting.IAPEER_SUPERVISE_LOG_VERBOSE.name())
        .map(v -> v.strip().toLowerCase(java.util.Locale.ROOT))
        .filter(v -> v.equals("1") || v.equals("true") || v.equals("yes"))
        .isPresent();
  }

  /** The snapshot size of a rotation; the janitor rotates only past 9 MiB whatever it says (03 §10.4). */
  public long paneLogMaxBytes() {
    return positiveLong(Setting.IAPEER_PANELOG_MAX_BYTES, 16L << 20);
  }

  public int paneLogKeep() {
    return (int) Math.min(positiveLong(Setting.IAPEER_PANELOG_KEEP, 2), 100);
  }

  public long paneLogDirBudget() {
    return positiveLong(Setting.IAPEER_PANELOG_DIR_BUDGET, 512L << 20);
  }

  /** May be fractional (03 §1.3); anything not a positive number falls back to 14 days. */
  public Duration paneLogStale() {
    double days = env.get(Setting.IAPEER_PANELOG_STALE_DAYS.name())
        .flatMap(v -> {
          try {
            return java.util.Optional.of(Double.parseDouble(v));
          } catch (NumberFormatException e) {
            return java.util.Optional.empty();
          }
        })
        .filter(d -> d > 0 && d < 1e6)
        .orElse(14.0);
    return Duration.ofMillis((long) (days * 86_400_000L));
  }

  /** The composer queue's force-deliver ceiling (02 §9.8); 0 is allowed: deliver at once. */
  public Duration composerQueueTimeout() {
    return Duration.ofMillis(
        env.get(Setting.IAPEER_COMPOSER_QUEUE_TIMEOUT_MS.name())
            .flatMap(Settings::parseLong)
            .filter(v -> v >= 0)
            .orElse(120_000L));
  }

  /** The composer queue's re-check interval (02 §9.8); 0 falls back like a bad value. */
  public Duration composerQueuePoll() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_COMPOSER_QUEUE_POLL_MS, 500));
  }

  /** delivery.log's rotation threshold (02 §11): positive integers only. */
  public long deliveryLogMaxBytes() {
    return positiveLong(Setting.IAPEER_DELIVERY_LOG_MAX_BYTES, 5_242_880);
  }

  /** Rotated copies of delivery.log kept (02 §11): positive integers only. */
  public int deliveryLogKeep() {
    return (int) Math.min(positiveLong(Setting.IAPEER_DELIVERY_LOG_KEEP, 5), 100);
  }

  /** The restart floor of a service (04 §4.1): at least 1 s. */
  public Duration serviceThrottle() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_SERVICE_THROTTLE_SECS, 10));
  }

  /** SIGTERM to SIGKILL for a stopped service (04 §4.4). */
  public Duration serviceStopTimeout() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_SERVICE_STOP_TIMEOUT_SECS, 20));
  }

  /** run-infra's boot recheck after a launch (04 §4.2.6: 2 s). */
  public Duration infraRecheck() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_INFRA_RECHECK_MS, 2000));
  }

  /** run-infra's block-watch poll (04 §4.2.6: 5 s). */
  public Duration infraWatch() {
    return Duration.ofMillis(positiveLong(Setting.IAPEER_INFRA_WATCH_MS, 5000));
  }

  /** The daemon health wait after a load or cycle (04 §3.2: 15 s). */
  public Duration healthWait() {
    return Duration.ofSeconds(positiveLong(Setting.IAPEER_HEALTH_WAIT_SECS, 15));
  }

  /** IAPEER_SERVICE_MANAGER, lower-cased; empty = let the host decide (04 §4.4). */
  public java.util.Optional<String> serviceManager() {
    return env.get(Setting.IAPEER_SERVICE_MANAGER.name()).map(v -> v.strip().toLowerCase(java.util.Locale.ROOT));
  }

  public boolean acceptRisk() {
    return env.isTrue(Setting.IAPEER_ACCEPT_RISK.name());
  }

  public boolean sandbox() {
    return env.isTrue(Setting.IAPEER_TEST_SANDBOX.name());
  }

  /** A sandboxed test asks for the real built-in supervisor, confined to its own root. */
  public boolean testSupervisor() {
    return env.isTrue(Setting.IAPEER_TEST_SUPERVISOR.name());
  }

  private long positiveLong(Setting s, long dflt) {
    return env.get(s.name()).flatMap(Settings::parseLong).filter(v -> v > 0).orElse(dflt);
  }

  private static java.util.Optional<Integer> parseInt(String s) {
    try {
      return java.util.Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static java.util.Optional<Long> parseLong(String s) {
    try {
      return java.util.Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
