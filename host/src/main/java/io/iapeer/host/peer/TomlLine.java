package io.iapeer.host.peer;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Just enough TOML to edit codex's config line by line without reformatting it (03 §3.5): table
 * headers (so {@code [mcp_servers."iapeer"]} is recognised and a section's end is found), one-line
 * string values, and basic-string quoting. Nothing here rewrites a line it did not mean to change.
 */
final class TomlLine {
  private TomlLine() {}

  /** A {@code [table]} or {@code [[array]]} header line, with its dotted key unquoted. */
  record Header(List<String> key, boolean array) {}

  static Optional<Header> header(String line) {
    Cursor c = new Cursor(line);
    c.blanks();
    if (!c.eat('[')) {
      return Optional.empty();
    }
    boolean array = c.eat('[');
    List<String> key = new ArrayList<>();
    do {
      c.blanks();
      Optional<String> part = c.key();
      if (part.isEmpty()) {
        return Optional.empty();
      }
      key.add(part.get());
      c.blanks();
    } while (c.eat('.'));
    if (!c.eat(']') || (array && !c.eat(']')) || !c.restIsComment()) {
      return Optional.empty();
    }
    return Optional.of(new Header(List.copyOf(key), array));
  }

  /** The value of a one-line string such as {@code "x" # note} or {@code 'x'}; else empty. */
  static Optional<String> string(String value) {
    Cursor c = new Cursor(value);
    c.blanks();
    Optional<String> s = c.peek() == '\'' ? c.literal() : c.basic();
    return s.filter(v -> c.restIsComment());
  }

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            b.append(String.format("\\u%04X", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      // A CRLF file's lines keep their \r once split on \n; TOML treats it as part of the newline.
      this.s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    char peek() {
      return i < s.length() ? s.charAt(i) : 0;
    }

    boolean eat(char ch) {
      if (peek() == ch && i < s.length()) {
        i++;
        return true;
      }
      return false;
    }

    void blanks() {
      while (peek() == ' ' || peek() == '\t') {
        i++;
      }
    }

    boolean restIsComment() {
      blanks();
      return i == s.length() || s.charAt(i) == '#';
    }

    Optional<String> key() {
      char ch = peek();
      if (ch == '"') {
        return basic();
      }
      if (ch == '\'') {
        return literal();
      }
      int start = i;
      while (isBare(peek())) {
        i++;
      }
      return i > start ? Optional.of(s.substring(start, i)) : Optional.empty();
    }

    Optional<String> literal() {
      if (!eat('\'')) {
        return Optional.empty();
      }
      int end = s.indexOf('\'', i);
      if (end < 0) {
        return Optional.empty();
      }
      String v = s.substring(i, end);
      i = end + 1;
      return Optional.of(v);
    }

    Optional<String> basic() {
      if (!eat('"')) {
        return Optional.empty();
      }
      StringBuilder b = new StringBuilder();
      while (i < s.length()) {
        char ch = s.charAt(i++);
        if (ch == '"') {
          return Optional.of(b.toString());
        }
        if (ch != '\\') {
          b.append(ch);
          continue;
        }
        if (i >= s.length()) {
          return Optional.empty();
        }
        char esc = s.charAt(i++);
        switch (esc) {
          case '"', '\\' -> b.append(esc);
          case 'b' -> b.append('\b');
          case 't' -> b.append('\t');
          case 'n' -> b.append('\n');
          case 'f' -> b.append('\f');
          case 'r' -> b.append('\r');
          case 'u', 'U' -> {
            int len = esc == 'u' ? 4 : 8;
            String hex = s.substring(i, Math.min(i + len, s.length()));
            if (hex.length() < len || !hex.chars().allMatch(HexFormat::isHexDigit)) {
              return Optional.empty();
            }
            try {
              b.appendCodePoint(HexFormat.fromHexDigits(hex));
            } catch (IllegalArgumentException e) {
              return Optional.empty(); // beyond U+10FFFF
            }
            i += len;
          }
          default -> {
            return Optional.empty();
          }
        }
      }
      return Optional.empty();
    }

    private static boolean isBare(char ch) {
      return (ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || ch == '_'
          || ch == '-';
    }
  }
}
