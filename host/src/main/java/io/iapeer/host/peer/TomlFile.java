package io.iapeer.host.peer;

import io.iapeer.core.IapException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A TOML file held as its lines, edited a line at a time so a user's formatting and comments stay
 * as they are (03 §3.5). Joining the lines with {@code \n} gives back the exact text read.
 */
final class TomlFile {
  private final Path path;
  private final Optional<String> original;
  private final List<String> lines;

  private TomlFile(Path path, Optional<String> original) {
    this.path = path;
    this.original = original;
    this.lines = new ArrayList<>(Arrays.asList(original.orElse("").split("\n", -1)));
  }

  /** The file's text; a missing file reads as empty and is created by {@link #save}. */
  static TomlFile read(Path path) {
    return new TomlFile(path, ForeignFiles.read(path).map(bytes -> text(path, bytes)));
  }

  private static String text(Path path, byte[] bytes) {
    return ForeignFiles.utf8(bytes)
        .orElseThrow(
            () -> new IapException(path + " is not UTF-8 text, so not TOML — fix it, then re-run"));
  }

  boolean exists() {
    return original.isPresent();
  }

  boolean anyLine(Pattern start) {
    return lines.stream().anyMatch(l -> start.matcher(l).lookingAt());
  }

  /** The line of the {@code [key]} header (not {@code [[key]]}), however its key is quoted. */
  OptionalInt table(List<String> key) {
    for (int i = 0; i < lines.size(); i++) {
      Optional<TomlLine.Header> h = TomlLine.header(lines.get(i));
      if (h.isPresent() && !h.get().array() && h.get().key().equals(key)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** The line after a section's last line: the next table header, or the end of the file. */
  int sectionEnd(int header) {
    int i = header + 1;
    while (i < lines.size() && TomlLine.header(lines.get(i)).isEmpty()) {
      i++;
    }
    return i;
  }

  String line(int i) {
    return lines.get(i);
  }

  void set(int i, String line) {
    lines.set(i, line);
  }

  /** Top-level keys must come before the first table, so the top of the file is the safe place. */
  void prepend(String line) {
    lines.add(0, line);
  }

  /** After normalising trailing newlines to one, a blank line, then the section (03 §3.5). */
  void append(List<String> section) {
    trimTrailingNewlines();
    if (!lines.isEmpty()) {
      lines.add("");
    }
    lines.addAll(section);
    lines.add("");
  }

  /**
   * Removes a section: its header and the lines up to the next header or the end of the file,
   * except comments just above the next header, which describe what follows.
   */
  void removeSection(int header) {
    int end = sectionEnd(header);
    while (end > header + 1 && isBlankOrComment(lines.get(end - 1))) {
      end--;
    }
    while (end < lines.size() && lines.get(end).isBlank()) {
      end++;
    }
    boolean atEof = end == lines.size();
    lines.subList(header, end).clear();
    if (atEof) {
      trimTrailingNewlines();
      if (!lines.isEmpty()) {
        lines.add("");
      }
    }
  }

  /** Writes only when the text differs from what was read, so a re-run leaves the file alone. */
  boolean save() {
    String text = String.join("\n", lines);
    if (original.isPresent() && original.get().equals(text)) {
      return false;
    }
    ForeignFiles.write(path, text);
    return true;
  }

  private void trimTrailingNewlines() {
    while (!lines.isEmpty() && (lines.getLast().isEmpty() || lines.getLast().equals("\r"))) {
      lines.removeLast();
    }
  }

  private static boolean isBlankOrComment(String line) {
    return line.isBlank() || line.strip().startsWith("#");
  }
}
