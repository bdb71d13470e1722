package io.iapeer.host.runtime;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Claude Code menu as drawn on the screen: option rows, one of them led by the cursor {@code ❯}
 * (real-runtimes.md). Rows may be unnumbered (the current CLI: {@code ❯ No, exit}) or numbered (03
 * §3.2: {@code ❯ 1. No, exit}); a row is known by its label either way.
 *
 * <p>Cursor-verified answering: exactly one key per look at the screen — {@code Down}/{@code Up}
 * toward the wanted row, {@code Enter} only once the screen shows the cursor on it. A swallowed key
 * is simply retried on the next look, and a refusing default is never confirmed.
 */
final class Menu {
  /** Optional cursor, optional {@code N.}, then the label; every line parses. */
  private static final Pattern ROW = Pattern.compile("\\s*(❯)?\\s*(?:\\d+\\.\\s+)?(.*)");

  private record Row(boolean cursor, String label) {
    static Row of(String line) {
      Matcher m = ROW.matcher(line);
      m.matches();
      return new Row(m.group(1) != null, m.group(2));
    }

    boolean is(Pattern wanted) {
      return wanted.matcher(label).lookingAt();
    }
  }

  private Menu() {}

  /**
   * The one key that moves the cursor toward the bottom-most row whose label starts with
   * {@code wanted}, or confirms it; empty when that row or the cursor is not on the screen.
   */
  static Optional<String> step(String screen, Pattern wanted) {
    List<Row> rows = screen.lines().map(Row::of).toList();
    int cursor = -1;
    int target = -1;
    for (int i = 0; i < rows.size(); i++) {
      cursor = rows.get(i).cursor() ? i : cursor;
      target = rows.get(i).is(wanted) ? i : target;
    }
    if (cursor < 0 || target < 0) {
      return Optional.empty();
    }
    return Optional.of(cursor == target ? "Enter" : cursor < target ? "Down" : "Up");
  }

  /** Whether a row whose label starts with {@code wanted} is drawn. */
  static boolean drawn(String screen, Pattern wanted) {
    return screen.lines().map(Row::of).anyMatch(r -> r.is(wanted));
  }

  /** Whether the bottom-most row led by the cursor starts with {@code label}. */
  static boolean cursorOn(String screen, Pattern label) {
    List<Row> rows = screen.lines().map(Row::of).filter(Row::cursor).toList();
    return !rows.isEmpty() && rows.getLast().is(label);
  }
}
