package io.iapeer.core.runtime;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which runtime a new peer defaults to (01 §12.2–§12.3). */
public final class RuntimeChoice {
  private RuntimeChoice() {}

  /**
   * The primary runtime for {@code init} of {@code cwd}: an explicit infra runtime as is; an
   * explicit agentic one only if installed; else the folder's {@code .claude}/{@code .codex}
   * markers; else the single installed one, or claude when both are.
   */
  public static String primary(Layout layout, Path cwd, Optional<String> explicit) {
    if (explicit.isPresent()) {
      String rt = explicit.get();
      if (Runtimes.isInfra(rt) || Installed.isInstalled(layout, rt)) {
        return rt;
      }
      throw notInstalled(rt);
    }
    if (Files.isDirectory(cwd.resolve(".claude"))) {
      return Runtimes.CLAUDE;
    }
    if (Files.isDirectory(cwd.resolve(".codex"))) {
      return Runtimes.CODEX;
    }
    List<String> installed = Installed.agentic(layout);
    if (installed.isEmpty()) {
      throw noneInstalled();
    }
    return installed.get(0);
  }

  public static IapException noneInstalled() {
    return new IapException(
        "no agentic runtime installed (Claude Code or Codex CLI) — install one, then create/init"
            + " the peer");
  }

  public static IapException notInstalled(String rt) {
    return new IapException(
        "runtime \"" + rt + "\" is not installed on this host — install it (or point IAPEER_"
            + rt.toUpperCase(java.util.Locale.ROOT) + "_BIN at it) or choose an installed runtime");
  }

  /**
   * The plan for {@code create} (01 §12.3): the default ({@code empty} = left to init's error), whether
   * it was an ambiguous pick, and the other installed agentic runtimes to add capability-only.
   */
  public record Plan(Optional<String> defaultRuntime, boolean ambiguous, List<String> secondaries) {}

  public static Plan plan(Layout layout, Optional<String> explicit) {
    List<String> installed = Installed.agentic(layout);
    if (explicit.isPresent()) {
      String rt = explicit.get();
      return new Plan(explicit, false, secondaries(installed, rt));
    }
    if (installed.size() > 1) {
      return new Plan(Optional.empty(), true, secondaries(installed, installed.get(0)));
    }
    if (installed.size() == 1) {
      return new Plan(Optional.of(installed.get(0)), false, List.of());
    }
    return new Plan(Optional.empty(), false, List.of());
  }

  /** The other installed agent CLIs a new peer of {@code chosen} declares capability-only. */
  public static List<String> secondaries(Layout layout, String chosen) {
    return secondaries(Installed.agentic(layout), chosen);
  }

  private static List<String> secondaries(List<String> installed, String chosen) {
    return Runtimes.isInfra(chosen)
        ? List.of()
        : installed.stream().filter(rt -> !rt.equals(chosen)).toList();
  }
}
