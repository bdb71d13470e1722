package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.host.session.CommandRunner;
import io.iapeer.host.session.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd user units (04 §4.3.2–§4.3.3; acceptance 98): golden text, systemd's own verdict on them,
 * and every value read back.
 */
class SystemdUnitTest {
  private static final Path ADA = Path.of("/home/ada");
  private static final Path SRV = Path.of("/srv/iapeer");

  @TempDir Path tmp;

  @Test
  void theDaemonsUnitIsTheGoldenOne() {
    Golden.check("daemon.service", SystemdUnit.render(Specs.daemon(ADA)));
  }

  @Test
  void anInfraPeersUnitIsTheGoldenOne() {
    Golden.check("infra-timer.service", SystemdUnit.render(Specs.infra(ADA)));
  }

  @Test
  void aUnitOfHostileValuesIsTheGoldenOne() {
    Golden.check("hostile.service", SystemdUnit.render(Specs.hostile(SRV)));
  }

  @Test
  void everyRenderedUnitPassesSystemdAnalyzeVerifyWithoutAWord() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    executable(home.resolve(".local/share/iapeer/0.1.0/bin/iapeer"));
    Files.createDirectories(home.resolve("peers/timer"));
    Path base = Files.createDirectories(tmp.resolve("srv"));
    // The program's path is hostile too: verify fails unless systemd reads it back to this very file.
    executable(Specs.program(base));
    Files.createDirectories(Specs.workingDir(base));

