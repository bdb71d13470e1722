package io.iapeer.host.runtime;

import static io.iapeer.host.runtime.Dialog.allOf;
import static io.iapeer.host.runtime.Dialog.anyOf;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Claude Code's start-up dialogs (03 §3.2 table, amended by real-runtimes.md and 06 D8), in the
 * order they are looked for.
 *
 * <p>Claude 2.1.332 draws folder trust, bypass mode and the custom API key as unnumbered menus
 * whose default is the refusing option, and a blind {@code Enter} exits the CLI. So those are answered
 * only by moving the cursor (see {@link Menu}); when the accepting row or the cursor cannot be seen
 * we wait rather than guess. Dialogs whose default accepts (imports, development channels, MCP
 * approval, theme) keep 03's plain {@code Enter} when no menu row we know is drawn.
 */
final class ClaudeDialogs {
  static final String API_KEY_REASON =
      "Claude Code asks whether to use ANTHROPIC_API_KEY; approve it once in ~/.claude.json or"
          + " unset it";

  static final List<Dialog> TABLE =
      List.of(
          // 06 D8: never approve a key on the user's behalf.
          new Dialog(
              "custom-api-key",
              anyOf("Detected a custom API key", "Do you want to use this API key?"),
              screen -> new BootDialog.Refuse("custom-api-key", API_KEY_REASON)),
          new Dialog(
              "bypass-permissions",
              anyOf("Bypass Permissions mode"),
              strict("bypass-permissions", "Yes, I accept")),
          // "Resume from summary" would compact the conversation; take the full session.
          new Dialog(
              "resume-picker",
              anyOf("Resume from summary"),
              strict("resume-picker", "Resume full session")),
          // Seen on the real 2.1.332 for `--add-dir /` on a fresh HOME: "Adding a new directory:"
          // with `❯ No, exit` / `Yes, add it`; the refusing default exits the CLI.
          new Dialog(
              "add-directory",
              anyOf("Adding a new directory:"),
              strict("add-directory", "Yes, add it")),
          // Real: "Quick safety check: …" / "Yes, I trust this folder"; older CLIs: "Yes, proceed".
          new Dialog(
              "folder-trust",
              anyOf(
                  "Quick safety check", "trust this folder", "Do you trust the files in this folder"),
              strict("folder-trust", "Yes, I trust this folder|Yes, proceed")),
          new Dialog(
              "claude-md-imports",
              anyOf("Allow external CLAUDE.md file imports?"),
              lenient("claude-md-imports", "Yes")),
          new Dialog(
              "development-channels",
              anyOf("I am using this for local development"),
              lenient("development-channels", "I am using this for local development")),
          // Both parts: a conversation that merely mentions a "new MCP server" is no dialog. The real
          // 2.1.332 with one server says "New MCP server found in this project: iapeer", capital N,
          // its cursor on "Continue without using this MCP server": a plain Enter would refuse.
          new Dialog(
              "mcp-approval",
              anyOf("new MCP server", "New MCP server").and(allOf("found in")),
              lenient("mcp-approval", "Use this")),
          new Dialog("theme", anyOf("Choose the text style"), Dialog.keys("theme", "Enter")),
          new Dialog(
              "resuming",
              anyOf("Resuming the full session"),
              screen -> new BootDialog.Wait("resuming")));

  // The needles are split so a peer reading this source on its screen cannot trigger the nag rule.
  private static final String NAG = "Try the new " + "fullscreen renderer?";
  private static final Pattern NAG_ROW = Pattern.compile("Yes, try" + " it|Not now");
  private static final Pattern NAG_DECLINE = Pattern.compile("Not now");

  private ClaudeDialogs() {}

  /** The fullscreen-renderer nag (03 §3.2): declined only while its own menu holds the cursor. */
  static Optional<List<String>> nagDismissKeys(String screen) {
    if (!screen.contains(NAG) || !Menu.cursorOn(screen, NAG_ROW)) {
      return Optional.empty();
    }
    return Menu.step(screen, NAG_DECLINE).map(List::of);
  }

  /** Cursor-verified, and nothing is typed until the accepting row and the cursor are seen. */
  private static Function<String, BootDialog> strict(String name, String accept) {
    Pattern wanted = Pattern.compile(accept);
    return screen ->
        Menu.step(screen, wanted)
            .<BootDialog>map(key -> new BootDialog.Keys(name, List.of(key)))
            .orElse(new BootDialog.Wait(name));
  }

  /** Cursor-verified when the accepting row is drawn; otherwise 03's plain {@code Enter}. */
  private static Function<String, BootDialog> lenient(String name, String accept) {
    Pattern wanted = Pattern.compile(accept);
    Function<String, BootDialog> verified = strict(name, accept);
    return screen ->
        Menu.drawn(screen, wanted)
            ? verified.apply(screen)
            : new BootDialog.Keys(name, List.of("Enter"));
  }
}
