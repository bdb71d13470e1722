package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * 03 §3.6 as a property: whatever the window size, the reader finds what a whole-file scan from the
 * end finds — the window only changes how much is read, never the answer.
 */
class LastTimestampProperties {
  @TempDir Path dir;

  /** A record: timestamped (ISO or numeric) or a metadata record with text of any size. */
  private record Line(Optional<Long> millis, boolean iso, String text) {
    String json() {
      String ts =
          millis.map(m -> iso ? "\"timestamp\":\"" + Instant.ofEpochMilli(m) + "\"," : "\"timestamp\":" + m + ",")
              .orElse("");
      return "{" + ts + "\"text\":\"" + text + "\"}";
    }
  }

  private static Gen<Line> lines() {
    return longs().between(0, 4_000_000_000_000L).toOptionals(50).zip(
        Generate.booleans(),
        strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 300),
        Line::new);
  }

  @Test
  void anyWindowFindsTheLastTimestampedRecord() {
    qt().withExamples(300)
        .forAll(lists().of(lines()).ofSizeBetween(0, 30), integers().between(1, 2048))
        .checkAssert((ls, window) -> {
          Path f = write(ls);
          Optional<Instant> expected =
              ls.reversed().stream().flatMap(l -> l.millis().stream()).findFirst().map(Instant::ofEpochMilli);
          assertThat(LastTimestamp.of(f, window)).isEqualTo(expected);
        });
  }

  private Path write(List<Line> ls) {
    StringBuilder sb = new StringBuilder();
    ls.forEach(l -> sb.append(l.json()).append('\n'));
    try {
      return Files.writeString(dir.resolve("t.jsonl"), sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
