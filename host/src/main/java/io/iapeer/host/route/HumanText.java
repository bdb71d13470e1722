package io.iapeer.host.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a TUI's composer holds text a human typed (02 §9.8), read from a pane capture that keeps
 * its SGR escapes: on the last row whose first visible character is a prompt glyph, any non-blank
 * character after the glyph that is not drawn in the runtime's ghost style (placeholder,
 * suggestion) is human text.
 *
 * <p>tmux carries the style from one captured row to the next, so the state runs over the whole
 * capture. Other escape sequences (cursor moves, OSC hyperlinks) are skipped. A reverse-video cell
 * is the cursor, not text: Claude Code 2.1 draws it over the first character of its placeholder
 * in the default colour (real capture {@code claude-busy-queued}).
 */
final class HumanText {
  private HumanText() {}

  /** One character as drawn; {@code ghost} = placeholder style or the cursor. */
  private record Cell(int codePoint, boolean ghost) {}

  static boolean present(String styled, List<String> glyphs, List<String> ghostSgr) {
    List<List<Cell>> rows = cells(styled, ghostSgr);
    for (int i = rows.size() - 1; i >= 0; i--) {
      List<Cell> row = rows.get(i);
      String text = text(row);
      for (String glyph : glyphs) {
        if (!glyph.isEmpty() && text.startsWith(glyph)) {
          int after = glyph.codePointCount(0, glyph.length());
          return row.subList(after, row.size()).stream().anyMatch(c -> !blank(c.codePoint()) && !c.ghost());
        }
      }
    }
    return false;
  }

  /** NBSP counts as blank: Claude Code draws its prompt as {@code ❯} + U+00A0. */
  private static boolean blank(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static String text(List<Cell> row) {
    StringBuilder b = new StringBuilder();
    row.forEach(c -> b.appendCodePoint(c.codePoint()));
    return b.toString();
  }

  private static List<List<Cell>> cells(String s, List<String> ghostSgr) {
    List<List<Cell>> rows = new ArrayList<>();
    List<Cell> row = new ArrayList<>();
    Sgr sgr = new Sgr();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == 0x1b) {
        i = escape(s, i, sgr);
        continue;
      }
      i += Character.charCount(cp);
      if (cp == '\n') {
        rows.add(row);
        row = new ArrayList<>();
      } else if (cp >= 0x20 && cp != 0x7f) {
        row.add(new Cell(cp, sgr.ghost(ghostSgr)));
      }
    }
    rows.add(row);
    return rows;
  }

  /** Skips the escape sequence at {@code i}, applying it when it is SGR; returns the next index. */
  private static int escape(String s, int i, Sgr sgr) {
    if (i + 1 >= s.length()) {
      return s.length();
    }
    char kind = s.charAt(i + 1);
    if (kind == '[') {
      int j = i + 2;
      while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7e)) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == 'm') {
        sgr.apply(s.substring(i + 2, j));
      }
      return Math.min(s.length(), j + 1);
    }
    if (kind == ']' || kind == 'P' || kind == '_') {
      // OSC / DCS / APC: up to BEL or ST (ESC \)
      for (int j = i + 2; j < s.length(); j++) {
        if (s.charAt(j) == 0x07) {
          return j + 1;
        }
        if (s.charAt(j) == 0x1b && j + 1 < s.length() && s.charAt(j + 1) == '\\') {
          return j + 2;
        }
      }
      return s.length();
    }
    return i + 2;
  }

  /** The style state that decides "ghost": faint, the foreground colour, reverse video. */
  static final class Sgr {
    private boolean faint;
    private boolean reverse;
    /** {@code "31"}, {@code "38;5;246"}, {@code "truecolor"}; null = default colour. */
    private String fg;

    void apply(String params) {
      String[] p = params.replace(':', ';').split(";", -1);
      for (int k = 0; k < p.length; k++) {
        int code = number(p[k]);
        switch (code) {
          case 0 -> {
            faint = false;
            reverse = false;
            fg = null;
          }
          case 2 -> faint = true;
          case 22 -> faint = false;
          case 7 -> reverse = true;
          case 27 -> reverse = false;
          case 39 -> fg = null;
          case 38, 48, 58 -> {
            int mode = k + 1 < p.length ? number(p[k + 1]) : -1;
            String colour = null;
            if (mode == 5 && k + 2 < p.length) {
              colour = "38;5;" + number(p[k + 2]);
              k += 2;
            } else if (mode == 2) {
              colour = "truecolor"; // never ghost (02 §9.8)
              k += 4;
            } else {
              k += 1;
            }
            if (code == 38) {
              fg = colour;
            }
          }
          default -> {
            if (code >= 30 && code <= 37 || code >= 90 && code <= 97) {
              fg = Integer.toString(code);
            }
          }
        }
      }
    }

    boolean ghost(List<String> ghostSgr) {
      return reverse || faint && ghostSgr.contains("2") || fg != null && ghostSgr.contains(fg);
    }

    /** An empty parameter is 0, as terminals read it. */
    private static int number(String s) {
      if (s.isEmpty()) {
        return 0;
      }
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
