package io.iapeer.host.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host facts of 03 §8.1, against a scripted machine and once against this one. */
class HostFactsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);

  /** A machine that answers from maps; any other question fails. */
  record Scripted(String osName, Map<Path, String> files, Map<String, String> commands)
      implements HostProbe {
    Scripted(String osName) {
      this(osName, new HashMap<>(), new HashMap<>());
    }

    Scripted file(String path, String text) {
      files.put(Path.of(path), text);
      return this;
    }

    Scripted command(String argv, String stdout) {
      commands.put(argv, stdout);
      return this;
    }

    @Override
    public Optional<String> readFile(Path file) {
      return Optional.ofNullable(files.get(file));
    }

    @Override
    public Optional<String> run(String... argv) {
      return Optional.ofNullable(commands.get(String.join(" ", argv)));
    }
  }

  @Test
  void linuxReadsVersionIdFromOsReleaseUnquoted() {
    Scripted linux =
        new Scripted("Linux")
            .file("/etc/os-release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=12\n")
            .command("hostname -s", "vm\n");

    HostFacts facts = HostFacts.detect(Env.of("USER", "alice"), CLOCK, linux);

    assertThat(facts)
        .isEqualTo(new HostFacts("linux", "12", "alice", "vm", LocalDate.of(2025, 3, 14)));
  }

  @Test
  void versionIdMayBeBareOrSingleQuotedAndTheLastAssignmentWins() {
    assertThat(HostFacts.versionId("VERSION_ID=22.04\n")).contains("22.04");
    assertThat(HostFacts.versionId("VERSION_ID='3.19.1'")).contains("3.19.1");
    assertThat(HostFacts.versionId("VERSION_ID=1\nVERSION_ID=\"2\"\n")).contains("2");
    assertThat(HostFacts.versionId("VERSION_ID=\"\"\n")).isEmpty();
    assertThat(HostFacts.versionId("NAME=Arch\n")).isEmpty();
  }

  @Test
  void linuxWithoutAVersionIdIsUnknown() {
    assertThat(HostFacts.detect(Env.of("USER", "a"), CLOCK, new Scripted("Linux")).osVersion())
        .isEqualTo("unknown");
    Scripted rolling = new Scripted("Linux").file("/etc/os-release", "NAME=Arch\nID=arch\n");
    assertThat(HostFacts.detect(Env.of("USER", "a"), CLOCK, rolling).osVersion())
        .isEqualTo("unknown");
  }

  @Test
  void macOsIsDarwinWithTheSwVersProductVersion() {
    Scripted mac = new Scripted("Mac OS X").command("sw_vers -productVersion", "14.5\n");

    HostFacts facts = HostFacts.detect(Env.of("USER", "bob"), CLOCK, mac);

    assertThat(facts.platform()).isEqualTo("darwin");
    assertThat(facts.osVersion()).isEqualTo("14.5");
    assertThat(HostFacts.detect(Env.of(), CLOCK, new Scripted("Mac OS X")).osVersion())
        .isEqualTo("unknown");
  }

  @Test
  void anyOtherSystemIsItsLowercaseNameWithAnUnknownVersion() {
    HostFacts facts = HostFacts.detect(Env.of(), CLOCK, new Scripted("FreeBSD"));

    assertThat(facts.platform()).isEqualTo("freebsd");
    assertThat(facts.osVersion()).isEqualTo("unknown");
  }

  @Test
  void userIsTheTrimmedUserVariableElseIdElseUnknown() {
    Scripted id = new Scripted("Linux").command("id -un", "carol\n");

    assertThat(HostFacts.detect(Env.of("USER", "  dave \n"), CLOCK, id).user()).isEqualTo("dave");
    assertThat(HostFacts.detect(Env.of("USER", "  "), CLOCK, id).user()).isEqualTo("carol");
    assertThat(HostFacts.detect(Env.of(), CLOCK, id).user()).isEqualTo("carol");
    assertThat(HostFacts.detect(Env.of(), CLOCK, new Scripted("Linux")).user())
        .isEqualTo("unknown");
  }

  @Test
  void hostnameIsTheTrimmedShortNameElseUnknown() {
    Scripted padded = new Scripted("Linux").command("hostname -s", " mbp \n");
    Scripted blank = new Scripted("Linux").command("hostname -s", "\n");

    assertThat(HostFacts.detect(Env.of(), CLOCK, padded).hostname()).isEqualTo("mbp");
    assertThat(HostFacts.detect(Env.of(), CLOCK, blank).hostname()).isEqualTo("unknown");
    assertThat(HostFacts.detect(Env.of(), CLOCK, new Scripted("Linux")).hostname())
        .isEqualTo("unknown");
  }

  @Test
  void todayIsTheLocalDateOfTheClocksZone() {
    Instant lateUtc = Instant.parse("2025-03-14T23:30:00Z");
    Clock berlin = Clock.fixed(lateUtc, ZoneOffset.ofHours(2));
    Clock chicago = Clock.fixed(lateUtc, ZoneOffset.ofHours(-5));

    assertThat(HostFacts.detect(Env.of(), berlin, new Scripted("Linux")).today())
        .isEqualTo(LocalDate.of(2025, 3, 15));
    assertThat(HostFacts.detect(Env.of(), chicago, new Scripted("Linux")).today())
        .isEqualTo(LocalDate.of(2025, 3, 14));
  }

  @Test
  void theSystemProbeReportsOnlyCommandsThatExitZero(@TempDir Path dir) throws Exception {
    HostProbe probe = new SystemHostProbe(Duration.ofSeconds(5));

    assertThat(probe.run("sh", "-c", "echo out; echo err >&2")).contains("out\n");
    assertThat(probe.run("sh", "-c", "echo out; exit 3")).isEmpty();
    assertThat(probe.run(dir.resolve("no-such-command").toString())).isEmpty();
    Path file = Files.writeString(dir.resolve("os-release"), "VERSION_ID=1\n");
    assertThat(probe.readFile(file)).contains("VERSION_ID=1\n");
    assertThat(probe.readFile(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void theSystemProbeGivesUpOnACommandThatHangs() {
    HostProbe probe = new SystemHostProbe(Duration.ofMillis(200));
    long start = System.nanoTime();

    assertThat(probe.run("sleep", "30")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void onThisMachineEveryFactIsFilledIn() {
    HostFacts facts = HostFacts.detect(Env.of(), Clock.systemDefaultZone());

    assertThat(facts.platform()).isNotBlank().isLowerCase();
    assertThat(Arrays.asList(facts.osVersion(), facts.user(), facts.hostname()))
        .allSatisfy(v -> assertThat(v).isNotBlank().isEqualTo(v.trim()));
  }
}
