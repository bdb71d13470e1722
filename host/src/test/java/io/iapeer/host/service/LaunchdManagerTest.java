package io.iapeer.host.service;

import static io.iapeer.host.service.FastPacing.ms;
import static io.iapeer.host.service.FastPacing.s;
import static io.iapeer.host.service.ScriptedRunner.fail;
import static io.iapeer.host.service.ScriptedRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import io.iapeer.host.session.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** launchd (04 §4.2; acceptance 69–79) against a scripted launchctl; no test sleeps. */
class LaunchdManagerTest {
  private static final String LABEL = "com.iapeer.timer";
  private static final String PRINT = "launchctl print gui/501/" + LABEL;
  private static final String BOOTSTRAP = "launchctl bootstrap gui/501 ";
  private static final String BOOTOUT = "launchctl bootout gui/501/" + LABEL;
  private static final CommandRunner.Result LISTED = ok();
  /** What {@code launchctl print} answers for a job it does not know. */
  private static final CommandRunner.Result GONE =
      fail(113, "Could not find service \"" + LABEL + "\" in domain for port");

  @TempDir Path tmp;
  Path home;
  Path agents;
  Layout layout;
  final ScriptedRunner launchctl = new ScriptedRunner().on("id -u", ok("501\n"));
  final FastPacing fast = new FastPacing();
  LaunchdManager launchd;

  @BeforeEach
  void setUp() {
    home = tmp.resolve("home");
    agents = tmp.resolve("agents");
    layout = Layout.from(Specs.env(home).with("IAPEER_LAUNCHAGENTS_DIR", agents.toString()));
    launchd = new LaunchdManager(layout, launchctl, fast.pacing(), false);
  }

  // --- definitions ---

  @Test
  void aPeersPlistIsNamedAfterItsLabelInTheLaunchAgentsDirectory() {
    assertThat(launchd.definitionPath(Labels.peer("timer"))).isEqualTo(agents.resolve("com.iapeer.timer.plist"));
    assertThat(launchd.name()).isEqualTo("launchd");
  }

