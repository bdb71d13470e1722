package io.iapeer.core.peer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runtime classes and their per-runtime intelligence rules (01 §1, §5.2, §6). */
public final class Runtimes {
  public static final String CLAUDE = "claude";
  public static final String CODEX = "codex";

  /** Warm-on-demand interactive agent CLIs, in preference order. */
  public static final List<String> AGENTIC = List.of(CLAUDE, CODEX);

  /** Always-on routers held by the service manager. */
  public static final Set<String> INFRA = Set.of("notifier", "telegram", "voicetalk", "web");

  private static final Set<String> HUMAN_CHANNELS =
      Set.of("telegram", "discord", "matrix", "email", "web", "voicetalk");
  private static final Set<String> SERVICES = Set.of("notifier", "webhook", "api", "cron");

  private static final Map<String, String> INFRA_LAUNCHER_ENV =
      Map.of(
          "notifier", "NOTIFIER_RUNTIME_BIN",
          "telegram", "TELEGRAM_RUNTIME_BIN",
          "voicetalk", "VOICETALK_RUNTIME_BIN",
          "web", "WEB_RUNTIME_BIN");

  private Runtimes() {}

  public static boolean isAgentic(String runtime) {
    return AGENTIC.contains(runtime);
  }

  public static boolean isInfra(String runtime) {
    return INFRA.contains(runtime);
  }

  /** The intelligences a peer of this runtime may have; the first is the default. */
  public static List<Intelligence> allowedIntelligence(String runtime) {
    if (HUMAN_CHANNELS.contains(runtime)) {
      return List.of(Intelligence.NATURAL, Intelligence.ABSENT);
    }
    if (SERVICES.contains(runtime)) {
      return List.of(Intelligence.ABSENT);
    }
    return List.of(Intelligence.ARTIFICIAL);
  }

  public static Intelligence defaultIntelligence(String runtime) {
    return allowedIntelligence(runtime).get(0);
  }

  /** The environment variable that pins an infra runtime's launcher to an absolute path. */
  public static Optional<String> infraLauncherEnv(String runtime) {
    return Optional.ofNullable(INFRA_LAUNCHER_ENV.get(runtime));
  }

  /** The launcher an infra runtime is looked up by on PATH, e.g. {@code notifier-runtime}. */
  public static String infraDefaultLauncher(String runtime) {
    return runtime + "-runtime";
  }
}
