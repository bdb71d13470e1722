package io.iapeer.host.fakeagent;

import java.util.ArrayList;
import java.util.List;

/**
 * The input buffer (03 §11 F6): what will be submitted, and what the composer row shows for it.
 * A multi-line paste is one unit — claude shows a {@code [Pasted text #n +k lines]} chip, codex its
 * last line — and Backspace removes it whole, as in the real TUIs.
 */
final class Composer {
  private record Segment(String content, String label) {}

  private final boolean claude;
  private final List<Segment> segments = new ArrayList<>();
  private int pastes;

  Composer(boolean claude) {
    this.claude = claude;
  }

  void type(String s) {
    int last = segments.size() - 1;
    if (last >= 0 && segments.get(last).label() == null) {
      segments.set(last, new Segment(segments.get(last).content() + s, null));
    } else {
      segments.add(new Segment(s, null));
    }
  }

  void paste(String s) {
    if (!s.contains("\n")) {
      type(s);
      return;
    }
    pastes++;
    String label;
    if (claude) {
      label = "[Pasted text #" + pastes + " +" + s.chars().filter(c -> c == '\n').count() + " lines]";
    } else {
      String[] lines = s.strip().split("\n");
      label = lines[lines.length - 1];
    }
    segments.add(new Segment(s, label));
  }

  void backspace() {
    int last = segments.size() - 1;
    if (last < 0) {
      return;
    }
    Segment seg = segments.get(last);
    String c = seg.content();
    if (seg.label() != null || c.codePointCount(0, c.length()) <= 1) {
      segments.remove(last);
    } else {
      segments.set(last, new Segment(c.substring(0, c.offsetByCodePoints(c.length(), -1)), null));
    }
  }

  void clear() {
    segments.clear();
    pastes = 0;
  }

  String content() {
    StringBuilder b = new StringBuilder();
    segments.forEach(s -> b.append(s.content()));
    return b.toString();
  }

  /** The rows the composer shows; typed newlines (C-j) continue on the next row. */
  List<String> display() {
    StringBuilder b = new StringBuilder();
    segments.forEach(s -> b.append(s.label() != null ? s.label() : s.content()));
    return List.of(b.toString().split("\n", -1));
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }
}
