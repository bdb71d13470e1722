package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk lifecycle state of 03 §2: atomic writes, tolerant reads that report garbage. */
class MarkersTest {
  static final Identity BOB = new Identity("claude", "bob");
  static final Instant T0 = Instant.parse("2026-06-06T10:11:12.345Z");

  @TempDir Path tmp;
  TestClock clock = new TestClock(T0);
  List<String> reports = new ArrayList<>();
  Markers markers;
  Path state;

  @BeforeEach
  void setUp() {
    Layout layout = Layout.from(Env.of("HOME", tmp.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));
    markers = new Markers(layout, clock, reports::add);
    state = layout.lifecycleStateDir();
  }

  @Test
  void eachFlagIsAPrivateFileHoldingTheInstantItWasSet() throws IOException {
    for (Flag f : Flag.values()) {
      assertThat(markers.has(BOB, f)).isFalse();
      markers.set(BOB, f);
      Path file = state.resolve("claude-bob." + f.suffix());
      assertThat(file).hasContent("2026-06-06T10:11:12.345Z\n");
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Modes.PRIVATE);
      assertThat(markers.has(BOB, f)).isTrue();
      assertThat(markers.clear(BOB, f)).isTrue();
      assertThat(markers.clear(BOB, f)).isFalse();
    }
    try (Stream<Path> left = Files.list(state)) {
      assertThat(left).as("no temp file is left behind").isEmpty();
    }
  }

  @Test
  void aSessionRecordIsTheSpecsJsonAndReadsBack() throws IOException {
    SessionRecord s = new SessionRecord(BOB, Path.of("/w/bob"), 1234);
    markers.writeSession(s);

    assertThat(Files.readString(state.resolve("claude-bob.session"))).isEqualTo("""
        {
          "identity": "claude-bob",
          "runtime": "claude",
          "personality": "bob",
          "cwd": "/w/bob",
          "wokeAt": 1234
        }
        """);
    assertThat(markers.session(BOB)).contains(s);
    assertThat(markers.sessions()).containsExactly(s);
    assertThat(markers.deleteSession(BOB)).isTrue();
    assertThat(markers.session(BOB)).isEmpty();
  }

  @Test
  void onePersonalitysSessionsAreReadWithoutTheOthers() throws IOException {
    markers.writeSession(new SessionRecord(BOB, Path.of("/w/bob"), 1));
    markers.writeSession(new SessionRecord(new Identity("codex", "bob"), Path.of("/w/bob"), 2));
    markers.writeSession(new SessionRecord(new Identity("claude", "a-bob"), Path.of("/w/a-bob"), 3));
    Files.writeString(state.resolve("claude-zed.session"), "{not json");

    assertThat(markers.sessions("bob")).extracting(r -> r.identity().address())
        .containsExactly("claude-bob", "codex-bob");
    assertThat(markers.sessions("a-bob")).extracting(r -> r.identity().address()).containsExactly("claude-a-bob");
    assertThat(reports).as("another peer's garbage is not even read").isEmpty();
  }

  @Test
  void garbageSessionRecordsAreSkippedReportedAndKept() throws IOException {
    Files.createDirectories(state);
    Files.writeString(state.resolve("claude-a.session"), "{not json");
    Files.writeString(state.resolve("claude-b.session"), "[1,2]");
    Files.writeString(state.resolve("claude-c.session"), "{\"identity\":\"claude-c\"}");
    Files.writeString(state.resolve("claude-d.session"), "{\"identity\":\"-d\",\"cwd\":\"/w\"}");
    Files.writeString(state.resolve("claude-e.session"), "{\"identity\":\"claude-x\",\"cwd\":\"/w\"}");
    Files.writeString(state.resolve("claude-f.session"),
        "{\"identity\":\"claude-f\",\"runtime\":\"codex\",\"cwd\":\"/w\"}");
    Files.write(state.resolve("claude-g.session"), new byte[] {(byte) 0xff, (byte) 0xfe});
    markers.writeSession(new SessionRecord(BOB, Path.of("/w/bob"), 5));

    assertThat(markers.sessions()).extracting(SessionRecord::identity).containsExactly(BOB);
    assertThat(reports).hasSize(7);
    assertThat(reports.get(0)).isEqualTo("ignoring " + state.resolve("claude-a.session") + ": not JSON");
    assertThat(reports).anyMatch(r -> r.contains("claude-e.session: its identity claude-x does not match"));
    assertThat(state.resolve("claude-a.session")).exists();
  }

  @Test
  void aMissingWokeAtReadsAsZero() throws IOException {
    Files.createDirectories(state);
    Files.writeString(state.resolve("claude-bob.session"), "{\"identity\":\"claude-bob\",\"cwd\":\"/w/bob\"}");
    assertThat(markers.session(BOB)).contains(new SessionRecord(BOB, Path.of("/w/bob"), 0));
    assertThat(reports).isEmpty();
  }

  @Test
  void onlyOnePassClaimsADeadSession() {
    markers.writeSession(new SessionRecord(BOB, Path.of("/w/bob"), 5));

    assertThat(markers.claimSession(BOB)).isTrue();
    assertThat(markers.claimSession(BOB)).isFalse();
    assertThat(state.resolve("claude-bob.session.reaping")).exists();
    assertThat(markers.sessions()).isEmpty();
    markers.dropClaim(BOB);
    assertThat(state.resolve("claude-bob.session.reaping")).doesNotExist();
  }

  @Test
  void theDeathRingKeepsTheNewestSixteenAndTrimsToTheWindow() throws IOException {
    for (int i = 0; i < 20; i++) {
      markers.recordDeath(BOB);
      clock.advance(Duration.ofSeconds(10));
    }
    long t0 = T0.toEpochMilli();
    assertThat(markers.deaths(BOB)).containsExactlyElementsOf(
        LongStream.range(4, 20).mapToObj(i -> t0 + i * 10_000).toList());
    assertThat(state.resolve("claude-bob.deaths")).content().startsWith("[" + (t0 + 40_000) + ",");

    markers.trimDeaths(BOB, 35_000);
    // now = t0 + 200 s: the window keeps t0+170 s and later
    assertThat(markers.deaths(BOB)).containsExactly(t0 + 170_000, t0 + 180_000, t0 + 190_000);
  }

  @Test
  void garbageDeathsAndLastDeliveredReadAsNothing() throws IOException {
    Files.createDirectories(state);
    Files.writeString(state.resolve("claude-bob.deaths"), "[1, \"x\"]");
    Files.writeString(state.resolve("claude-bob.last-delivered"), "soon");
    assertThat(markers.deaths(BOB)).isEmpty();
    assertThat(markers.lastDelivered(BOB)).isZero();
    assertThat(reports).containsExactly(
        "ignoring " + state.resolve("claude-bob.deaths") + ": not a JSON array of epoch milliseconds",
        "ignoring " + state.resolve("claude-bob.last-delivered") + ": not a decimal epoch-milliseconds value");

    Files.writeString(state.resolve("claude-bob.last-delivered"), "1717668672345\n");
    assertThat(markers.lastDelivered(BOB)).isEqualTo(1717668672345L);
    markers.recordDeath(BOB);
    assertThat(markers.deaths(BOB)).containsExactly(T0.toEpochMilli());
  }

  @Test
  void purgeIsDotDelimited() throws IOException {
    Identity bob2 = new Identity("claude", "bob2");
    markers.set(BOB, Flag.STOPPED);
    markers.set(bob2, Flag.STOPPED);
    Files.createDirectories(state.resolve("claude-bob.queue"));
    Files.writeString(state.resolve("claude-bob.queue/000001"), "{\"task\":\"x\"}");

    assertThat(markers.purge(BOB)).containsExactly("claude-bob.queue", "claude-bob.stopped");
    assertThat(markers.has(bob2, Flag.STOPPED)).isTrue();
  }
}
