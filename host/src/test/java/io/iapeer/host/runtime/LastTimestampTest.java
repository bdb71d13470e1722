package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last-timestamped-entry reader (03 §3.6) and its edges. */
class LastTimestampTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("t.jsonl"), text);
  }

  @Test
  void theLastTimestampedLineWins() throws IOException {
    Path f = file("{\"timestamp\":\"2026-01-01T00:00:00Z\"}\n{\"timestamp\":\"2026-01-02T00:00:00Z\"}\n");
    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-02T00:00:00Z"));
  }

  @Test
  void metadataRecordsWithoutTimestampAreSkipped() throws IOException {
    Path f =
        file("{\"type\":\"user\",\"timestamp\":\"2026-01-01T00:00:00.123Z\"}\n"
            + "{\"type\":\"ai-title\",\"title\":\"Fix it\"}\n"
            + "{\"type\":\"summary\",\"summary\":\"s\",\"leafUuid\":\"u\"}\n");
    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-01T00:00:00.123Z"));
  }

  @Test
  void aNumericTimestampIsEpochMilliseconds() throws IOException {
    assertThat(LastTimestamp.of(file("{\"timestamp\":1764244800000}\n")))
        .contains(Instant.ofEpochMilli(1764244800000L));
    assertThat(LastTimestamp.of(file("{\"timestamp\":1764244800000.4}\n")))
        .contains(Instant.ofEpochMilli(1764244800000L));
  }

  @Test
  void anIsoTimestampWithAnOffsetIsConvertedToAnInstant() throws IOException {
    assertThat(LastTimestamp.of(file("{\"timestamp\":\"2026-01-01T02:00:00+02:00\"}\n")))
        .contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void unparsableTimestampsAndBrokenLinesAreSkipped() throws IOException {
    Path f =
        file("{\"timestamp\":\"2026-01-01T00:00:00Z\"}\n"
            + "{\"timestamp\":\"yesterday\"}\n"
            + "{\"timestamp\":true}\n"
            + "{\"timestamp\":null}\n"
            + "[1,2]\n"
            + "{\"timestamp\":\"2026-01-09T00:00:00Z\"\n"
            + "\n");
    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void anUnfinishedLastLineIsIgnored() throws IOException {
    Path f = file("{\"timestamp\":\"2026-01-01T00:00:00Z\"}\n{\"timestamp\":\"2026-01-0");
    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void emptyMissingOrTimestamplessFilesHaveNone() throws IOException {
    assertThat(LastTimestamp.of(file(""))).isEmpty();
    assertThat(LastTimestamp.of(dir.resolve("missing.jsonl"))).isEmpty();
    assertThat(LastTimestamp.of(file("{\"type\":\"ai-title\"}\n{}\n"))).isEmpty();
  }

  @Test
  void theCutFirstSegmentOfAWindowIsNotTrusted() throws IOException {
    // The window starts right after "garbage": what it sees of the first record parses on its own
    // and carries a timestamp, but the whole record (read once the window reaches byte 0) does not.
    String tail = "{\"timestamp\":\"2027-01-01T00:00:00Z\"}\n{\"type\":\"ai-title\"}\n";
    Path f = file("garbage" + tail);

    assertThat(LastTimestamp.of(f, tail.length())).isEmpty();
  }

  @Test
  void theWindowGrowsUntilATimestampedRecordIsInside() throws IOException {
    StringBuilder text = new StringBuilder("{\"timestamp\":\"2026-01-01T00:00:00Z\"}\n");
    for (int i = 0; i < 200; i++) {
      text.append("{\"type\":\"ai-title\",\"title\":\"").append("t".repeat(50)).append("\"}\n");
    }
    Path f = file(text.toString());

    assertThat(LastTimestamp.of(f, 16)).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aRecordLongerThanTheFirstWindowIsFoundWhole() throws IOException {
    String big = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"text\":\"" + "y".repeat(300 * 1024) + "\"}\n";
    Path f = file("{\"timestamp\":\"2025-01-01T00:00:00Z\"}\n" + big);

    assertThat(LastTimestamp.of(f)).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void multibyteTextAcrossTheWindowEdgeDoesNotMatter() throws IOException {
    Path f = file("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"t\":\"" + "é😀".repeat(40) + "\"}\n{\"m\":1}\n");
    for (int window = 1; window < 200; window += 7) {
      assertThat(LastTimestamp.of(f, window)).as("window %d", window).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }
  }
}
