package io.iapeer.core.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of a process environment. Everything reads the environment through one of
 * these (never {@code System.getenv} directly), so tests inject their own map.
 */
public record Env(Map<String, String> vars) {
  public Env {
    vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public static Env of(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new Env(m);
  }

  /** The value trimmed; blank or unset is empty (the rule for every path and name knob). */
  public Optional<String> get(String name) {
    String v = vars.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.trim());
  }

  /** The value exactly as set, possibly blank. */
  public Optional<String> raw(String name) {
    return Optional.ofNullable(vars.get(name));
  }

  public boolean isTrue(String name) {
    return get(name).map(v -> v.equals("1")).orElse(false);
  }

  public Env with(String name, String value) {
    Map<String, String> m = new HashMap<>(vars);
    m.put(name, value);
    return new Env(m);
  }

  public Env without(String... names) {
    Map<String, String> m = new HashMap<>(vars);
    for (String n : names) {
      m.remove(n);
    }
    return new Env(m);
  }
}
