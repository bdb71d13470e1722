package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import io.iapeer.host.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in manager's decisions against a host simulated in memory: the definitions are real
 * files, the service host and its jobs are the fake's, time is a clock the waits move.
 */
class BuiltinManagerTest {
  static final String DAEMON = Labels.DAEMON;
  static final String NOTES = Labels.peer("notes");

  @TempDir Path tmp;
  final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  Map<String, String> env;
  FakeHost host;
  BuiltinManager manager;

  /** Does what a service host does when it is started or gets SIGHUP: runs the enabled definitions. */
  final class FakeHost implements HostControl {
    final Layout layout;
    Optional<Long> pid = Optional.empty();
    int spawns;
    int operations;
    final List<Long> hups = new ArrayList<>();
    final Map<String, Long> jobs = new HashMap<>();
    final Set<String> cycles = new LinkedHashSet<>();
    long nextPid = 1000;
    boolean diesAtSpawn;
    RuntimeException spawnFails;
    boolean jobsNeverStart;
    boolean jobsNeverStop;
    /** A broken job: gone the moment anyone has seen it run. */
    boolean jobsDieWhenSeen;

    FakeHost(Layout layout) {
      this.layout = layout;
    }

    @Override
    public Optional<Long> host() {
      return pid;
    }

    @Override
    public ProcessHandle spawnHost() {
      spawns++;
      if (spawnFails != null) {
        throw spawnFails;
      }
      if (diesAtSpawn) {
        try {
          Process p = new ProcessBuilder("true").start();
          p.waitFor();
          return p.toHandle();
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      pid = Optional.of(nextPid++);
      apply();
      return ProcessHandle.current();
    }

    @Override
    public void rescan(long hostPid) {
      hups.add(hostPid);
      apply();
    }

    private void apply() {
      Map<String, Boolean> enabled = new TreeMap<>();
      try (var files = Files.list(layout.servicesDir())) {
        for (Path f : files.toList()) {
          String label = f.getFileName().toString().replace(".json", "");
          if (BuiltinDefinition.read(f, label) instanceof BuiltinDefinition.Valid v) {
            enabled.put(label, v.enabled());
          }
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      jobs.keySet().removeIf(label -> !jobsNeverStop && !enabled.getOrDefault(label, false));
      enabled.forEach((label, on) -> {
        if (on && !jobs.containsKey(label) && !jobsNeverStart) {
          jobs.put(label, nextPid++);
        }
      });
      for (String label : cycles) {
        if (jobs.containsKey(label) && !jobsNeverStart) {
          jobs.put(label, nextPid++);
        }
      }
      cycles.clear();
    }

    @Override
    public Optional<Long> job(String label) {
      Optional<Long> job = Optional.ofNullable(jobs.get(label));
      if (jobsDieWhenSeen) {
        jobs.remove(label);
      }
      return job;
    }

    @Override
    public void requestCycle(String label) {
      cycles.add(label);
    }

    @Override
    public FileLocks.Held control() {
      operations++;
      return () -> { };
    }

    @Override
    public void pause(Duration d) {
      clock.advance(d);
    }

    boolean untouched() {
      return spawns == 0 && hups.isEmpty() && operations == 0 && cycles.isEmpty();
    }
  }

  @BeforeEach
  void confinedTestSupervisor() {
    env = new HashMap<>(Map.of(
        "HOME", tmp.resolve("home").toString(),
        "IAPEER_ROOT", tmp.resolve("root").toString(),
        "IAPEER_TEST_SANDBOX", "1",
        "IAPEER_TEST_SUPERVISOR", "1"));
    rebuild();
  }

  void rebuild() {
    Layout layout = Layout.from(new Env(env));
    host = new FakeHost(layout);
    manager = new BuiltinManager(layout, new Settings(new Env(env)), host, clock);
  }

  ServiceSpec spec(String label, String... argv) {
    return new ServiceSpec(label, "test job", List.of(argv.length == 0 ? new String[] {"/bin/true"} : argv),
        tmp, ServiceSpec.sorted(Map.of("PATH", "/bin")), tmp.resolve(label + ".out"), tmp.resolve(label + ".err"),
        Duration.ofSeconds(10), label.equals(DAEMON));
  }

  Path foreign(String label) throws IOException {
    Path p = manager.definitionPath(label);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{\"label\": \"" + label + "\", \"argv\": [\"/bin/sh\", \"-c\", \"touch /tmp/pwned\"]}\n");
    return p;
  }

  boolean enabled(String label) {
    return BuiltinDefinition.read(manager.definitionPath(label), label) instanceof BuiltinDefinition.Valid v
        && v.enabled();
  }

  @Test
  void writeCreatesTheDefinitionDisabledAndARewriteOfTheSameSpecWritesNothing() throws IOException {
    Path file = manager.definitionPath(DAEMON);
    assertThat(manager.write(spec(DAEMON))).isTrue();
    assertThat(Files.readString(file)).isEqualTo(manager.render(spec(DAEMON))).contains("\"enabled\": false");
    FileTime old = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    assertThat(manager.write(spec(DAEMON))).isFalse();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(manager.write(spec(DAEMON, "/bin/false"))).isTrue();
  }

  @Test
  void rewritingALoadedJobsDefinitionKeepsItEnabledAndRunning() {
    manager.write(spec(NOTES));
    assertThat(manager.bootstrap(NOTES).state()).isEqualTo(State.LOADED);
    long pid = host.jobs.get(NOTES);
    assertThat(manager.write(spec(NOTES, "/bin/new"))).isTrue();
    assertThat(enabled(NOTES)).isTrue();
    assertThat(host.jobs).containsEntry(NOTES, pid);
  }

  @Test
  void aForeignDefinitionIsNeverWrittenLoadedStoppedCycledOrDeleted() throws IOException {
    Path file = foreign(NOTES);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> manager.write(spec(NOTES)))
        .isInstanceOf(ForeignDefinition.class)
        .hasMessage("refusing to overwrite " + file + ": com.iapeer.notes exists but is not iapeer-managed"
            + " (no \"managedBy\": \"iapeer\") — another manager owns it; rename the peer or move that file away");
    assertThat(manager.bootstrap(NOTES).state()).isEqualTo(State.REFUSED_FOREIGN);
    assertThat(manager.bootout(NOTES).state()).isEqualTo(State.REFUSED_FOREIGN);
    assertThat(manager.cycle(NOTES).state()).isEqualTo(State.REFUSED_FOREIGN);
    ServiceResult removed = manager.remove(NOTES);
    assertThat(removed.state()).isEqualTo(State.REFUSED_FOREIGN);
    assertThat(removed.detail()).startsWith("refusing to delete " + file);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(host.untouched()).isTrue();
  }

  @Test
  void ownedMeansOurMarkerIsInTheFile() throws IOException {
    manager.write(spec(DAEMON));
    assertThat(manager.isOwned(manager.definitionPath(DAEMON))).isTrue();
    assertThat(manager.isOwned(foreign(NOTES))).isFalse();
    assertThat(manager.isOwned(manager.definitionPath(Labels.peer("absent")))).isFalse();
    assertThat(manager.isManaged("notes")).isTrue(); // a definition exists at its label, whoever owns it (06 D3)
    assertThat(manager.isManaged("absent")).isFalse();
  }

  @Test
  void bootstrapEnablesTheJobStartsAHostAndReportsThePidItRunsUnder() {
    manager.write(spec(DAEMON));
    ServiceResult r = manager.bootstrap(DAEMON);
    assertThat(r).isEqualTo(new ServiceResult(State.LOADED, "pid " + host.jobs.get(DAEMON)));
    assertThat(enabled(DAEMON)).isTrue();
    assertThat(host.spawns).isEqualTo(1);
    assertThat(manager.isLoaded(DAEMON)).isTrue();
  }

  @Test
  void aJobThatDiesRightAfterItWasSeenStartingIsReportedByThePidItHad() {
    manager.write(spec(DAEMON));
    host.jobsDieWhenSeen = true;

    ServiceResult r = manager.bootstrap(DAEMON);

    // the host took pid 1000, the job 1001; a second look would find nothing (CI saw the exception)
    assertThat(r).isEqualTo(new ServiceResult(State.LOADED, "pid 1001"));
  }

  @Test
  void bootstrapOfALiveJobIsAlreadyLoadedAndTouchesNothing() {
    manager.write(spec(DAEMON));
    manager.bootstrap(DAEMON);
    int hups = host.hups.size();
    ServiceResult again = manager.bootstrap(DAEMON);
    assertThat(again.state()).isEqualTo(State.ALREADY_LOADED);
    assertThat(host.spawns).isEqualTo(1);
    assertThat(host.hups).hasSize(hups);
  }

  @Test
  void aLiveJobWhoseHostDiedGetsANewHostToAdoptIt() {
    manager.write(spec(DAEMON));
    manager.bootstrap(DAEMON);
    long job = host.jobs.get(DAEMON);
    host.pid = Optional.empty(); // kill -9 of the host: its job runs on
    assertThat(manager.bootstrap(DAEMON)).isEqualTo(new ServiceResult(State.ALREADY_LOADED, "pid " + job));
    assertThat(host.spawns).isEqualTo(2);
    assertThat(host.jobs).containsEntry(DAEMON, job);
  }

  @Test
  void loadingAStoppedJobThatADeadHostLeftRunningReplacesItWithANewOne() {
    manager.write(spec(NOTES));
    host.jobs.put(NOTES, 77L); // disabled, still running, no host: a new host adopts and stops it
    ServiceResult r = manager.bootstrap(NOTES);
    assertThat(r.state()).isEqualTo(State.LOADED);
    assertThat(r.detail()).isNotEqualTo("pid 77");
    assertThat(host.spawns).isEqualTo(1);
  }

  @Test
  void aHostThatCannotBeStartedIsAFailedLoadNotAnException() {
    host.spawnFails = new IapException("no installed launcher at /x/iapeer — run `iapeer install` first");
    manager.write(spec(DAEMON));
    assertThat(manager.bootstrap(DAEMON))
        .isEqualTo(ServiceResult.failed("no installed launcher at /x/iapeer — run `iapeer install` first"));
  }

  @Test
  void aRunningHostIsToldToRescanNotStartedAgain() {
    manager.write(spec(DAEMON));
    manager.write(spec(NOTES));
    manager.bootstrap(DAEMON);
    assertThat(manager.bootstrap(NOTES).state()).isEqualTo(State.LOADED);
    assertThat(host.spawns).isEqualTo(1);
    assertThat(host.hups).last().isEqualTo(host.pid.orElseThrow());
  }

  @Test
  void bootstrapWithoutADefinitionFailsAndSaysSo() {
    ServiceResult r = manager.bootstrap(DAEMON);
    assertThat(r.state()).isEqualTo(State.FAILED);
    assertThat(r.detail())
        .isEqualTo("no service definition at " + manager.definitionPath(DAEMON) + " — write it first");
    assertThat(host.untouched()).isTrue();
  }

  @Test
  void aJobThatDoesNotAppearWithinTenSecondsFailsTheBootstrapNamingTheLogs() {
    host.jobsNeverStart = true;
    manager.write(spec(NOTES));
    Instant start = clock.instant();
    ServiceResult r = manager.bootstrap(NOTES);
    assertThat(r.state()).isEqualTo(State.FAILED);
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.detail()).contains("did not start within 10 s").contains("service-host.log")
        .contains(tmp.resolve(NOTES + ".err").toString());
  }

  @Test
  void aHostThatDiesAtOnceFailsTheBootstrapWithoutWaitingOutTheBudget() {
    host.diesAtSpawn = true;
    manager.write(spec(DAEMON));
    Instant start = clock.instant();
    ServiceResult r = manager.bootstrap(DAEMON);
    assertThat(r.state()).isEqualTo(State.FAILED);
    assertThat(r.detail()).startsWith("the service host exited at once — see ");
    assertThat(clock.instant()).isEqualTo(start);
  }

  @Test
  void bootoutDisablesTheJobAndWaitsUntilItIsGone() {
    manager.write(spec(NOTES));
    manager.bootstrap(NOTES);
    assertThat(manager.bootout(NOTES)).isEqualTo(ServiceResult.of(State.STOPPED));
    assertThat(enabled(NOTES)).isFalse();
    assertThat(host.jobs).doesNotContainKey(NOTES);
    assertThat(manager.isLoaded(NOTES)).isFalse();
    assertThat(manager.bootout(NOTES)).isEqualTo(ServiceResult.of(State.NOT_LOADED));
    assertThat(manager.definitionPath(NOTES)).exists(); // a later bootstrap brings it back
  }

  @Test
  void cycleRestartsALoadedJobUnderANewPidAndLeavesAStoppedOneAlone() {
    manager.write(spec(DAEMON));
    assertThat(manager.cycle(DAEMON)).isEqualTo(ServiceResult.of(State.NOT_LOADED));
    assertThat(host.cycles).isEmpty();
    manager.bootstrap(DAEMON);
    long before = host.jobs.get(DAEMON);
    ServiceResult r = manager.cycle(DAEMON);
    assertThat(r.state()).isEqualTo(State.RESTARTED);
    assertThat(host.jobs.get(DAEMON)).isNotEqualTo(before);
    assertThat(r.detail()).isEqualTo("pid " + host.jobs.get(DAEMON));
  }

  @Test
  void aCycleThatNeverComesBackFailsWithTheHandRestart() {
    manager.write(spec(DAEMON));
    manager.bootstrap(DAEMON);
    host.jobsNeverStart = true;
    ServiceResult r = manager.cycle(DAEMON);
    assertThat(r.state()).isEqualTo(State.FAILED);
    Path pidFile = tmp.resolve("root/state/iapeer/services/" + DAEMON + ".pid");
    assertThat(r.detail()).endsWith("restart it by hand: kill $(cat " + pidFile + ")");
  }

  @Test
  void removeStopsTheJobThenDeletesItsDefinition() {
    manager.write(spec(NOTES));
    manager.bootstrap(NOTES);
    ServiceResult r = manager.remove(NOTES);
    assertThat(r).isEqualTo(new ServiceResult(State.STOPPED, "removed " + manager.definitionPath(NOTES)));
    assertThat(manager.definitionPath(NOTES)).doesNotExist();
    assertThat(host.jobs).isEmpty();
    assertThat(manager.remove(NOTES)).isEqualTo(ServiceResult.of(State.NOT_LOADED));
  }

  @Test
  void aJobThatWillNotStopKeepsItsDefinitionDisabled() {
    manager.write(spec(NOTES));
    manager.bootstrap(NOTES);
    host.jobsNeverStop = true;
    ServiceResult r = manager.remove(NOTES);
    assertThat(r.state()).isEqualTo(State.FAILED);
    assertThat(r.detail()).contains("still runs 30 s after the stop");
    assertThat(manager.definitionPath(NOTES)).exists();
    assertThat(enabled(NOTES)).isFalse();
  }

  @Test
  void inTheSandboxWithoutTheOptInNothingIsStartedOrSignalledAndRemoveOnlyDeletesTheFile() {
    env.remove("IAPEER_TEST_SUPERVISOR");
    rebuild();
    manager.write(spec(NOTES));
    ServiceResult skipped =
        new ServiceResult(State.SKIPPED_SANDBOX, "IAPEER_TEST_SANDBOX=1 and no IAPEER_TEST_SUPERVISOR=1");
    assertThat(manager.bootstrap(NOTES)).isEqualTo(skipped);
    assertThat(manager.cycle(NOTES)).isEqualTo(skipped);
    assertThat(manager.bootout(NOTES)).isEqualTo(skipped);
    assertThat(enabled(NOTES)).isFalse();
    ServiceResult removed = manager.remove(NOTES);
    assertThat(removed.state()).isEqualTo(State.SKIPPED_SANDBOX);
    assertThat(removed.detail()).endsWith("nothing was stopped");
    assertThat(manager.definitionPath(NOTES)).doesNotExist();
    assertThat(host.untouched()).isTrue();
  }

  @Test
  void theProcessEnvironmentsSandboxFlagCountsTooAndTheOptInMustComeWithIt() {
    // surefire and failsafe run every test with IAPEER_TEST_SANDBOX=1 in the process environment
    assertThat(System.getenv("IAPEER_TEST_SANDBOX")).isEqualTo("1");
    env.remove("IAPEER_TEST_SANDBOX");
    env.remove("IAPEER_TEST_SUPERVISOR");
    assertThat(BuiltinManager.sandboxRefusal(Layout.from(new Env(env)))).isPresent();
  }

  @Test
  void theOptInRunsTheSupervisorOnlyInARootOfTheTestsOwn() {
    assertThat(BuiltinManager.sandboxRefusal(Layout.from(new Env(env)))).isEmpty();

    Map<String, String> implicit = new HashMap<>(env);
    implicit.remove("IAPEER_ROOT");
    assertThat(BuiltinManager.sandboxRefusal(Layout.from(new Env(implicit)))).isPresent();

    String realHome = System.getProperty("user.home");
    String sandboxHome = env.get("HOME");
    for (String root : List.of(realHome + "/.iapeer", realHome, realHome + "/.iapeer/sub", sandboxHome + "/.iapeer")) {
      Map<String, String> e = new HashMap<>(env);
      e.put("IAPEER_ROOT", root);
      assertThat(BuiltinManager.sandboxRefusal(Layout.from(new Env(e)))).as(root)
          .contains("IAPEER_TEST_SUPERVISOR=1 needs IAPEER_ROOT set to a root of the test's own, not "
              + Path.of(root).normalize());
    }

    Map<String, String> outside = new HashMap<>(env);
    outside.put("IAPEER_SERVICES_DIR", tmp.resolve("elsewhere").toString());
    assertThat(BuiltinManager.sandboxRefusal(Layout.from(new Env(outside))).orElseThrow())
        .startsWith("IAPEER_TEST_SUPERVISOR=1 needs the services dir inside IAPEER_ROOT");
  }

  @Test
  void aSandboxWithoutARootOfItsOwnNeverWritesTheRealDefinitions() {
    env.remove("IAPEER_ROOT");
    rebuild();
    assertThatThrownBy(() -> manager.write(spec(DAEMON)))
        .hasMessageStartingWith("refusing to change the REAL service definitions in " + tmp.resolve("home/.iapeer"));
    assertThat(manager.definitionPath(DAEMON)).doesNotExist();
    assertThat(manager.isLoaded(DAEMON)).isFalse();
    assertThat(host.untouched()).isTrue();
  }

  @Test
  void theHintsNameWhatAPersonRuns() {
    assertThat(manager.startHint(NOTES)).isEqualTo("iapeer start notes");
    assertThat(manager.startHint(DAEMON)).isEqualTo("iapeer onboard");
    assertThat(manager.restartHint(NOTES))
        .isEqualTo("kill $(cat " + tmp.resolve("root/state/iapeer/services/com.iapeer.notes.pid") + ")");
    assertThat(manager.name()).isEqualTo("builtin");
  }
}
