package io.iapeer.host.runtime;

import io.iapeer.core.peer.Intelligence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What claude and codex have in common (03 §3.1–§3.3). */
public sealed interface TuiAdapter extends RuntimeAdapter permits ClaudeAdapter, CodexAdapter {
  List<Pattern> PASTE_PATTERNS =
      List.of(Pattern.compile("\\[Pasted text"), Pattern.compile("\\[Image #"));

  /** Faint (SGR 2) and the 256-colour grey both CLIs draw their placeholder in. */
  List<String> GHOST_TEXT_SGR = List.of("2", "38;5;246");

  KeyPlan INTERRUPT = new KeyPlan(List.of(List.of("Escape")), Duration.ZERO);

  KeyPlan COMPACT =
      new KeyPlan(List.of(List.of("-l", "/compact"), List.of("Enter")), Duration.ofMillis(300));

  @Override
  default Kind kind() {
    return Kind.TUI;
  }

  @Override
  default Optional<Intelligence> requiredIntelligence() {
    return Optional.empty();
  }

  @Override
  default List<Pattern> pastePatterns() {
    return PASTE_PATTERNS;
  }

  @Override
  default List<String> ghostTextSgr() {
    return GHOST_TEXT_SGR;
  }

  @Override
  default Optional<KeyPlan> control(String name) {
    return switch (name) {
      case "interrupt" -> Optional.of(INTERRUPT);
      case "compact" -> Optional.of(COMPACT);
      default -> Optional.empty();
    };
  }
}
