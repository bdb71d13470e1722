package io.iapeer.host.prompt;

/**
 * J(s) of 03 §8.2: a JSON string literal that is also a YAML double-quoted scalar. Written by hand
 * (06 D16) because JSON libraries differ in hex case and in escaping {@code /}.
 */
public final class YamlString {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private YamlString() {}

  /**
   * {@code s} in double quotes: {@code "} and {@code \} backslashed, the five short control
   * escapes, every other C0 control and DEL as a lowercase six-character escape ({@code 00xx}), an
   * unpaired surrogate likewise ({@code dxxx}); all else ({@code /}, non-ASCII, emoji) literal.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
