package io.iapeer.host.realcli;

import java.util.regex.Pattern;

/**
 * One capture of a pane: {@code ansi} keeps the SGR colour sequences (placeholder text is dim or
 * grey, and Claude draws its cursor as an inverse cell, which is how the adapters tell them from
 * typed text), {@code text} is what {@code capture-pane -p} gives for the same screen.
 */
record Screen(String text, String ansi) {
  private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;:]*m");
  /** -p trims trailing spaces; with -e a coloured one (the cursor cell) stays in. */
  private static final Pattern TRAILING_SPACES = Pattern.compile(" +$", Pattern.MULTILINE);

  static Screen of(String ansi) {
    String plain = SGR.matcher(ansi).replaceAll("");
    return new Screen(TRAILING_SPACES.matcher(plain).replaceAll(""), ansi);
  }
}
