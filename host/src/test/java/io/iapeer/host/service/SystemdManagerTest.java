package io.iapeer.host.service;

import static io.iapeer.host.service.FastPacing.ms;
import static io.iapeer.host.service.FastPacing.s;
import static io.iapeer.host.service.ScriptedRunner.fail;
import static io.iapeer.host.service.ScriptedRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd user manager (04 §4.3; acceptance 98–100) against a scripted systemctl; no test sleeps. */
class SystemdManagerTest {
  private static final String LABEL = "com.iapeer.timer";
  private static final String UNIT = LABEL + ".service";
  private static final String SHOW = "systemctl --user show -p ActiveState --value " + UNIT;
  private static final String ENABLE = "systemctl --user enable --now " + UNIT;
  private static final String RELOAD = "systemctl --user daemon-reload";
  private static final String RESTART = "systemctl --user restart " + UNIT;
  private static final String STOP = "systemctl --user stop " + UNIT;
  private static final String DISABLE = "systemctl --user disable --now " + UNIT;
  private static final Map<String, String> CHILD_ENV = Map.of("XDG_RUNTIME_DIR", "/run/user/1000");

  @TempDir Path tmp;
  Path home;
  Path units;
  Layout layout;
  final ScriptedRunner systemctl = new ScriptedRunner().on(RELOAD, ok());
  final FastPacing fast = new FastPacing();
  SystemdManager systemd;

  @BeforeEach
  void setUp() {
    home = tmp.resolve("home");
    units = tmp.resolve("units");
    layout = Layout.from(Specs.env(home).with("IAPEER_SYSTEMD_USER_DIR", units.toString()));
    systemd = new SystemdManager(layout, systemctl, fast.pacing(), false, CHILD_ENV);
  }

  // --- definitions ---

  @Test
  void aPeersUnitIsNamedAfterItsLabelInTheUserUnitDirectory() {
    assertThat(systemd.definitionPath(Labels.peer("timer"))).isEqualTo(units.resolve(UNIT));
    assertThat(systemd.name()).isEqualTo("systemd");
  }

