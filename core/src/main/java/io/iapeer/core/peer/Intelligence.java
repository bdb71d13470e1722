package io.iapeer.core.peer;

import java.util.Optional;

/** A peer's nature, carried with every message (01 §5). */
public enum Intelligence {
  ARTIFICIAL("artificial"),
  NATURAL("natural"),
  ABSENT("absent");

  private final String wire;

  Intelligence(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * The contract value of a raw stored string: exact lowercase words and the legacy read aliases
   * {@code human} and {@code scripted}; anything else is unrecognized.
   */
  public static Optional<Intelligence> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    return switch (raw) {
      case "artificial" -> Optional.of(ARTIFICIAL);
      case "natural", "human" -> Optional.of(NATURAL);
      case "absent", "scripted" -> Optional.of(ABSENT);
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return wire;
  }
}
