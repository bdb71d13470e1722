package io.iapeer.host.runtime;

import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The content time of a transcript's last timestamped entry (03 §3.6): idle accounting uses when
 * the conversation last moved, not when a file was last touched (a resume re-saves the file).
 *
 * <p>Reads a tail window (64 KiB, doubling until the file's start) and scans its lines from the
 * end. The first line of a window that does not start at byte 0 may be a cut record and is skipped;
 * records without a {@code timestamp} (titles, summaries) are skipped.
 */
final class LastTimestamp {
  static final int WINDOW = 64 * 1024;

  private LastTimestamp() {}

  static Optional<Instant> of(Path file) {
    return of(file, WINDOW);
  }

  static Optional<Instant> of(Path file, int firstWindow) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long window = firstWindow; ; window *= 2) {
        long start = Math.max(0, size - window);
        Optional<Instant> found = lastIn(TranscriptFiles.read(ch, start, size), start > 0);
        if (found.isPresent() || start == 0) {
          return found;
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> lastIn(byte[] bytes, boolean cutHead) {
    int end = bytes.length;
    for (int i = bytes.length - 1; i >= -1; i--) {
      if (i >= 0 && bytes[i] != '\n') {
        continue;
      }
      boolean firstSegment = i < 0;
      if (!(firstSegment && cutHead)) {
        String line = new String(bytes, i + 1, end - i - 1, StandardCharsets.UTF_8);
        Optional<Instant> ts = timestamp(line);
        if (ts.isPresent()) {
          return ts;
        }
      }
      end = i;
    }
    return Optional.empty();
  }

  /** An ISO-8601 instant string, or a finite number of epoch milliseconds. */
  static Optional<Instant> timestamp(String line) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode ts = Json.parse(line).path("timestamp");
      if (ts.isString()) {
        return Optional.of(Instant.parse(ts.stringValue().strip()));
      }
      if (ts.isNumber() && Double.isFinite(ts.doubleValue())) {
        return Optional.of(Instant.ofEpochMilli(Math.round(ts.doubleValue())));
      }
      return Optional.empty();
    } catch (JacksonException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