  @Test
  void writeCreatesTheUnitAndHasTheManagerRereadItsUnits() throws IOException {
    ServiceSpec spec = Specs.infra(home);

    assertThat(systemd.write(spec)).isTrue();

    assertThat(Files.readString(unit())).isEqualTo(SystemdUnit.render(spec));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(unit()))).isEqualTo("rw-r--r--");
    assertThat(Files.isDirectory(spec.stdout().getParent())).isTrue();
    assertThat(systemctl.calls()).containsExactly(RELOAD);
  }

  @Test
  void writingTheSameSpecAgainWritesNothingReloadsNothingAndLeavesTheModificationTime() throws IOException {
    ServiceSpec spec = Specs.infra(home);
    systemd.write(spec);
    FileTime past = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
    Files.setLastModifiedTime(unit(), past);

    assertThat(systemd.write(spec)).isFalse();

    assertThat(Files.getLastModifiedTime(unit())).isEqualTo(past);
    assertThat(systemctl.calls()).containsExactly(RELOAD);
  }

  @Test
  void aFailedReloadAfterAWriteIsAnError() {
    systemctl.on(RELOAD, fail(1, "Failed to connect to bus: No medium found"));

    assertThatThrownBy(() -> systemd.write(Specs.infra(home)))
        .isInstanceOf(IapException.class)
        .hasMessage("wrote " + unit() + " but systemctl --user daemon-reload failed: Failed to connect to bus: No"
            + " medium found");
  }

  @Test
  void aForeignUnitAtAPeerLabelIsNeverOverwritten() throws IOException {
    Path unit = foreign(LABEL);

    assertThatThrownBy(() -> systemd.write(Specs.infra(home)))
        .isInstanceOf(ForeignDefinition.class)
        .hasMessage("refusing to overwrite systemd unit " + unit + ": label com.iapeer.timer is not"
            + " foundation-managed (no X-Iapeer-Managed marker) — a persistent-peer or other manager owns it;"
            + " rename the peer or move that unit away");

    assertThat(Files.readString(unit)).isEqualTo(FOREIGN);
    assertThat(systemctl.calls()).isEmpty();
  }

  @Test
  void aForeignUnitAtTheDaemonLabelIsRefusedInTheDaemonsWords() throws IOException {
    Path unit = foreign(Labels.DAEMON);

    assertThatThrownBy(() -> systemd.write(Specs.daemon(home)))
        .isInstanceOf(ForeignDefinition.class)
        .hasMessage("refusing to overwrite " + unit + ": com.agfpd.iapeer exists but is not foundation-managed"
            + " (no X-Iapeer-Managed marker) — another manager owns it");
    assertThat(Files.readString(unit)).isEqualTo(FOREIGN);
  }

  // --- bootstrap ---

  @Test
  void anInactiveUnitIsEnabledAndStartedAtOnce() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("inactive\n")).on(ENABLE, ok());

    assertThat(systemd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.LOADED));

    assertThat(systemctl.calls(ENABLE)).hasSize(1);
    assertThat(fast.sleeps).isEmpty();
  }

  @Test
  void aUnitBeingStoppedIsWaitedForBeforeItIsStarted() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("deactivating\n"), ok("deactivating\n"), ok("inactive\n")).on(ENABLE, ok());

    assertThat(systemd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.LOADED));

    assertThat(fast.sleeps).containsExactly(ms(500), ms(500));
  }

  @Test
  void aUnitStillStoppingAfterTheBudgetIsStartedNotCalledLoaded() {
    systemd = new SystemdManager(layout, systemctl, fast.pacing(s(2)), false, CHILD_ENV);
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("deactivating\n")).on(ENABLE, ok());

    assertThat(systemd.bootstrap(LABEL)).isEqualTo(ServiceResult.of(State.LOADED));

    assertThat(systemctl.calls(ENABLE)).hasSize(1);
  }

  @Test
  void aRunningOrRestartingUnitIsAlreadyLoaded() {
    systemd.write(Specs.infra(home));
    for (String state : List.of("active", "activating", "reloading")) {
      systemctl.on(SHOW, ok(state + "\n"));

      assertThat(systemd.bootstrap(LABEL)).as(state).isEqualTo(ServiceResult.of(State.ALREADY_LOADED));
    }
    assertThat(systemctl.calls(ENABLE)).isEmpty();
  }

  @Test
  void fourFailedStartsFailWithTheLastError() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("failed\n")).on(ENABLE, fail(1, "Job for com.iapeer.timer.service failed.\n"));

    assertThat(systemd.bootstrap(LABEL)).isEqualTo(ServiceResult.failed(
        "4 bootstrap attempts failed (last: Job for com.iapeer.timer.service failed.)"));

    assertThat(systemctl.calls(ENABLE)).hasSize(4);
    assertThat(fast.sleeps).containsExactly(s(2), s(5), s(15));
  }

  // --- cycle, bootout, remove ---

  @Test
  void aCycleReloadsRestartsAndWaitsUntilTheUnitIsActive() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n"), ok("activating\n"), ok("active\n")).on(RESTART, ok());

    assertThat(systemd.cycle(LABEL)).isEqualTo(ServiceResult.of(State.RESTARTED));

    assertThat(systemctl.calls()).containsExactly(RELOAD, SHOW, RELOAD, RESTART, SHOW, SHOW);
    assertThat(fast.sleeps).containsExactly(ms(500));
  }

  @Test
  void aCycleOfAnInactiveUnitIsNotLoadedAndRestartsNothing() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("inactive\n"));

    assertThat(systemd.cycle(LABEL)).isEqualTo(ServiceResult.of(State.NOT_LOADED));

    assertThat(systemctl.calls(RESTART)).isEmpty();
  }

  @Test
  void aUnitThatDoesNotComeBackFailsTheCycleWithTheManualRescue() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n"), ok("activating\n")).on(RESTART, ok());

    assertThat(systemd.cycle(LABEL)).isEqualTo(ServiceResult.failed(UNIT + " not active 10 s after restart"
        + " (activating) — manual rescue: systemctl --user restart " + UNIT));
  }

  @Test
  void aFailedRestartFailsTheCycleWithTheManualRescue() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n")).on(RESTART, fail(1, "Job failed"));

    assertThat(systemd.cycle(LABEL)).isEqualTo(ServiceResult.failed(
        "systemctl --user restart failed: Job failed — manual rescue: systemctl --user restart " + UNIT));
  }

  @Test
  void bootoutStopsTheUnitAndANotLoadedAnswerIsBenign() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n")).on(STOP, ok(), fail(5, "Unit com.iapeer.timer.service not loaded."));

    assertThat(systemd.bootout(LABEL)).isEqualTo(ServiceResult.of(State.STOPPED));
    assertThat(systemd.bootout(LABEL)).isEqualTo(ServiceResult.of(State.NOT_LOADED));

    systemctl.on(SHOW, ok("inactive\n"));
    assertThat(systemd.bootout(LABEL)).isEqualTo(ServiceResult.of(State.NOT_LOADED));
    assertThat(systemctl.calls(STOP)).hasSize(2);
    assertThat(Files.exists(unit())).isTrue();
  }

  @Test
  void removeDisablesDeletesReloadsAndWaitsUntilTheUnitIsGone() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n"), ok("deactivating\n"), ok("inactive\n")).on(DISABLE, ok());

    assertThat(systemd.remove(LABEL)).isEqualTo(new ServiceResult(State.STOPPED, "unit removed"));

    assertThat(Files.exists(unit())).isFalse();
    assertThat(systemctl.calls()).containsExactly(RELOAD, SHOW, DISABLE, RELOAD, SHOW, SHOW);
  }

  @Test
  void aUnitThatCannotBeDisabledIsKept() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("active\n")).on(DISABLE, fail(1, "Access denied"));

    assertThat(systemd.remove(LABEL))
        .isEqualTo(ServiceResult.failed("systemctl --user disable --now failed: Access denied; unit kept"));
    assertThat(Files.exists(unit())).isTrue();
  }

  // --- the guards ---

  @Test
  void aForeignUnitIsNeverLoadedStoppedCycledOrDeleted() throws IOException {
    Path unit = foreign(LABEL);
    ServiceResult refused = new ServiceResult(State.REFUSED_FOREIGN,
        unit + " has no ownership marker (X-Iapeer-Managed=yes) — another manager owns it");

    assertThat(List.of(systemd.bootstrap(LABEL), systemd.bootout(LABEL), systemd.cycle(LABEL),
        systemd.remove(LABEL))).containsOnly(refused);

    assertThat(Files.readString(unit)).isEqualTo(FOREIGN);
    assertThat(systemctl.calls()).isEmpty();
  }

  @Test
  void theSandboxRunsNoSystemctlOrLoginctlAtAll() {
    ScriptedRunner none = new ScriptedRunner();
    SystemdManager sandboxed = new SystemdManager(layout, none, fast.pacing(), true, CHILD_ENV);

    assertThat(sandboxed.write(Specs.infra(home))).isTrue();
    assertThat(List.of(sandboxed.bootstrap(LABEL), sandboxed.bootout(LABEL), sandboxed.cycle(LABEL)))
        .containsOnly(ServiceResult.of(State.SKIPPED_SANDBOX));
    assertThat(sandboxed.isLoaded(LABEL)).isFalse();
    assertThat(sandboxed.answers()).isFalse();
    assertThat(sandboxed.linger("ada")).isEqualTo(new Linger(Linger.State.SKIPPED_SANDBOX, "ada"));
    assertThat(sandboxed.remove(LABEL)).isEqualTo(new ServiceResult(State.SKIPPED_SANDBOX,
        "stop skipped (IAPEER_TEST_SANDBOX=1); unit removed"));

    assertThat(Files.exists(unit())).isFalse();
    assertThat(none.calls()).isEmpty();
  }

  // --- the user bus, linger, hints ---

  @Test
  void everyCallCarriesTheEnvironmentThatFindsTheUserBus() {
    systemd.write(Specs.infra(home));
    systemctl.on(SHOW, ok("inactive\n")).on(ENABLE, ok());

    systemd.bootstrap(LABEL);

    assertThat(systemctl.commands()).isNotEmpty()
        .allSatisfy(c -> assertThat(c.env()).contains(CHILD_ENV));
  }

  @Test
  void xdgRuntimeDirDefaultsToTheUsersRunDirectoryWhenItExists() {
    Env bare = Env.of("HOME", "/home/ada");

    assertThat(SystemdManager.childEnv(bare, 1000, p -> p.equals(Path.of("/run/user/1000"))))
        .containsEntry("XDG_RUNTIME_DIR", "/run/user/1000").containsEntry("HOME", "/home/ada");
    assertThat(SystemdManager.childEnv(bare, 1000, p -> false)).doesNotContainKey("XDG_RUNTIME_DIR");
    assertThat(SystemdManager.childEnv(bare.with("XDG_RUNTIME_DIR", "/elsewhere"), 1000, p -> true))
        .containsEntry("XDG_RUNTIME_DIR", "/elsewhere");
  }

  @Test
  void lingerIsEnabledOnceAndAFailureSaysWhatToRun() {
    String show = "loginctl show-user ada -p Linger --value";
    String enable = "loginctl enable-linger ada";

    systemctl.on(show, ok("yes\n"));
    assertThat(systemd.linger("ada").toString()).isEqualTo("linger: already");

    systemctl.on(show, ok("no\n")).on(enable, ok());
    assertThat(systemd.linger("ada").toString()).isEqualTo("linger: enabled");

    // Without a session loginctl knows nothing of the user; enabling still works.
    systemctl.on(show, fail(1, "Failed to get user: User ID 1000 is not logged in or lingering"));
    assertThat(systemd.linger("ada").toString()).isEqualTo("linger: enabled");

    systemctl.on(enable, fail(1, "Access denied"));
    assertThat(systemd.linger("ada").toString())
        .isEqualTo("linger: failed — run: sudo loginctl enable-linger ada");
  }

  @Test
  void theUserManagerAnswersWhenShowEnvironmentSucceeds() {
    systemctl.on("systemctl --user show-environment", ok("HOME=/home/ada\n"));
    assertThat(systemd.answers()).isTrue();

    systemctl.on("systemctl --user show-environment", fail(1, "Failed to connect to bus"));
    assertThat(systemd.answers()).isFalse();
  }

  @Test
  void theHintsAreTheCommandsAPersonWouldRun() {
    assertThat(systemd.startHint(LABEL)).isEqualTo("systemctl --user enable --now " + UNIT);
    assertThat(systemd.restartHint(LABEL)).isEqualTo("systemctl --user restart " + UNIT);
  }

  private Path unit() {
    return units.resolve(UNIT);
  }

  private static final String FOREIGN = """
      [Unit]
      Description=someone else's job, named X-Iapeer-Managed=yes
      [Service]
      ExecStart=/usr/bin/true
      """;

  private Path foreign(String label) throws IOException {
    Files.createDirectories(units);
    return Files.writeString(units.resolve(label + ".service"), FOREIGN);
  }
}
