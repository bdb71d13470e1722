package io.iapeer.host.fakeagent;

import java.util.ArrayList;
import java.util.List;

/**
 * A startup dialog or modal (03 §11 F4, F12): text, then options with a cursor glyph on the
 * selected one. Down/Up move the cursor, Enter runs the selected option. Options are indented so a
 * dialog row is never mistaken for the composer row, which starts at column 0.
 */
final class Menu {
  record Option(String label, Runnable action) {}

  private final String glyph;
  private final List<String> text;
  private final List<Option> options = new ArrayList<>();
  private final List<String> footer = new ArrayList<>();
  private boolean numbered;
  private boolean digitCommits;
  private Runnable onEscape = () -> { };
  int cursor;

  Menu(String glyph, String... text) {
    this.glyph = glyph;
    this.text = List.of(text);
  }

  Menu option(String label, Runnable action) {
    options.add(new Option(label, action));
    return this;
  }

  /** Options shown as {@code 1. …}; a digit key moves the cursor to that option. */
  Menu numbered() {
    this.numbered = true;
    return this;
  }

  /** A digit key also confirms the option (codex's select-by-number). */
  Menu digitCommits() {
    this.numbered = true;
    this.digitCommits = true;
    return this;
  }

  Menu footer(String line) {
    footer.add(line);
    return this;
  }

  Menu cursorAt(int index) {
    cursor = index;
    return this;
  }

  Menu onEscape(Runnable r) {
    onEscape = r;
    return this;
  }

  void key(KeyReader.Key k) {
    switch (k.kind()) {
      case DOWN -> cursor = Math.min(cursor + 1, options.size() - 1);
      case UP -> cursor = Math.max(cursor - 1, 0);
      case SUBMIT -> options.get(cursor).action().run();
      case ESCAPE -> onEscape.run();
      case TEXT -> {
        int d = k.text().length() == 1 ? k.text().charAt(0) - '1' : -1;
        if (numbered && d >= 0 && d < options.size()) {
          cursor = d;
          if (digitCommits) {
            options.get(cursor).action().run();
          }
        }
      }
      default -> { }
    }
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    text.forEach(t -> out.add(t.isEmpty() ? "" : " " + t));
    out.add("");
    for (int i = 0; i < options.size(); i++) {
      String mark = i == cursor ? glyph : " ";
      out.add("  " + mark + " " + (numbered ? (i + 1) + ". " : "") + options.get(i).label());
    }
    if (!footer.isEmpty()) {
      out.add("");
      footer.forEach(f -> out.add(" " + f));
    }
    return out;
  }
}
