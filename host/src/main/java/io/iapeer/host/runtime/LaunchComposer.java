package io.iapeer.host.runtime;

import io.iapeer.core.runtime.LaunchEnv;
import io.iapeer.core.runtime.RuntimeChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single place a session's argv and environment are composed (03 §4.2 as amended by 06 D8),
 * for every launch path.
 */
public final class LaunchComposer {
  static final String BEARER = "iapeer-localhost-open-no-secret";

  static final String ROOT_NEEDS_SANDBOX =
      "Claude Code refuses --dangerously-skip-permissions as root unless IS_SANDBOX=1 is set — add"
          + " IS_SANDBOX=1 to the peer's launch.env or the launching environment, or run as a"
          + " non-root user";

  private final Adapters adapters;
  private final Platform platform;

  public LaunchComposer(Adapters adapters, Platform platform) {
    this.adapters = adapters;
    this.platform = platform;
  }

  /** Composes with the peer's {@code .iapeer/runtimes/<rt>/launch.env} (03 §4.1). */
  public Composition compose(LaunchSpec spec) {
    return compose(spec, LaunchEnv.read(spec.cwd(), spec.runtime()));
  }

  public Composition compose(LaunchSpec spec, LaunchEnv launchEnv) {
    Optional<RuntimeAdapter> found = adapters.find(spec.runtime());
    if (found.isEmpty()) {
      return new LaunchRefusal("no launch adapter for runtime \"" + spec.runtime() + "\"");
    }
    RuntimeAdapter adapter = found.get();
    Optional<String> gate = intelligenceGate(adapter, spec);
    if (gate.isPresent()) {
      return new LaunchRefusal(gate.get());
    }
    Optional<String> bin = adapter.binary();
    if (bin.isEmpty()) {
      return new LaunchRefusal(RuntimeChoice.notInstalled(spec.runtime()).getMessage());
    }
    List<String> extras = new ArrayList<>(spec.extraArgs());
    extras.addAll(launchEnv.startArgs());
    List<String> argv =
        adapter.argv(bin.get(), spec.withExtraArgs(extras), launchEnv.disallowedTools());
    Map<String, String> env = childEnv(adapter, spec, launchEnv);
    // 06 D8: as root Claude refuses to skip permissions without IS_SANDBOX=1; never set it for it.
    if (adapter instanceof ClaudeAdapter && platform.root() && !"1".equals(env.get("IS_SANDBOX"))) {
      return new LaunchRefusal(ROOT_NEEDS_SANDBOX);
    }
    return new LaunchPlan(argv, env);
  }

  /** 03 §5 step 0: a gated runtime refuses a peer of another or unknown intelligence. */
  private static Optional<String> intelligenceGate(RuntimeAdapter adapter, LaunchSpec spec) {
    return adapter
        .requiredIntelligence()
        .filter(required -> !spec.intelligence().equals(Optional.of(required)))
        .map(required ->
            "runtime \"" + spec.runtime() + "\" requires intelligence=" + required + ", peer \""
                + spec.personality() + "\" is "
                + spec.intelligence().map(Object::toString).orElse("unknown")
                + " — refusing to launch");
  }

  /** 03 §4.2 steps 1–7, in order. */
  private Map<String, String> childEnv(
      RuntimeAdapter adapter, LaunchSpec spec, LaunchEnv launchEnv) {
    Map<String, String> base = adapters.layout().env().vars();
    Map<String, String> env = new LinkedHashMap<>();
    // 1 + 06 D8: a launch from inside a Claude session must not make the new one its sub-session;
    // stripped from the base only, so a peer's launch.env may still set its own CLAUDE_CODE_*.
    base.forEach((k, v) -> {
      if (!k.startsWith("CLAUDE_CODE_") && !k.equals("CLAUDECODE")) {
        env.put(k, v);
      }
    });
    env.putAll(launchEnv.env()); // 2
    if (adapter instanceof CodexAdapter) {
      env.put("IAPEER_BEARER", BEARER); // 3: the public stub the codex MCP block names
    }
    // 4: after launch.env, so a stray PEER_* there can never change who the session is.
    env.put("PEER_PERSONALITY", spec.personality());
    env.put("PEER_RUNTIME", spec.runtime());
    env.put("PEER_IDENTITY", spec.identity().address());
    env.put("PATH", path(base, launchEnv)); // 5
    // 6: tmux sets its own TMUX inside the pane; an inherited one would point at another server.
    env.remove("TMUX");
    env.remove("TMUX_PANE");
    if (adapter instanceof ClaudeAdapter) {
      env.put("CLAUDE_CODE_DISABLE_ALTERNATE_SCREEN", "1"); // 7: keep the screen capture-pane sees
    }
    return env;
  }

  /** launch.env's PATH, else the base PATH, else a default that finds the CLIs' own installs. */
  private String path(Map<String, String> base, LaunchEnv launchEnv) {
    String home = adapters.layout().home().toString();
    return nonBlank(launchEnv.env().get("PATH"))
        .or(() -> nonBlank(base.get("PATH")))
        .orElse(platform.linux()
            ? home + "/.local/bin:/usr/local/bin:/usr/bin:/bin" // 06 D8
            : home + "/.bun/bin:" + home + "/.local/bin:/opt/homebrew/bin:/opt/homebrew/sbin"
                + ":/usr/local/bin:/usr/bin:/bin");
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).filter(v -> !v.isBlank());
  }
}
