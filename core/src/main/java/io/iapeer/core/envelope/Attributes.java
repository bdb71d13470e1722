package io.iapeer.core.envelope;

import java.util.Optional;

/** Open-tag attribute values: escaping (02 §1.2) and name-anchored lookup (02 §2.1). */
final class Attributes {
  private Attributes() {}

  /** {@code &} first, so an escape is never escaped twice (02 §1.2). */
  static String escape(String v) {
    return v.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /** {@code &amp;} last, so {@code &amp;lt;} decodes to {@code &lt;}, not {@code <} (02 §2.1). */
  static String unescape(String v) {
    return v.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** {@code name="value"} rendered for an open tag, value escaped. */
  static String render(String name, String value) {
    return name + "=\"" + escape(value) + "\"";
  }

  /**
   * The unescaped value of the first {@code name="…"} whose name starts the attribute text or
   * follows whitespace, so {@code runtime} never matches inside {@code from-runtime} (02 §2.1).
   */
  static Optional<String> lookup(String attrs, String name) {
    int at = anchoredIndex(attrs, name);
    if (at < 0) {
      return Optional.empty();
    }
    int from = at + name.length() + 2;
    int end = attrs.indexOf('"', from);
    return end < 0 ? Optional.empty() : Optional.of(unescape(attrs.substring(from, end)));
  }

  /** Whether an anchored {@code name="} occurs, closed or not (the extractor's test, 02 §3.1). */
  static boolean hasAnchored(String attrs, String name) {
    return anchoredIndex(attrs, name) >= 0;
  }

  /**
   * Where the first anchored {@code name="} starts, or -1. A later one cannot be closed when this
   * one is not, so the first is the regex's first match.
   */
  private static int anchoredIndex(String attrs, String name) {
    String probe = name + "=\"";
    for (int i = attrs.indexOf(probe); i >= 0; i = attrs.indexOf(probe, i + 1)) {
      if (i == 0 || isSpace(attrs.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  /** The characters regex {@code \s} calls whitespace: the decoder's anchor (02 §2.1). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