  @Test
  void writeCreatesThePlistReadableByAllAndItsLogDirectoriesPrivate() throws IOException {
    ServiceSpec spec = Specs.infra(home);

    assertThat(launchd.write(spec)).isTrue();

    Path plist = agents.resolve(LABEL + ".plist");
    assertThat(Files.readString(plist)).isEqualTo(Plist.render(spec));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plist))).isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spec.stdout().getParent())))
        .isEqualTo("rwx------");
    assertThat(launchd.isOwned(plist)).isTrue();
    assertThat(launchd.isManaged("timer")).isTrue();
    assertThat(launchd.isManaged("other")).isFalse();
    assertThat(launchctl.calls()).isEmpty();
  }

  @Test
  void writingTheSameSpecAgainWritesNothingAndLeavesTheModificationTime() throws IOException {
    ServiceSpec spec = Specs.infra(home);
    launchd.write(spec);
    Path plist = agents.resolve(LABEL + ".plist");
    FileTime past = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
    Files.setLastModifiedTime(plist, past);

    assertThat(launchd.write(spec)).isFalse();

    assertThat(Files.getLastModifiedTime(plist)).isEqualTo(past);
  }

  @Test
  void aChangedSpecIsWrittenOverOurOwnPlist() throws IOException {
    launchd.write(Specs.infra(home));
    ServiceSpec moved = Specs.infra(tmp.resolve("elsewhere"));

    assertThat(launchd.write(moved)).isTrue();

    assertThat(Files.readString(agents.resolve(LABEL + ".plist"))).isEqualTo(Plist.render(moved));
  }

  @Test
  void aForeignPlistAtAPeerLabelIsNeverOverwritten() throws IOException {
    Path plist = foreign(LABEL);

    assertThatThrownBy(() -> launchd.write(Specs.infra(home)))
        .isInstanceOf(ForeignDefinition.class)
        .hasMessage("refusing to overwrite launchd plist " + plist + ": label com.iapeer.timer is not"
            + " foundation-managed (no ownership sentinel com.iapeer.managed) — a persistent-peer or other manager"
            + " owns it; rename the peer or move that plist away");

    assertThat(Files.readString(plist)).isEqualTo(FOREIGN);
  }

  @Test
  void aForeignPlistAtTheDaemonLabelIsRefusedInTheDaemonsWords() throws IOException {
    Path plist = foreign(Labels.DAEMON);

    assertThatThrownBy(() -> launchd.write(Specs.daemon(home)))
        .isInstanceOf(ForeignDefinition.class)
        .hasMessage("refusing to overwrite " + plist + ": com.agfpd.iapeer exists but is not foundation-managed"
            + " (no ownership sentinel) — another manager owns it");

    assertThat(Files.readString(plist)).isEqualTo(FOREIGN);
  }

  @Test
  void ownershipIsReadFromTheFileAndAnAbsentFileIsNotOurs() throws IOException {
    launchd.write(Specs.infra(home));

    assertThat(launchd.isOwned(agents.resolve(LABEL + ".plist"))).isTrue();
    assertThat(launchd.isOwned(foreign("com.iapeer.other"))).isFalse();
    assertThat(launchd.isOwned(agents.resolve("com.iapeer.absent.plist"))).isFalse();
  }

  // --- bootstrap (04 §4.2.4, acceptance 78) ---

  @Test
  void aJobNotListedIsLoadedWithOneBootstrapAndNoPause() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE).on(BOOTSTRAP, ok());

    assertThat(launchd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.LOADED));

    assertThat(launchctl.calls()).containsExactly("id -u", PRINT, BOOTSTRAP + plist());
    assertThat(fast.sleeps).isEmpty();
  }

  @Test
  void aJobStillGoingAwayIsWaitedForAndAFailedAttemptRetriedAfterThePause() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED, LISTED, GONE)
        .on(BOOTSTRAP, fail(5, "Bootstrap failed: 5: Input/output error"), LISTED);

    assertThat(launchd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.LOADED));

    assertThat(launchctl.calls(BOOTSTRAP)).hasSize(2);
    assertThat(fast.sleeps).containsExactly(ms(500), ms(500), s(2));
  }

  @Test
  void aJobListedForTheWholeBudgetIsGenuinelyLiveAndNeverBootstrapped() {
    launchd = new LaunchdManager(layout, launchctl, fast.pacing(s(2)), false);
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED);

    assertThat(launchd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.ALREADY_LOADED));

    assertThat(launchctl.calls(BOOTSTRAP)).isEmpty();
    assertThat(fast.sleeps).containsExactly(ms(500), ms(500), ms(500), ms(500));
  }

  @Test
  void fourFailedAttemptsFailWithTheLastError() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE).on(BOOTSTRAP, fail(5, "Bootstrap failed: 5: Input/output error\n"));

    ServiceResult r = launchd.bootstrap(LABEL);

    assertThat(r).isEqualTo(ServiceResult.failed(
        "4 bootstrap attempts failed (last: Bootstrap failed: 5: Input/output error)"));
    assertThat(launchctl.calls(BOOTSTRAP)).hasSize(4);
    assertThat(fast.sleeps).containsExactly(s(2), s(5), s(15));
  }

  @Test
  void aSilentFailureIsNamedByItsExitCode() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE).on(BOOTSTRAP, fail(37, ""));

    assertThat(launchd.bootstrap(LABEL).detail()).isEqualTo("4 bootstrap attempts failed (last: exit 37)");
  }

  @Test
  void aJobThatAppearsBetweenAttemptsIsAlreadyLoaded() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE, LISTED).on(BOOTSTRAP, fail(5, "Bootstrap failed: 5"));

    assertThat(launchd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.ALREADY_LOADED));

    assertThat(launchctl.calls(BOOTSTRAP)).hasSize(1);
  }

  @Test
  void aUidThatIsNotANumberStopsBeforeAnyLaunchctlCall() {
    launchd.write(Specs.infra(home));
    ScriptedRunner broken = new ScriptedRunner().on("id -u", fail(1, "id: cannot find name for user ID"));
    LaunchdManager m = new LaunchdManager(layout, broken, fast.pacing(), false);

    assertThatThrownBy(() -> m.bootstrap(LABEL))
        .isInstanceOf(IapException.class)
        .hasMessage("cannot resolve the current uid (id -u failed) — refusing to target launchctl at an unknown"
            + " domain");
    assertThat(broken.calls()).containsExactly("id -u");
  }

  @Test
  void bootstrapWithoutADefinitionSaysToWriteItFirst() {
    assertThat(launchd.bootstrap(LABEL)).isEqualTo(ServiceResult.failed(
        "no plist at " + plist() + " — write the service definition first"));
    assertThat(launchctl.calls()).isEmpty();
  }

  // --- cycle (04 §4.2.5, acceptance 79) ---

  @Test
  void aCycleBootsOutWaitsForTheJobToGoAndBootstrapsItNeverKickstarts() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED, LISTED, GONE).on(BOOTOUT, ok()).on(BOOTSTRAP, ok());

    assertThat(launchd.cycle(LABEL)).isEqualTo(ServiceResult.of(State.RESTARTED));

    assertThat(launchctl.calls()).containsExactly("id -u", PRINT, BOOTOUT, PRINT, PRINT, BOOTSTRAP + plist());
    assertThat(launchctl.calls("launchctl kickstart")).isEmpty();
  }

  @Test
  void aCycleOfAJobNotLoadedIsNotLoadedAndBootsNothingOut() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE);

    assertThat(launchd.cycle(LABEL)).isEqualTo(ServiceResult.of(State.NOT_LOADED));

    assertThat(launchctl.calls()).containsExactly("id -u", PRINT);
  }

  @Test
  void aFailedBootoutFailsTheCycleBeforeAnyBootstrap() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED).on(BOOTOUT, fail(5, "Boot-out failed: 5: Input/output error"));

    assertThat(launchd.cycle(LABEL))
        .isEqualTo(ServiceResult.failed("launchctl bootout failed: Boot-out failed: 5: Input/output error"));

    assertThat(launchctl.calls(BOOTSTRAP)).isEmpty();
  }

  @Test
  void aJobThatNeverUnloadsFailsTheCycleWithTheManualRescue() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED).on(BOOTOUT, ok());

    assertThat(launchd.cycle(LABEL)).isEqualTo(ServiceResult.failed(
        "job never unloaded after bootout (undead beyond budget) — manual rescue: launchctl bootout gui/501/"
            + LABEL + " && launchctl bootstrap gui/501 " + plist()));
    assertThat(launchctl.calls(BOOTSTRAP)).isEmpty();
  }

  @Test
  void aCycleWhoseBootstrapsAllFailSaysHowToLoadItByHand() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED, GONE).on(BOOTOUT, ok()).on(BOOTSTRAP, fail(5, "Bootstrap failed: 5"));

    assertThat(launchd.cycle(LABEL)).isEqualTo(ServiceResult.failed(
        "4 bootstrap attempts failed (last: Bootstrap failed: 5) — manual rescue: launchctl bootstrap gui/501 "
            + plist()));
  }

  // --- bootout and remove ---

  @Test
  void bootoutStopsALoadedJobAndWaitsForItToGo() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED, LISTED, GONE).on(BOOTOUT, ok());

    assertThat(launchd.bootout(LABEL)).isEqualTo(ServiceResult.of(State.STOPPED));

    assertThat(fast.sleeps).containsExactly(ms(500));
    assertThat(Files.exists(plist())).isTrue();
  }

  @Test
  void bootoutOfAJobNotLoadedIsBenign() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, GONE);

    assertThat(launchd.bootout(LABEL)).isEqualTo(ServiceResult.of(State.NOT_LOADED));
    assertThat(launchctl.calls(BOOTOUT)).isEmpty();
  }

  @Test
  void removeBootsOutThenDeletesThePlist() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED, GONE).on(BOOTOUT, ok());

    assertThat(launchd.remove(LABEL)).isEqualTo(new ServiceResult(State.STOPPED, "plist removed"));

    assertThat(Files.exists(plist())).isFalse();
  }

  @Test
  void aJobThatWillNotGoKeepsItsPlist() {
    launchd.write(Specs.infra(home));
    launchctl.on(PRINT, LISTED).on(BOOTOUT, ok());

    assertThat(launchd.remove(LABEL))
        .isEqualTo(ServiceResult.failed("job still listed 10 s after launchctl bootout; plist kept"));

    assertThat(Files.exists(plist())).isTrue();
  }

  @Test
  void removingWhatIsNotThereIsNothingToDo() {
    assertThat(launchd.remove(LABEL)).isEqualTo(new ServiceResult(State.NOT_LOADED, "no plist at " + plist()));
    assertThat(launchctl.calls()).isEmpty();
  }

  // --- the guards (04 §4.1, §4.6) ---

  @Test
  void aForeignPlistIsNeverLoadedStoppedCycledOrDeleted() throws IOException {
    Path plist = foreign(LABEL);
    ServiceResult refused = new ServiceResult(State.REFUSED_FOREIGN,
        plist + " has no ownership marker (the com.iapeer.managed sentinel key) — another manager owns it");

    assertThat(List.of(launchd.bootstrap(LABEL), launchd.bootout(LABEL), launchd.cycle(LABEL),
        launchd.remove(LABEL))).containsOnly(refused);

    assertThat(Files.readString(plist)).isEqualTo(FOREIGN);
    assertThat(launchctl.calls()).isEmpty();
  }

  @Test
  void theSandboxRunsNoLaunchctlAtAllAndRemoveStillDeletesOurPlist() {
    ScriptedRunner none = new ScriptedRunner();
    LaunchdManager sandboxed = new LaunchdManager(layout, none, fast.pacing(), true);
    sandboxed.write(Specs.infra(home));

    assertThat(List.of(sandboxed.bootstrap(LABEL), sandboxed.bootout(LABEL), sandboxed.cycle(LABEL)))
        .containsOnly(ServiceResult.of(State.SKIPPED_SANDBOX));
    assertThat(sandboxed.isLoaded(LABEL)).isFalse();
    assertThat(sandboxed.remove(LABEL)).isEqualTo(new ServiceResult(State.SKIPPED_SANDBOX,
        "stop skipped (IAPEER_TEST_SANDBOX=1); plist removed"));

    assertThat(Files.exists(plist())).isFalse();
    assertThat(none.calls()).isEmpty();
  }

  @Test
  void theSandboxFlagInTheGivenEnvironmentIsHonouredByThePublicConstructor() {
    ScriptedRunner none = new ScriptedRunner();
    LaunchdManager m = new LaunchdManager(Layout.from(layout.env().with("IAPEER_TEST_SANDBOX", "1")), none);
    m.write(Specs.infra(home));

    assertThat(m.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.SKIPPED_SANDBOX));
    assertThat(none.calls()).isEmpty();
  }

  @Test
  void theHintsAreTheCommandsAPersonWouldRun() {
    assertThat(launchd.startHint(LABEL)).isEqualTo("launchctl bootstrap gui/$(id -u) " + plist());
    assertThat(launchd.restartHint(LABEL)).isEqualTo("launchctl kickstart -k gui/$(id -u)/" + LABEL);
  }

  private Path plist() {
    return agents.resolve(LABEL + ".plist");
  }

  private static final String FOREIGN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <plist version="1.0"><dict><key>Label</key><string>com.iapeer.managed</string></dict></plist>
      """;

  private Path foreign(String label) throws IOException {
    Files.createDirectories(agents);
    return Files.writeString(agents.resolve(label + ".plist"), FOREIGN);
  }
}
