package io.iapeer.host.realcli;

import java.util.List;

/**
 * A boot menu of a real CLI: recognised by a text on screen, options unnumbered (Claude) or
 * numbered (Codex), the selected one marked by {@code cursor} at the start of its row.
 */
record Dialog(String name, String marker, String cursor, List<Option> options, int accept) {

  /** {@code slug} names the saved screen with the cursor on this option. */
  record Option(String slug, String label) {}

  boolean showing(String screen) {
    return screen.contains(marker);
  }

  /** The index of the option the cursor is on, or -1 while the menu is not drawn yet. */
  int selected(String screen) {
    for (String line : screen.lines().toList()) {
      String row = line.strip();
      if (row.startsWith(cursor)) {
        String label = row.substring(cursor.length()).strip();
        for (int i = 0; i < options.size(); i++) {
          if (options.get(i).label().equals(label)) {
            return i;
          }
        }
      }
    }
    return -1;
  }
}
