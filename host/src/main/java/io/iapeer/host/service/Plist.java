package io.iapeer.host.service;

import java.util.Map;

/**
 * The launchd property list of a spec (04 §4.2.1): XML plist 1.0, keys in a fixed order, our
 * ownership sentinel second. The sentinel is an inert key launchd ignores; renaming it would make
 * every existing definition read as foreign.
 */
final class Plist {
  static final String SENTINEL = "com.iapeer.managed";
  /** Matched as a key element, so a peer literally named "managed" (a label string) cannot match. */
  static final String SENTINEL_KEY = "<key>" + SENTINEL + "</key>";

  private static final String HEAD = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
      <plist version="1.0">
      <dict>
      """;

  private Plist() {}

  static String render(ServiceSpec spec) {
    StringBuilder b = new StringBuilder(HEAD);
    string(b, "Label", spec.label());
    key(b, 1, SENTINEL).append("\t<true/>\n");
    key(b, 1, "ProgramArguments").append("\t<array>\n");
    for (String arg : spec.argv()) {
      b.append("\t\t<string>").append(escape(arg)).append("</string>\n");
    }
    b.append("\t</array>\n");
    string(b, "WorkingDirectory", spec.workingDir().toString());
    key(b, 1, "EnvironmentVariables").append("\t<dict>\n");
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      key(b, 2, e.getKey()).append("\t\t<string>").append(escape(e.getValue())).append("</string>\n");
    }
    b.append("\t</dict>\n");
    key(b, 1, "RunAtLoad").append("\t<true/>\n");
    key(b, 1, "KeepAlive").append("\t<true/>\n");
    key(b, 1, "ThrottleInterval").append("\t<integer>").append(spec.throttle().toSeconds()).append("</integer>\n");
    string(b, "StandardOutPath", spec.stdout().toString());
    string(b, "StandardErrorPath", spec.stderr().toString());
    return b.append("</dict>\n</plist>\n").toString();
  }

  static boolean isOwned(String text) {
    return text.contains(SENTINEL_KEY);
  }

  /**
   * Drops what XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; lone surrogates;
   * U+FFFE, U+FFFF), then escapes markup. CR is written as a reference because a parser turns a
   * literal CR into LF.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\r' -> b.append("&#13;");
        default -> {
          if (xmlChar(c)) {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }

  private static boolean xmlChar(int c) {
    return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
  }

  private static void string(StringBuilder b, String key, String value) {
    key(b, 1, key).append("\t<string>").append(escape(value)).append("</string>\n");
  }

  private static StringBuilder key(StringBuilder b, int depth, String key) {
    return b.append("\t".repeat(depth)).append("<key>").append(escape(key)).append("</key>\n");
  }
}
