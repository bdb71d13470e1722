package io.iapeer.host.runtime;

import io.iapeer.core.storage.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The compact completion gate's transcript side (03 §7.2): note where each candidate transcript
 * ends before {@code /compact} is sent, then look only at what was written after that for the
 * runtime's completion record.
 */
public final class CompactMarkers {
  private CompactMarkers() {}

  /** Each candidate transcript with its current size. */
  public static Map<Path, Long> baseline(RuntimeAdapter adapter, Path cwd) {
    Map<Path, Long> sizes = new LinkedHashMap<>();
    for (Path f : adapter.transcriptFiles(cwd)) {
      sizes.put(f, TranscriptFiles.size(f));
    }
    return sizes;
  }

  /**
   * Whether a completion record was written after {@code baseline}: each known file is read from
   * its baseline size (from 0 if it shrank, i.e. was rewritten), a new file from 0.
   */
  public static boolean seenSince(RuntimeAdapter adapter, Path cwd, Map<Path, Long> baseline) {
    for (Path f : adapter.transcriptFiles(cwd)) {
      long from = baseline.getOrDefault(f, 0L);
      long offset = from > TranscriptFiles.size(f) ? 0 : from;
      if (scan(TranscriptFiles.from(f, offset), adapter::isCompactMarker)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any whole line of {@code bytes} is a JSON record {@code isMarker} accepts. A cut first
   * line (the baseline fell mid-record) or an unfinished last line simply does not parse.
   */
  public static boolean scan(byte[] bytes, Predicate<JsonNode> isMarker) {
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      if (isRecord(line, isMarker)) {
        return true;
      }
      start = i + 1;
    }
    return false;
  }

  private static boolean isRecord(String line, Predicate<JsonNode> isMarker) {
    if (line.isBlank()) {
      return false;
    }
    try {
      return isMarker.test(Json.parse(line));
    } catch (JacksonException e) {
      return false;
    }
  }
}
