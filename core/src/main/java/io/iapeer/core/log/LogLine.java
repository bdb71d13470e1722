package io.iapeer.core.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One logfmt line (03 §10.1, 02 §11): {@code ts=<ISO UTC ms>} then {@code key=value} pairs in the
 * order added. A value is bare unless it is empty or holds whitespace, {@code "} or {@code =};
 * then it is quoted with {@code \} and {@code "} escaped. CR and LF never reach the file raw.
 */
public final class LogLine {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder sb = new StringBuilder();

  private LogLine(Instant ts) {
    sb.append("ts=").append(TS.format(ts));
  }

  public static LogLine at(Instant ts) {
    return new LogLine(ts);
  }

  /** Adds {@code key=value}; a null value is an absent field and is omitted. */
  public LogLine add(String key, Object value) {
    if (value != null) {
      sb.append(' ').append(key).append('=').append(render(value));
    }
    return this;
  }

  static String render(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String s = value.toString().replace("\r", "\\r").replace("\n", "\\n");
    if (s.isEmpty()) {
      return "\"\"";
    }
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = Character.isWhitespace(c) || c == '"' || c == '=';
    }
    return quote ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : s;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
