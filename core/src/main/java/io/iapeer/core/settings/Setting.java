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
  IAPEER_CLAUDE_BIN("~/.local/bin/claude, else claude on PATH", "the Claude Code binary; set = installed"),
  IAPEER_CODEX_BIN("~/.local/bin/codex, else codex on PATH", "the Codex CLI binary; set = installed"),
  CODEX_HOME("~/.codex", "Codex config folder; its config.toml gets the iapeer MCP block"),
  IAPEER_BIN_DIR("~/.local/bin", "where ./install.sh links the iapeer launcher"),
  IAPEER_INSTALL_DIR("~/.local/share/iapeer", "where ./install.sh puts versioned installs"),
  IAPEER_LOCK_TIMEOUT_MS("5000", "how long a writer waits for a registry or profile lock"),
  IAPEER_TEST_SANDBOX("unset", "1 = a test: refuse to write the real ~/.iapeer (tests set it)"),
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
