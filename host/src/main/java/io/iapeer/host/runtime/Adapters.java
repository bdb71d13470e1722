package io.iapeer.host.runtime;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Layout;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter of each runtime that can be launched (03 §3.1 dispatch). One instance per host
 * {@link Layout}: the codex adapter remembers which session file belongs to which folder, so keep
 * it around.
 */
public final class Adapters {
  private final Layout layout;
  private final Map<String, RuntimeAdapter> byRuntime;

  public Adapters(Layout layout) {
    this(layout, Clock.systemUTC());
  }

  public Adapters(Layout layout, Clock clock) {
    this.layout = layout;
    this.byRuntime =
        Map.of(
            Runtimes.CLAUDE, new ClaudeAdapter(layout, clock),
            Runtimes.CODEX, new CodexAdapter(layout),
            "telegram",
            new RouterAdapter("telegram", Optional.of(Intelligence.NATURAL), layout.env()),
            "notifier", new RouterAdapter("notifier", Optional.empty(), layout.env()));
  }

  public Layout layout() {
    return layout;
  }

  /** The adapter of {@code runtime}; voicetalk, web and unknown runtimes have none (06 D15). */
  public RuntimeAdapter of(String runtime) {
    return find(runtime)
        .orElseThrow(() -> new IapException("no launch adapter for runtime \"" + runtime + "\""));
  }

  public Optional<RuntimeAdapter> find(String runtime) {
    return Optional.ofNullable(byRuntime.get(runtime));
  }
}
