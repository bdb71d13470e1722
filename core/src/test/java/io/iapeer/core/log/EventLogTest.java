package io.iapeer.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared logfmt writer (06 D16, 03 §10.1, 02 §11). */
class EventLogTest {
  @TempDir Path tmp;
  static final Instant T = Instant.parse("2026-03-02T08:15:07.412Z");

  @Test
  void linesFollowTheSpecExampleExactly() {
    assertThat(
            LogLine.at(T).add("ev", "delivery").add("caller", "claude-lena").add("to", "ops-desk")
                .add("ok", true).add("via", "telegram-ops-desk").add("woke", false).add("ms", 184)
                .add("len", 42).add("topic", "Q1 plan").toString())
        .isEqualTo(
            "ts=2026-03-02T08:15:07.412Z ev=delivery caller=claude-lena to=ops-desk ok=true"
                + " via=telegram-ops-desk woke=false ms=184 len=42 topic=\"Q1 plan\"");
    assertThat(LogLine.at(T).add("err", "peer \"ghost\" is not in the iapeer peers index").toString())
        .endsWith(" err=\"peer \\\"ghost\\\" is not in the iapeer peers index\"");
  }

  @Test
  void emptyAbsentAndAwkwardValuesRenderSafely() {
    assertThat(LogLine.at(T).add("a", "").add("b", null).add("c", "x=y").add("d", "back\\slash")
            .add("e", "two\nlines\r").toString())
        .isEqualTo("ts=2026-03-02T08:15:07.412Z a=\"\" c=\"x=y\" d=back\\slash e=two\\nlines\\r");
  }

  @Test
  void appendCreatesAPrivateFileAndRotationKeepsTheNewestCopies() throws IOException {
    Path file = tmp.resolve("logs/iapeer/lifecycle.log");
    EventLog log = new EventLog(file, 200, 2);
    for (int i = 0; i < 12; i++) {
      assertThat(log.append(LogLine.at(T).add("ev", "wake").add("n", i))).isTrue();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.size(file)).isLessThanOrEqualTo(200);
    assertThat(file.resolveSibling("lifecycle.log.1")).exists();
    assertThat(file.resolveSibling("lifecycle.log.2")).exists();
    assertThat(file.resolveSibling("lifecycle.log.3")).doesNotExist();
    List<String> newest = Files.readAllLines(file);
    assertThat(newest.get(newest.size() - 1)).endsWith(" n=11");
  }

  @Test
  void aThreadInterruptedAtShutdownStillWritesItsLine() throws IOException {
    Path file = tmp.resolve("lifecycle.log");
    EventLog log = new EventLog(file, 1000, 2);
    Thread.currentThread().interrupt();
    try {
      assertThat(log.append(LogLine.at(T).add("ev", "supervise"))).isTrue();
      assertThat(log.append(LogLine.at(T).add("ev", "again"))).isTrue();
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
    }
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void aFileRotatedOrRemovedByAnotherProcessGetsTheNextLineInItsNewFile() throws IOException {
    Path file = tmp.resolve("delivery.log");
    EventLog log = new EventLog(file, 10_000, 2);
    log.append(LogLine.at(T).add("n", 1));
    Files.move(file, tmp.resolve("delivery.log.1")); // the other process rotated it
    log.append(LogLine.at(T).add("n", 2));
    Files.delete(file); // an operator removed it
    log.append(LogLine.at(T).add("n", 3));

    assertThat(Files.readAllLines(tmp.resolve("delivery.log.1"))).hasSize(1).allMatch(l -> l.endsWith(" n=1"));
    assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.endsWith(" n=3"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void manyLogsAndTwoWritersOfOneFileKeepEveryLineInOrder() throws IOException {
    EventLog daemon = new EventLog(tmp.resolve("shared.log"), 100_000, 2);
    EventLog verb = new EventLog(tmp.resolve("shared.log"), 100_000, 2);
    List<EventLog> others = new ArrayList<>();
    for (int i = 0; i < EventLog.MAX_OPEN + 3; i++) {
      others.add(new EventLog(tmp.resolve("other-" + i + ".log"), 100_000, 2));
    }
    for (int n = 0; n < 5; n++) {
      daemon.append(LogLine.at(T).add("by", "daemon").add("n", n));
      verb.append(LogLine.at(T).add("by", "verb").add("n", n));
      for (EventLog o : others) {
        o.append(LogLine.at(T).add("n", n));
      }
    }
    assertThat(Files.readAllLines(tmp.resolve("shared.log"))).hasSize(10)
        .element(9).asString().endsWith("by=verb n=4");
    for (int i = 0; i < others.size(); i++) {
      assertThat(Files.readAllLines(tmp.resolve("other-" + i + ".log"))).hasSize(5);
    }
  }

  @Test
  void aFailureToWriteIsSwallowed() throws IOException {
    Path blocker = Files.writeString(tmp.resolve("file"), "x");
    EventLog log = new EventLog(blocker.resolve("below/lifecycle.log"), 1000, 2);
    assertThat(log.append(LogLine.at(T).add("ev", "wake"))).isFalse();
  }
}
