package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.IapException;
import io.iapeer.core.testsupport.ChildJvm;
import io.iapeer.core.testsupport.LockMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OS file lock plus in-JVM mutex (06 D6, 01 §14.5): between threads and between processes. */
class FileLocksTest {
  private static final Duration LONG = Duration.ofSeconds(10);
  private static final String BUSY = "profile is locked by another writer; retry";

  @TempDir Path tmp;

  private Path lockFile() {
    return tmp.resolve("state/x.lock");
  }

  @Test
  void theLockFileIsCreatedPrivateWithItsParents() throws IOException {
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
      assertThat(lockFile()).isRegularFile();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void aSecondThreadWaitsUntilTheFirstReleases() throws Exception {
    AtomicBoolean secondGotIt = new AtomicBoolean();
    var first = FileLocks.acquire(lockFile(), LONG, BUSY);
    Thread second =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
                    secondGotIt.set(true);
                  }
                });

    // Parked on the mutex, not through: the lock is really held.
    await().atMost(Duration.ofSeconds(5))
        .until(() -> second.getState() == Thread.State.TIMED_WAITING || second.getState() == Thread.State.WAITING);
    assertThat(secondGotIt).isFalse();

    first.close();
    second.join(Duration.ofSeconds(5));
    assertThat(secondGotIt).isTrue();
  }

  @Test
  void manyThreadsAreSerialized() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    int[] counter = {0}; // deliberately unsynchronized: only the lock protects it
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(
            pool.submit(
                () -> {
                  for (int j = 0; j < 200; j++) {
                    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
                      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      counter[0]++;
                      inside.decrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(maxInside).hasValue(1);
    assertThat(counter[0]).isEqualTo(1600);
  }

  @Test
  void aSecondThreadTimesOutWithTheBusyMessage() throws Exception {
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
      CompletableFuture<Throwable> other =
          CompletableFuture.supplyAsync(
              () -> {
                try (var h = FileLocks.acquire(lockFile(), Duration.ofMillis(100), BUSY)) {
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });

      assertThat(other.get())
          .isInstanceOf(IapException.class)
          .hasMessage(BUSY);
    }
  }

  @Test
  void reacquireByTheSameThreadIsRefused() {
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
      assertThatThrownBy(() -> FileLocks.acquire(lockFile(), LONG, BUSY))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already held by this thread");
      // A different spelling of the same path is the same lock.
      assertThatThrownBy(() -> FileLocks.acquire(tmp.resolve("state/../state/./x.lock"), LONG, BUSY))
          .isInstanceOf(IllegalStateException.class);
    }
    // The refusal did not disturb the held lock: it is free again now.
    try (var again = FileLocks.acquire(lockFile(), Duration.ZERO, BUSY)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void closingAHeldLockTwiceIsHarmlessAndDoesNotReleaseALaterHold() throws Exception {
    var first = FileLocks.acquire(lockFile(), LONG, BUSY);
    first.close();
    var second = FileLocks.acquire(lockFile(), LONG, BUSY);

    first.close(); // a stale handle must not release what it no longer holds

    CompletableFuture<Throwable> other =
        CompletableFuture.supplyAsync(
            () -> {
              try (var h = FileLocks.acquire(lockFile(), Duration.ofMillis(100), BUSY)) {
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    assertThat(other.get()).as("the second hold still excludes other threads").hasMessage(BUSY);
    second.close();
    second.close();
    try (var again = FileLocks.acquire(lockFile(), Duration.ZERO, BUSY)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void differentFilesDoNotExcludeEachOther() {
    try (var a = FileLocks.acquire(tmp.resolve("a.lock"), Duration.ZERO, BUSY);
        var b = FileLocks.acquire(tmp.resolve("b.lock"), Duration.ZERO, BUSY)) {
      assertThat(a).isNotSameAs(b);
    }
  }

  @Test
  void aSecondAcquireInAnotherJvmWaitsThenTimesOutWithTheBusyMessage() {
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY);
        ChildJvm other = ChildJvm.start(LockMain.class, "try", lockFile().toString(), "400", BUSY)) {
      String line = other.readLine();

      assertThat(line).startsWith("busy ").endsWith(" " + BUSY);
      long waitedMs = Long.parseLong(line.split(" ")[1]);
      assertThat(waitedMs).isGreaterThanOrEqualTo(400);
      assertThat(other.waitFor()).isZero();
    }
  }

  @Test
  void anotherJvmGetsTheLockOnceItIsReleased() {
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
      assertThat(held).isNotNull();
    }
    try (ChildJvm other = ChildJvm.start(LockMain.class, "try", lockFile().toString(), "0", BUSY)) {
      assertThat(other.readLine()).isEqualTo("got");
    }
  }

  @Test
  void aLockHeldInAnotherJvmBlocksThisOneAndIsFreeAtOnceWhenTheHolderIsKilled() {
    try (ChildJvm holder = ChildJvm.start(LockMain.class, "hold", lockFile().toString())) {
      assertThat(holder.readLine()).isEqualTo("held");

      assertThatThrownBy(() -> FileLocks.acquire(lockFile(), Duration.ofMillis(200), BUSY))
          .isInstanceOf(IapException.class)
          .hasMessage(BUSY);

      holder.kill();
    }

    // No stale-lock age and no wait: the OS dropped the lock with its holder.
    try (var held = FileLocks.acquire(lockFile(), Duration.ZERO, BUSY)) {
      assertThat(held).isNotNull();
    }
  }

  @Test
  void aFailedAttemptLeavesTheLockUsable() {
    try (ChildJvm holder = ChildJvm.start(LockMain.class, "hold", lockFile().toString())) {
      assertThat(holder.readLine()).isEqualTo("held");
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> FileLocks.acquire(lockFile(), Duration.ofMillis(20), BUSY))
            .hasMessage(BUSY);
      }
    }

    try (var held = FileLocks.acquire(lockFile(), Duration.ofSeconds(2), BUSY)) {
      assertThat(held).isNotNull();
    }
  }

  @Test
  void aLockPathBelowARegularFileFailsAndLeavesTheMutexFree() throws IOException {
    Files.writeString(tmp.resolve("plain"), "x");
    Path bad = tmp.resolve("plain/x.lock");

    assertThatThrownBy(() -> FileLocks.acquire(bad, Duration.ZERO, BUSY)).hasMessageContaining("plain");
    // Had the failure kept the in-JVM mutex, this would now say "already held by this thread".
    assertThatThrownBy(() -> FileLocks.acquire(bad, Duration.ZERO, BUSY))
        .isNotInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEmptyDirectoryLeftByAnOldMkdirLockIsReclaimed() throws IOException {
    Files.createDirectories(lockFile());
    try (var held = FileLocks.acquire(lockFile(), LONG, BUSY)) {
      assertThat(lockFile()).isRegularFile();
    }
  }

  @Test
  void aDirectoryWithContentAtTheLockPathIsAClearErrorAndIsKept() throws IOException {
    Files.createDirectories(lockFile().resolve("keep"));
    assertThatThrownBy(() -> FileLocks.acquire(lockFile(), LONG, BUSY))
        .hasMessageContaining("is a directory, not a lock file");
    assertThat(lockFile().resolve("keep")).isDirectory();
  }
}
