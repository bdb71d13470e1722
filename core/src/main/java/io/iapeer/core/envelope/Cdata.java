package io.iapeer.core.envelope;

import java.util.Optional;

/** CDATA writing and CDATA-aware scanning for the decoder and extractor (02 §1.5, §2.2). */
final class Cdata {
  static final String OPEN = "<![CDATA[";
  static final String CLOSE = "]]>";

  private Cdata() {}

  /** CDATA(v): every {@code ]]>} is split across two adjacent sections (02 §1.5). */
  static String wrap(String v) {
    return OPEN + v.replace(CLOSE, "]]]]><![CDATA[>") + CLOSE;
  }

  /**
   * The first index of {@code needle} at or after {@code from} that is not inside a CDATA section,
   * or -1 when there is none or an unterminated section hides the rest (02 §2.2, §3.1 step 4).
   */
  static int indexOutside(String s, String needle, int from) {
    int hit = s.indexOf(needle, from);
    int i = from;
    while (hit >= 0) {
      int open = s.indexOf(OPEN, i);
      if (open < 0 || hit < open) {
        return hit;
      }
      int close = s.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        return -1;
      }
      i = close + CLOSE.length();
      if (hit < i) {
        hit = s.indexOf(needle, i);
      }
    }
    return -1;
  }

  /**
   * The text of the first {@code <tag>} outside CDATA (02 §2.2): adjacent sections joined, raw text
   * kept verbatim (no entity decoding); absent when the open or close tag is never reached.
   */
  static Optional<String> readElement(String xml, String tag) {
    String openTag = "<" + tag + ">";
    String closeTag = "</" + tag + ">";
    int start = indexOutside(xml, openTag, 0);
    if (start < 0) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    int i = start + openTag.length();
    while (true) {
      int lt = xml.indexOf('<', i);
      if (lt < 0) {
        return Optional.empty();
      }
      text.append(xml, i, lt);
      if (xml.startsWith(closeTag, lt)) {
        return Optional.of(text.toString());
      }
      if (!xml.startsWith(OPEN, lt)) {
        text.append('<');
        i = lt + 1;
        continue;
      }
      int body = lt + OPEN.length();
      int end = xml.indexOf(CLOSE, body);
      if (end < 0) {
        // 02 §2.2 step 3: an unterminated section runs to the end of the input.
        return Optional.of(text.append(xml, body, xml.length()).toString());
      }
      text.append(xml, body, end);
      i = end + CLOSE.length();
    }
  }
}
