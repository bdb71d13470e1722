package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code iapeer version} (04 §3.26). */
class VersionCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  @Test
  void theVersionIsTheOneBakedInAtBuildTime() {
    assertThat(VersionCommand.version()).matches("\\d+\\.\\d+\\.\\d+([-.+].*)?");
  }

  @Test
  void versionTakesNoArguments() {
    assertThat(Fixtures.parse(VersionCommand.class, "version")).isNotNull();
    assertThatThrownBy(() -> Fixtures.parse(VersionCommand.class, "version", "extra"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> Fixtures.parse(VersionCommand.class, "version", "--json"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"version", "--version", "-v"})
  void everySpellingPrintsTheVersionAloneAndExitsZero(String spelling) {
    Sandbox sb = new Sandbox(tmp);
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run(spelling);
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(VersionCommand.version() + "\n");
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anExtraArgumentIsOneUsageLine() {
    Sandbox.Run r = new Sandbox(tmp).run("version", "now");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("iapeer: unmatched argument at index 1: 'now' — usage: iapeer version\n");
  }
}
