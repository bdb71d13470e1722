package io.iapeer.host.session;

/**
 * How {@link SessionHost#paste} pastes (03 §7.1 step 2).
 *
 * @param bracketed {@code paste-buffer -p}: wrap in bracketed-paste markers when the program asked
 * @param keepLf {@code paste-buffer -r}: keep LF; without it tmux turns every LF into CR
 */
public record PasteMode(boolean bracketed, boolean keepLf) {
  /** A TUI agent: one bracketed block that Enter submits. */
  public static final PasteMode TUI = new PasteMode(true, false);
  /** A router reading lines: bracketed, newlines kept, submitted by {@code C-j}. */
  public static final PasteMode ROUTER = new PasteMode(true, true);
}