    for (ServiceSpec spec : List.of(Specs.daemon(home), Specs.infra(home), Specs.hostile(base))) {
      Path unit = Files.writeString(tmp.resolve(spec.label() + ".service"), SystemdUnit.render(spec));

      CommandRunner.Result r = verify(unit);

      assertThat(r.out() + r.err()).as("systemd-analyze verify %s", unit.getFileName()).isEmpty();
      assertThat(r.exit()).isZero();
    }
  }

  @Test
  void systemdAnalyzeVerifyDoesCatchABadUnit() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path unit = tmp.resolve("com.iapeer.timer.service");
    // The program is missing, and an unknown key is only a warning: both must be noticed.
    Files.writeString(unit, SystemdUnit.render(Specs.infra(home)).replace("Restart=always", "Restart=bogus"));

    CommandRunner.Result r = verify(unit);

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("is not executable").contains("bogus");
  }

  @Test
  void hostileValuesReadBackAsTheSpecsWithoutTheirControlCharacters() {
    ServiceSpec spec = Specs.hostile(SRV);

    var unit = UnitReader.sections(SystemdUnit.render(spec));

    List<String> words = UnitReader.words(value(unit.get("[Service]"), "ExecStart"));
    List<String> argv = new ArrayList<>();
    argv.add(UnitReader.specifiers(words.getFirst()));
    words.subList(1, words.size()).forEach(w -> argv.add(UnitReader.dollars(UnitReader.specifiers(w))));
    assertThat(argv).isEqualTo(spec.argv().stream().map(SystemdUnit::clean).toList());

    Map<String, String> env = new TreeMap<>();
    for (String line : values(unit.get("[Service]"), "Environment")) {
      List<String> w = UnitReader.words(line);
      assertThat(w).hasSize(1);
      String kv = UnitReader.specifiers(w.getFirst());
      env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    Map<String, String> expected = new TreeMap<>();
    spec.env().forEach((k, v) -> expected.put(k, SystemdUnit.clean(v)));
    assertThat(env).isEqualTo(expected);

    assertThat(UnitReader.specifiers(value(unit.get("[Service]"), "WorkingDirectory")))
        .isEqualTo(spec.workingDir().toString());
    assertThat(UnitReader.specifiers(value(unit.get("[Service]"), "StandardOutput")))
        .isEqualTo("append:" + spec.stdout());
    assertThat(UnitReader.specifiers(value(unit.get("[Service]"), "StandardError")))
        .isEqualTo("append:" + spec.stderr());
    assertThat(UnitReader.specifiers(value(unit.get("[Unit]"), "Description"))).isEqualTo(spec.description());
  }

  @Test
  void theUnitKeepsTheJobUpLikeKeepAliveAndStopsTheDaemonWithoutItsSessions() {
    var daemon = UnitReader.sections(SystemdUnit.render(Specs.daemon(ADA)));
    var infra = UnitReader.sections(SystemdUnit.render(Specs.infra(ADA)));

    assertThat(daemon.keySet()).containsExactly("[Unit]", "[Service]", "[Install]");
    assertThat(value(daemon.get("[Unit]"), "X-Iapeer-Managed")).isEqualTo("yes");
    assertThat(value(daemon.get("[Unit]"), "StartLimitIntervalSec")).isEqualTo("0");
    assertThat(value(daemon.get("[Service]"), "Restart")).isEqualTo("always");
    assertThat(value(daemon.get("[Service]"), "RestartSec")).isEqualTo("10");
    assertThat(value(daemon.get("[Service]"), "KillMode")).isEqualTo("process");
    assertThat(values(daemon.get("[Service]"), "TimeoutStopSec")).isEmpty();
    assertThat(value(daemon.get("[Install]"), "WantedBy")).isEqualTo("default.target");
    assertThat(value(infra.get("[Service]"), "KillMode")).isEqualTo("mixed");
    assertThat(value(infra.get("[Service]"), "TimeoutStopSec")).isEqualTo("20");
    assertThat(values(infra.get("[Service]"), "Environment")).isSorted();
  }

  @Test
  void aProgramPathSystemdWouldRefuseIsRefusedWithTheReason() {
    ServiceSpec s = Specs.infra(ADA);
    ServiceSpec quoted = new ServiceSpec(s.label(), s.description(), List.of("/opt/it's/iapeer", "daemon"),
        s.workingDir(), s.env(), s.stdout(), s.stderr(), s.throttle(), s.daemon());

    assertThatThrownBy(() -> SystemdUnit.render(quoted))
        .isInstanceOf(IapException.class)
        .hasMessage("cannot run /opt/it's/iapeer from a systemd unit: systemd refuses a program path with a quote"
            + " or a backslash — install iapeer under a plainer path");
  }

  @Test
  void aPathEndingInABlankOrABackslashIsRefusedNotMangled() {
    ServiceSpec s = Specs.infra(ADA);
    for (String dir : List.of("/srv/trailing ", "/srv/trailing\\")) {
      ServiceSpec spec = new ServiceSpec(s.label(), s.description(), s.argv(), Path.of(dir), s.env(), s.stdout(),
          s.stderr(), s.throttle(), s.daemon());

      assertThatThrownBy(() -> SystemdUnit.render(spec))
          .isInstanceOf(IapException.class)
          .hasMessageStartingWith("cannot write WorkingDirectory=" + dir + " in a systemd unit");
    }
  }

  @Test
  void anEnvironmentNameSystemdWouldIgnoreIsRefused() {
    assertThatThrownBy(() -> SystemdUnit.environment("A&B", "v"))
        .isInstanceOf(IapException.class)
        .hasMessage("cannot set environment variable \"A&B\" in a systemd unit: not a valid name");
  }

  @Test
  void ownershipIsAMarkerLineWhateverItsIndentation() {
    assertThat(SystemdUnit.isOwned(SystemdUnit.render(Specs.daemon(ADA)))).isTrue();
    assertThat(SystemdUnit.isOwned("[Unit]\n  X-Iapeer-Managed=no\n")).isTrue();
    assertThat(SystemdUnit.isOwned("[Unit]\nDescription=X-Iapeer-Managed=yes\n")).isFalse();
    assertThat(SystemdUnit.isOwned("# managed by iapeer (com.iapeer.managed)\n[Unit]\n")).isFalse();
    assertThat(SystemdUnit.isOwned("")).isFalse();
  }

  /**
   * systemd's own unit loader on the file; it needs no running systemd. Warnings (an unknown key, a
   * bad value, a specifier it cannot resolve) leave the exit code 0, hence the empty-output check.
   */
  private static CommandRunner.Result verify(Path unit) {
    Optional<Path> analyze = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "systemd-analyze"))
        .filter(Files::isExecutable)
        .findFirst();
    assertThat(analyze)
        .as("systemd-analyze (package systemd) validates the units; .ci/run installs it when missing")
        .isPresent();
    return new ProcessCommandRunner(Duration.ofSeconds(30))
        .run(CommandRunner.Command.of(List.of(analyze.get().toString(), "verify", "--man=no", unit.toString())));
  }

  private static void executable(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String value(List<Map.Entry<String, String>> section, String key) {
    List<String> all = values(section, key);
    assertThat(all).as(key).hasSize(1);
    return all.getFirst();
  }

  private static List<String> values(List<Map.Entry<String, String>> section, String key) {
    return section.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
  }
}
