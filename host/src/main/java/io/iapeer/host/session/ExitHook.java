package io.iapeer.host.session;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import java.nio.file.Path;

/**
 * The {@code pane-died} hook of 03 §5 step 4 (case 15): when the session's process dies, append one
 * {@code ev=session-exit} line to exits.log (03 §10.2), then end the session. {@code run-shell} runs
 * in the foreground so the line is written before {@code kill-session} tears the server down.
 */
final class ExitHook {
  private ExitHook() {}

  static String command(Identity id, Path exitsLog) {
    String line =
        "printf \"ts=%s ev=session-exit identity=" + id.address()
            + " dead_status=#{pane_dead_status} dead_signal=#{pane_dead_signal}\\n\""
            + " \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> \"" + quoted(exitsLog) + "\"";
    return "run-shell '" + line + "' ; kill-session -t \"" + id.address() + "\"";
  }

  /**
   * The path survives three readers: tmux's parser (inside {@code '…'}, where only {@code '} is
   * special), run-shell's format expansion ({@code #} → {@code ##}) and sh's double quotes.
   */
  private static String quoted(Path path) {
    String p = path.toString();
    if (p.chars().anyMatch(c -> c == '\'' || Character.isISOControl(c))) {
      throw new IapException("cannot install the exit hook: the path " + p
          + " holds a single quote or a control character; choose an IAPEER_ROOT without them");
    }
    return p.replaceAll("([\\\\\"$`])", "\\\\$1").replace("#", "##");
  }
}
