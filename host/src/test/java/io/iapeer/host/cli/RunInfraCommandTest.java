package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iapeer run-infra}'s arguments (04 §3.5): what it refuses before it touches any session. */
class RunInfraCommandTest {
  static final String USAGE = "iapeer: run-infra needs a personality and a runtime — usage: iapeer run-infra"
      + " <personality> <runtime> (internal service entrypoint)\n";

  @TempDir Path tmp;
  Sandbox sb;

  @BeforeEach
  void host() {
    sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
  }

  @Test
  void aMissingPositionalIsTheUsageLineWithPersonalityFirstAndExitTwo() {
    for (String[] args : new String[][] {{"run-infra"}, {"run-infra", "boris"}}) {
      Sandbox.Run r = sb.run(args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).isEqualTo(USAGE);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void anAgenticRuntimeIsExitOneWithoutTouchingAnySession() {
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("run-infra", "boris", "claude");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer run-infra: runtime \"claude\" is not an always-on infra runtime\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anUnknownPeerOrAnUndeclaredRuntimeIsExitOne() {
    Sandbox.Run unknown = sb.run("run-infra", "nobody", "notifier");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("iapeer run-infra: unknown peer \"nobody\" (run iapeer list)\n");
    Sandbox.Run undeclared = sb.run("run-infra", "boris", "notifier");
    assertThat(undeclared.code()).isEqualTo(1);
    assertThat(undeclared.err())
        .isEqualTo("iapeer run-infra: runtime \"notifier\" is not declared for \"boris\" (declared: claude)\n");
  }

  @Test
  void helpNamesTheEntrypointAndItsKnobs() {
    Sandbox.Run r = sb.run("run-infra", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("usage: iapeer run-infra <personality> <runtime>\n")
        .contains("IAPEER_INFRA_RECHECK_MS").contains("IAPEER_INFRA_WATCH_MS");
  }
}
