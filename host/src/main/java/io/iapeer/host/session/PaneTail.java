package io.iapeer.host.session;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last two non-empty lines of a screen, one line of at most 160 characters, for failure
 * reasons such as {@code never-became-ready …; pane tail: …} (03 §5, case 14).
 */
public final class PaneTail {
  private static final Pattern LINES = Pattern.compile("\r?\n");
  // Unicode-aware, so a TUI's no-break spaces collapse too.
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int MAX = 160;

  private PaneTail() {}

  public static String of(String screen) {
    List<String> lines =
        Arrays.stream(LINES.split(screen))
            .map(line -> SPACES.matcher(line).replaceAll(" ").trim())
            .filter(line -> !line.isEmpty())
            .toList();
    String tail =
        String.join(" ⏎ ", lines.subList(Math.max(0, lines.size() - 2), lines.size()))
            .replace('"', '\'');
    // Counted in code points, so an emoji is never cut in half.
    return tail.codePointCount(0, tail.length()) <= MAX
        ? tail
        : tail.substring(0, tail.offsetByCodePoints(0, MAX));
  }
}
