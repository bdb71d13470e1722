package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in manager's definition files (04 §4.4): their one rendering and what reading them yields. */
class BuiltinDefinitionTest {
  static ServiceSpec daemon() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/home/u/.local/bin:/usr/bin:/bin");
    env.put("IAPEER_PORT", "8765");
    env.put("HOME", "/home/u");
    return new ServiceSpec("com.agfpd.iapeer", "iapeer router daemon", List.of("/home/u/.local/bin/iapeer", "daemon"),
        Path.of("/home/u"), ServiceSpec.sorted(env), Path.of("/home/u/.iapeer/logs/iapeer/daemon-stdout.log"),
        Path.of("/home/u/.iapeer/logs/iapeer/daemon-stderr.log"), Duration.ofSeconds(10), true);
  }

  /** Every value a shell, XML, systemd or JSON would choke on. */
  static ServiceSpec hostile() {
    String bad = "a & b <weird> \"q\" 's' $HOME %h \\ tab\there\nline \u0001 ✓";
    return new ServiceSpec("com.iapeer.notes", bad, List.of("/opt/my bin/iapeer", "run-infra", bad),
        Path.of("/work/dir with space/" + bad), ServiceSpec.sorted(Map.of("WEIRD", bad, "PATH", "/bin")),
        Path.of("/logs/" + bad + ".out"), Path.of("/logs/err"), Duration.ofSeconds(30), false);
  }

  @Test
  void theDaemonRendersToTheGoldenFileKeyByKey() throws IOException {
    try (InputStream golden = getClass().getResourceAsStream("/builtin-definition/daemon.json")) {
      assertThat(BuiltinDefinition.render(daemon(), false))
          .isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theEnvironmentIsSortedSoTheSameSpecGivesTheSameBytes() {
    Map<String, String> reversed = new LinkedHashMap<>();
    daemon().env().reversed().forEach(reversed::put);
    ServiceSpec same = new ServiceSpec(daemon().label(), daemon().description(), daemon().argv(),
        daemon().workingDir(), ServiceSpec.sorted(reversed), daemon().stdout(), daemon().stderr(),
        daemon().throttle(), true);
    assertThat(BuiltinDefinition.render(same, true)).isEqualTo(BuiltinDefinition.render(daemon(), true));
  }

  @Test
  void hostileValuesComeBackExactlyAsTheyWent() {
    String text = BuiltinDefinition.render(hostile(), true);
    assertThat(text).doesNotContain("\n line").contains("\\n").contains("\\u0001");
    assertThat(BuiltinDefinition.parse(text, "com.iapeer.notes"))
        .isInstanceOfSatisfying(BuiltinDefinition.Valid.class, v -> {
          assertThat(v.spec()).isEqualTo(hostile());
          assertThat(v.enabled()).isTrue();
        });
  }

  @Test
  void aFileWithoutOurMarkerIsForeign() {
    String theirs = "{\"label\": \"com.iapeer.notes\", \"argv\": [\"/bin/sh\"]}";
    assertThat(BuiltinDefinition.parse(theirs, "com.iapeer.notes"))
        .isInstanceOf(BuiltinDefinition.Foreign.class);
    assertThat(BuiltinDefinition.parse("{\"managedBy\": \"someone-else\"}", "com.iapeer.notes"))
        .isInstanceOf(BuiltinDefinition.Foreign.class);
    assertThat(BuiltinDefinition.parse("{\"managedBy\": true}", "com.iapeer.notes"))
        .isInstanceOf(BuiltinDefinition.Foreign.class);
  }

  @Test
  void aFileThatIsNotAJsonObjectIsForeignToo() {
    assertThat(BuiltinDefinition.parse("<plist/>", "x")).isInstanceOfSatisfying(BuiltinDefinition.Foreign.class,
        f -> assertThat(f.why()).startsWith("not JSON: "));
    assertThat(BuiltinDefinition.parse("[\"managedBy\", \"iapeer\"]", "x"))
        .isEqualTo(new BuiltinDefinition.Foreign("not a JSON object"));
  }

  @Test
  void oursButUnrunnableIsBrokenWithTheReason() {
    String noArgv = BuiltinDefinition.render(daemon(), true)
        .replace("\"/home/u/.local/bin/iapeer\",\n    \"daemon\"", "");
    assertThat(BuiltinDefinition.parse(noArgv, "com.agfpd.iapeer"))
        .isInstanceOfSatisfying(BuiltinDefinition.Broken.class,
            b -> assertThat(b.why()).isEqualTo("\"argv\" must be a non-empty array of strings"));
    assertThat(BuiltinDefinition.parse(BuiltinDefinition.render(daemon(), true), "com.iapeer.other"))
        .isInstanceOfSatisfying(BuiltinDefinition.Broken.class, b -> assertThat(b.why())
            .isEqualTo("its label \"com.agfpd.iapeer\" is not its file name's \"com.iapeer.other\""));
    String noFlag = BuiltinDefinition.render(daemon(), true).replace("  \"enabled\": true,\n", "");
    assertThat(BuiltinDefinition.parse(noFlag, "com.agfpd.iapeer")).isInstanceOf(BuiltinDefinition.Broken.class);
  }

  @Test
  void readingSaysAbsentForNoFileAndParsesAnExistingOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("com.agfpd.iapeer.json");
    assertThat(BuiltinDefinition.read(file, "com.agfpd.iapeer")).isEqualTo(new BuiltinDefinition.Absent());
    Files.writeString(file, BuiltinDefinition.render(daemon(), false));
    assertThat(BuiltinDefinition.read(file, "com.agfpd.iapeer"))
        .isInstanceOfSatisfying(BuiltinDefinition.Valid.class, v -> {
          assertThat(v.spec()).isEqualTo(daemon());
          assertThat(v.enabled()).isFalse();
        });
  }
}
