package io.iapeer.host.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a unit file back the way systemd documents it (systemd.syntax(7), systemd.service(5),
 * systemd.exec(5)), strictly: it accepts only what our writer should produce, so an escaping slip
 * fails here instead of changing a value silently. systemd-analyze verify checks the syntax and
 * the program path; this checks that every other value reads back as the spec's.
 */
final class UnitReader {
  private UnitReader() {}

  /** Section → its {@code Key=value} lines in order, values as systemd sees them before escapes. */
  static Map<String, List<Map.Entry<String, String>>> sections(String unit) {
    Map<String, List<Map.Entry<String, String>>> out = new LinkedHashMap<>();
    List<Map.Entry<String, String>> current = null;
    for (String line : unit.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      if (line.endsWith("\\")) {
        throw new IllegalArgumentException("a line ending in a backslash continues: " + line);
      }
      if (l.startsWith("[")) {
        current = new ArrayList<>();
        out.put(l, current);
        continue;
      }
      int eq = l.indexOf('=');
      if (current == null || eq < 0) {
        throw new IllegalArgumentException("not a Key=value line in a section: " + line);
      }
      current.add(Map.entry(l.substring(0, eq).strip(), l.substring(eq + 1).strip()));
    }
    return out;
  }

  /** The words of a command line: quotes removed, {@code \\} and {@code \"} unescaped. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= line.length()) {
        return out;
      }
      StringBuilder w = new StringBuilder();
      if (line.charAt(i) == '"') {
        for (i++; line.charAt(i) != '"'; i++) {
          if (line.charAt(i) == '\\') {
            i++;
            char c = line.charAt(i);
            if (c != '\\' && c != '"') {
              throw new IllegalArgumentException("an escape our writer never makes: \\" + c);
            }
          }
          w.append(line.charAt(i));
        }
        i++;
        if (i < line.length() && line.charAt(i) != ' ') {
          throw new IllegalArgumentException("a closing quote must end the word: " + line);
        }
      } else {
        for (; i < line.length() && line.charAt(i) != ' '; i++) {
          char c = line.charAt(i);
          if (c == '"' || c == '\'' || c == '\\') {
            throw new IllegalArgumentException("unquoted " + c + " in: " + line);
          }
          w.append(c);
        }
        if (w.toString().equals(";")) {
          throw new IllegalArgumentException("an unquoted ; separates commands: " + line);
        }
      }
      out.add(w.toString());
    }
  }

  /** {@code %%} → {@code %}; any other {@code %} would be a specifier systemd replaces. */
  static String specifiers(String s) {
    return unescapeDoubled(s, '%');
  }

  /** {@code $$} → {@code $}; any other {@code $} would be a variable systemd expands. */
  static String dollars(String s) {
    return unescapeDoubled(s, '$');
  }

  private static String unescapeDoubled(String s, char c) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        if (i + 1 >= s.length() || s.charAt(i + 1) != c) {
          throw new IllegalArgumentException("a lone " + c + " in: " + s);
        }
        i++;
      }
      b.append(s.charAt(i));
    }
    return b.toString();
  }
}
