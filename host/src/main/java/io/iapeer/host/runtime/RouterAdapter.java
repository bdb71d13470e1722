package io.iapeer.host.runtime;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.settings.Env;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An always-on router, telegram or notifier (03 §3.4): a plain program, no TUI phases, no
 * transcripts, no control actions. It reads its role from {@code PEER_PERSONALITY} itself.
 */
public final class RouterAdapter implements RuntimeAdapter {
  private final String runtime;
  private final Optional<Intelligence> requiredIntelligence;
  private final Env env;

  RouterAdapter(String runtime, Optional<Intelligence> requiredIntelligence, Env env) {
    this.runtime = runtime;
    this.requiredIntelligence = requiredIntelligence;
    this.env = env;
  }

  @Override
  public String runtime() {
    return runtime;
  }

  @Override
  public Kind kind() {
    return Kind.ROUTER;
  }

  /** telegram bridges a human, so its peers must be {@code natural} (03 §3.4). */
  @Override
  public Optional<Intelligence> requiredIntelligence() {
    return requiredIntelligence;
  }

  @Override
  public List<String> promptGlyphs() {
    return List.of();
  }

  @Override
  public List<Pattern> pastePatterns() {
    return List.of();
  }

  @Override
  public List<String> ghostTextSgr() {
    return List.of();
  }

  @Override
  public DeliveryConfirm deliveryConfirm() {
    return DeliveryConfirm.PASTE;
  }

  /** {@code TELEGRAM_RUNTIME_BIN} / {@code NOTIFIER_RUNTIME_BIN}, else the bare launcher name. */
  @Override
  public Optional<String> binary() {
    return Optional.of(
        Runtimes.infraLauncherEnv(runtime)
            .flatMap(env::get)
            .orElse(Runtimes.infraDefaultLauncher(runtime)));
  }

  /** {@code bin run [extras…]}. */
  @Override
  public List<String> argv(String bin, LaunchSpec spec, Optional<String> disallowedTools) {
    List<String> argv = new ArrayList<>(List.of(bin, "run"));
    argv.addAll(spec.extraArgs());
    return List.copyOf(argv);
  }

  @Override
  public BootDialog bootDialog(String screen) {
    return BootDialog.NONE;
  }

  @Override
  public boolean isInputReady(String screen) {
    return true;
  }

  @Override
  public Optional<Instant> newestActivityMtime(Path cwd) {
    return Optional.empty();
  }

  @Override
  public Optional<Instant> lastTurnMtime(Path cwd) {
    return Optional.empty();
  }

  @Override
  public Resume resolveResume(Path cwd) {
    return new Resume.Available(Optional.empty());
  }

  @Override
  public List<Path> transcriptFiles(Path cwd) {
    return List.of();
  }

  @Override
  public boolean isCompactMarker(JsonNode record) {
    return false;
  }

  @Override
  public Optional<KeyPlan> control(String name) {
    return Optional.empty();
  }
}
