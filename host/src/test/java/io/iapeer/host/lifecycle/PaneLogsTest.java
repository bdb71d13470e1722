package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.host.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pane-log janitor of 03 §10.4: copy-truncate rotation, age and budget retention. */
class PaneLogsTest {
  static final long MIB = 1L << 20;
  static final Instant NOW = Instant.parse("2026-06-06T10:00:00Z");

  @TempDir Path dir;
  TestClock clock = new TestClock(NOW);

  PaneLogs janitor(String... env) {
    return new PaneLogs(dir, new Settings(Env.of(env)), clock);
  }

  /** {@code mib} MiB where every MiB is filled with its own index, so a tail is recognisable. */
  Path log(String name, int mib, Instant mtime) throws IOException {
    byte[] bytes = new byte[(int) (mib * MIB)];
    for (int i = 0; i < mib; i++) {
      Arrays.fill(bytes, (int) (i * MIB), (int) ((i + 1) * MIB), (byte) ('a' + i));
    }
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    Files.setLastModifiedTime(f, FileTime.from(mtime));
    return f;
  }

  @Test
  void aLogPastTheCeilingIsCopiedAsideAndTruncatedInPlace() throws IOException {
    Path base = log("claude-bob.log", 10, NOW);
    Object inode = Files.readAttributes(base, "unix:ino").get("ino");

    Optional<PaneLogs.Sweep> sweep = janitor("IAPEER_PANELOG_MAX_BYTES", Long.toString(9 * MIB)).sweep();

    assertThat(sweep).as("a rotation reclaims nothing by itself").isEmpty();
    assertThat(Files.size(dir.resolve("claude-bob.log.1"))).isEqualTo(9 * MIB);
    assertThat(Files.readAllBytes(dir.resolve("claude-bob.log.1"))[0]).isEqualTo((byte) 'b');
    assertThat(Files.size(base)).isEqualTo(8 * MIB);
    assertThat(Files.readAllBytes(base)[0]).isEqualTo((byte) 'c');
    assertThat(Files.readAttributes(base, "unix:ino").get("ino")).as("the live writer's file").isEqualTo(inode);
  }

  @Test
  void rotationKeepsTheNewestCopies() throws IOException {
    PaneLogs janitor = janitor("IAPEER_PANELOG_MAX_BYTES", Long.toString(9 * MIB), "IAPEER_PANELOG_KEEP", "2");
    for (int i = 0; i < 3; i++) {
      log("claude-bob.log", 10, NOW);
      janitor.sweep();
    }
    assertThat(dir.resolve("claude-bob.log.1")).exists();
    assertThat(dir.resolve("claude-bob.log.2")).exists();
    assertThat(dir.resolve("claude-bob.log.3")).doesNotExist();
  }

  @Test
  void theDefaultCeilingLeavesASmallerLogAlone() throws IOException {
    log("claude-bob.log", 10, NOW);
    assertThat(janitor().sweep()).isEmpty();
    assertThat(dir.resolve("claude-bob.log.1")).doesNotExist();
  }

  @Test
  void logsOlderThanTheStaleAgeGo() throws IOException {
    log("claude-old.log", 1, NOW.minus(Duration.ofDays(15)));
    log("claude-old.log.1", 1, NOW.minus(Duration.ofDays(15)));
    log("claude-new.log", 1, NOW.minus(Duration.ofDays(13)));
    log("notes.txt", 1, NOW.minus(Duration.ofDays(30)));

    PaneLogs.Sweep sweep = janitor().sweep().orElseThrow();

    assertThat(sweep.stale()).isEqualTo(2);
    assertThat(dir.resolve("claude-old.log")).doesNotExist();
    assertThat(dir.resolve("claude-new.log")).exists();
    assertThat(dir.resolve("notes.txt")).as("not a pane log").exists();
    assertThat(sweep.line(NOW).toString()).isEqualTo("ts=2026-06-06T10:00:00.000Z ev=supervise action=panelog-gc"
        + " before_mb=3.0 after_mb=1.0 stale=2 copies=0 shrunk=0");
  }

  @Test
  void overBudgetTheOldestCopiesGoFirst_thenTheLargestLogsShrinkKeepingTheirMtime() throws IOException {
    log("claude-a.log.1", 2, NOW.minus(Duration.ofHours(3)));
    log("claude-a.log.2", 2, NOW.minus(Duration.ofHours(5)));
    Instant busy = NOW.minus(Duration.ofHours(1));
    Path big = log("claude-a.log", 12, busy);
    log("claude-b.log", 1, NOW);

    PaneLogs.Sweep sweep = janitor("IAPEER_PANELOG_MAX_BYTES", Long.toString(64 * MIB),
        "IAPEER_PANELOG_DIR_BUDGET", Long.toString(10 * MIB)).sweep().orElseThrow();

    assertThat(sweep.copies()).isEqualTo(2);
    assertThat(sweep.shrunk()).isEqualTo(1);
    assertThat(Files.size(big)).isEqualTo(8 * MIB);
    assertThat(Files.getLastModifiedTime(big).toInstant()).isEqualTo(busy);
    assertThat(sweep.overBudget()).isFalse();
    assertThat(sweep.afterBytes()).isEqualTo(9 * MIB);
  }

  @Test
  void aBudgetNoSweepCanMeetIsReported() throws IOException {
    log("claude-a.log", 8, NOW);
    log("claude-b.log", 8, NOW);

    PaneLogs.Sweep sweep = janitor("IAPEER_PANELOG_DIR_BUDGET", Long.toString(4 * MIB)).sweep().orElseThrow();

    assertThat(sweep.overBudget()).isTrue();
    assertThat(sweep.line(NOW).toString()).endsWith(" outcome=over-budget-after-gc");
  }
}
