package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The supervisor's decisions on a clock the test moves and processes it makes up (04 §4.4). */
class JobsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration THROTTLE = Duration.ofSeconds(10);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  final TestClock clock = new TestClock(T0);
  final List<String> log = new ArrayList<>();
  final List<FakeJob> started = new ArrayList<>();
  boolean startFails;
  final Jobs jobs = new Jobs(clock, this::start, new Recorder(), STOP_TIMEOUT);

  /** A process that only exits when the test says so, and remembers the signals it got. */
  static final class FakeJob implements Job {
    final long pid;
    final List<String> signals = new ArrayList<>();
    final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();

    FakeJob(long pid) {
      this.pid = pid;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public CompletableFuture<OptionalInt> exit() {
      return exit;
    }

    @Override
    public void signal(String name) {
      signals.add(name);
    }
  }

  private Job start(ServiceSpec spec) throws IOException {
    if (startFails) {
      throw new IOException("Cannot run program \"" + spec.argv().getFirst() + "\"");
    }
    FakeJob j = new FakeJob(100 + started.size());
    started.add(j);
    return j;
  }

  final class Recorder implements Jobs.Events {
    @Override
    public void started(String label, Job job) {
      log.add("start " + label + " " + job.pid() + " at " + secs());
    }

    @Override
    public void startFailed(String label, String why, Instant retryAt) {
      log.add("start-failed " + label + " retry at " + Duration.between(T0, retryAt).toSeconds());
    }

    @Override
    public void exited(String label, Job job, OptionalInt code, Optional<Instant> restartAt) {
      log.add("exit " + label + " " + job.pid() + " restart "
          + restartAt.map(t -> "at " + Duration.between(T0, t).toSeconds()).orElse("no"));
    }

    @Override
    public void stopping(String label, Job job, Jobs.Why why, String signal) {
      log.add("stop " + label + " " + job.pid() + " " + why.token() + " " + signal + " at " + secs());
    }
  }

  long secs() {
    return Duration.between(T0, clock.instant()).toSeconds();
  }

  static ServiceSpec spec(String label) {
    return new ServiceSpec(label, "", List.of("/bin/true"), Path.of("/"), new TreeMap<>(),
        Path.of("/tmp/o"), Path.of("/tmp/e"), THROTTLE, false);
  }

  static Map<String, ServiceSpec> enabled(String... labels) {
    Map<String, ServiceSpec> m = new TreeMap<>();
    for (String l : labels) {
      m.put(l, spec(l));
    }
    return m;
  }

  void exit(FakeJob j, int code) {
    jobs.exited(label(j), j, OptionalInt.of(code));
  }

  String label(FakeJob j) {
    return log.stream().filter(l -> l.startsWith("start ") && l.split(" ")[2].equals(Long.toString(j.pid)))
        .findFirst().orElseThrow().split(" ")[1];
  }

  @Test
  void anEnabledDefinitionStartsAtTheFirstTickAndADisabledOneNever() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    assertThat(log).containsExactly("start com.iapeer.a 100 at 0");
    assertThat(jobs.pid("com.iapeer.a")).contains(100L);
    assertThat(jobs.pid("com.iapeer.b")).isEmpty();
  }

  @Test
  void aJobThatExitsZeroIsRestartedButNotBeforeTheThrottleSinceItsLastStart() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    clock.advance(Duration.ofSeconds(3));
    exit(started.get(0), 0);
    assertThat(jobs.nextDeadline()).contains(T0.plus(THROTTLE));
    clock.advance(Duration.ofSeconds(6));
    jobs.tick();
    assertThat(started).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    jobs.tick();
    assertThat(log).containsExactly("start com.iapeer.a 100 at 0", "exit com.iapeer.a 100 restart at 10",
        "start com.iapeer.a 101 at 10");
  }

  @Test
  void aJobThatRanLongerThanTheThrottleIsRestartedAtOnce() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    clock.advance(Duration.ofSeconds(60));
    exit(started.get(0), 1);
    jobs.tick();
    assertThat(log).containsExactly("start com.iapeer.a 100 at 0", "exit com.iapeer.a 100 restart at 60",
        "start com.iapeer.a 101 at 60");
  }

  @Test
  void aStartThatFailsIsTriedAgainAfterTheThrottle() {
    startFails = true;
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    clock.advance(Duration.ofSeconds(9));
    jobs.tick();
    startFails = false;
    clock.advance(Duration.ofSeconds(1));
    jobs.tick();
    assertThat(log).containsExactly("start-failed com.iapeer.a retry at 10", "start com.iapeer.a 100 at 10");
  }

  @Test
  void aDisabledJobGetsSigtermThenSigkillAfterTheStopTimeoutAndIsNotRestarted() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    FakeJob a = started.get(0);
    jobs.reconcile(Map.of(), Set.of());
    assertThat(a.signals).containsExactly("TERM");
    assertThat(jobs.nextDeadline()).contains(T0.plus(STOP_TIMEOUT));
    clock.advance(STOP_TIMEOUT.minusSeconds(1));
    jobs.tick();
    assertThat(a.signals).containsExactly("TERM");
    clock.advance(Duration.ofSeconds(1));
    jobs.tick();
    assertThat(a.signals).containsExactly("TERM", "KILL");
    exit(a, 137);
    clock.advance(Duration.ofMinutes(5));
    jobs.tick();
    assertThat(started).hasSize(1);
    assertThat(jobs.idle()).isTrue();
    assertThat(log).contains("stop com.iapeer.a 100 disabled TERM at 0", "stop com.iapeer.a 100 disabled KILL at 20",
        "exit com.iapeer.a 100 restart no");
  }

  @Test
  void aCycleStopsTheJobAndStartsItAgainAtOnceWithinTheThrottle() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    clock.advance(Duration.ofSeconds(1));
    jobs.cycle("com.iapeer.a");
    FakeJob a = started.get(0);
    assertThat(a.signals).containsExactly("TERM");
    exit(a, 143);
    jobs.tick();
    assertThat(log).containsExactly("start com.iapeer.a 100 at 0", "stop com.iapeer.a 100 cycle TERM at 1",
        "exit com.iapeer.a 100 restart at 1", "start com.iapeer.a 101 at 1");
  }

  @Test
  void aCycleOfAJobWaitingOutItsThrottleStartsItNow() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    exit(started.get(0), 1);
    clock.advance(Duration.ofSeconds(2));
    jobs.cycle("com.iapeer.a");
    jobs.tick();
    assertThat(log).last().isEqualTo("start com.iapeer.a 101 at 2");
  }

  @Test
  void aJobEnabledAgainWhileItIsBeingStoppedComesBackAsSoonAsItExits() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    jobs.reconcile(Map.of(), Set.of());
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    clock.advance(Duration.ofSeconds(1));
    exit(started.get(0), 143);
    jobs.tick();
    assertThat(log).last().isEqualTo("start com.iapeer.a 101 at 1");
  }

  @Test
  void shutdownStopsEveryRunningJobDropsWaitingOnesAndRestartsNothing() {
    jobs.reconcile(enabled("com.iapeer.a", "com.iapeer.b"), Set.of());
    jobs.tick();
    FakeJob a = started.get(0);
    FakeJob b = started.get(1);
    exit(b, 1); // b now waits out its throttle
    jobs.shutdown();
    assertThat(a.signals).containsExactly("TERM");
    assertThat(jobs.idle()).isFalse();
    exit(a, 0);
    clock.advance(Duration.ofMinutes(1));
    jobs.tick();
    assertThat(jobs.idle()).isTrue();
    assertThat(started).hasSize(2);
    assertThat(jobs.nextDeadline()).isEmpty();
  }

  @Test
  void aDefinitionThatCannotBeReadLeavesItsRunningJobAloneAndStartsNothingNew() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    jobs.reconcile(Map.of(), Set.of("com.iapeer.a", "com.iapeer.b"));
    jobs.tick();
    assertThat(started.get(0).signals).isEmpty();
    assertThat(started).hasSize(1);
    clock.advance(Duration.ofSeconds(30));
    exit(started.get(0), 0);
    jobs.tick();
    assertThat(started).hasSize(2); // its last good spec still runs it
  }

  @Test
  void anAdoptedJobIsSupervisedLikeOneItStarted() {
    FakeJob orphan = new FakeJob(42);
    jobs.adopt("com.agfpd.iapeer", orphan);
    jobs.reconcile(enabled("com.agfpd.iapeer"), Set.of());
    jobs.tick();
    assertThat(started).isEmpty(); // one instance per label: not started twice
    clock.advance(Duration.ofSeconds(4));
    jobs.exited("com.agfpd.iapeer", orphan, OptionalInt.empty());
    clock.advance(Duration.ofSeconds(6));
    jobs.tick();
    assertThat(log).containsExactly("exit com.agfpd.iapeer 42 restart at 10", "start com.agfpd.iapeer 100 at 10");
  }

  @Test
  void anAdoptedJobWhoseDefinitionIsGoneIsStopped() {
    FakeJob orphan = new FakeJob(42);
    jobs.adopt("com.iapeer.gone", orphan);
    jobs.reconcile(Map.of(), Set.of());
    assertThat(orphan.signals).containsExactly("TERM");
  }

  @Test
  void theExitOfAnEarlierProcessOfTheLabelChangesNothing() {
    jobs.reconcile(enabled("com.iapeer.a"), Set.of());
    jobs.tick();
    FakeJob first = started.get(0);
    clock.advance(Duration.ofSeconds(30));
    exit(first, 0);
    jobs.tick();
    jobs.exited("com.iapeer.a", first, OptionalInt.of(0));
    assertThat(jobs.pid("com.iapeer.a")).contains(101L);
    assertThat(log).hasSize(3);
  }
}
