package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.read;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code iapeer add-runtime <rt> (--peer p | --all)} (04 §3.16, acceptance case 39). */
class AddRuntimeCommandTest {
  static final String NOVA_SKIPPED = "nova: skipped-infra-peer — default runtime \"telegram\" is infra\n";

  @TempDir(factory = FastTempDir.class) Path tmp;

  /** A claude-only peer boris made while only claude was installed, and a telegram peer nova. */
  private Sandbox host() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    Fixtures.seedPeer(sb, "nova", "telegram", "natural");
    return sb;
  }

  // --- parse ---

  @Test
  void theRuntimeAndTheTargetLandInTheirFields() {
    AddRuntimeCommand one = Fixtures.parse(AddRuntimeCommand.class, "add-runtime", "codex", "--peer", "boris");
    assertThat(one.runtime).isEqualTo("codex");
    assertThat(one.target.peer).isEqualTo("boris");
    assertThat(one.target.all).isFalse();
    AddRuntimeCommand all = Fixtures.parse(AddRuntimeCommand.class, "add-runtime", "codex", "--all");
    assertThat(all.target.all).isTrue();
    assertThat(all.target.peer).isNull();
    AddRuntimeCommand none = Fixtures.parse(AddRuntimeCommand.class, "add-runtime");
    assertThat(none.runtime).isNull();
  }

  @Test
  void aPeerFlagWithoutAValueOrAnUnknownFlagIsAParseError() {
    assertThatThrownBy(() -> Fixtures.parse(AddRuntimeCommand.class, "add-runtime", "codex", "--peer"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> Fixtures.parse(AddRuntimeCommand.class, "add-runtime", "codex", "--every"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "add-runtime # 2 # iapeer: add-runtime needs a runtime — usage: iapeer add-runtime <runtime> (--peer <p> | --all)",
        "add-runtime codex # 2 # iapeer: add-runtime needs a target — pass --peer <p> or --all",
        "add-runtime Claude --peer boris # 1 # iapeer add-runtime: invalid runtime \"Claude\"",
        "add-runtime telegram --all # 1 # iapeer add-runtime: \"telegram\" is an infra runtime — infra presence is operator-add via `iapeer create`, not a sweep",
        "add-runtime codex --peer ghost # 1 # iapeer add-runtime: peer \"ghost\" is not registered (run iapeer list)",
      })
  void refusalsAreOneLineWithTheirExitCodeAndChangeNothing(String argv, int code, String message) {
    Sandbox sb = host().installed("codex");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run(argv.split(" "));
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(message + "\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void allOnAnEmptyRegistryHasNoTargets() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Sandbox.Run r = sb.run("add-runtime", "codex", "--all");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.err())).singleElement().asString().startsWith("iapeer add-runtime: no targets");
  }

  // --- run ---

  @Test
  void addingCodexToEveryPeerDeclaresItWithoutTouchingTheDefaultAndSkipsInfraPeers() throws Exception {
    Sandbox sb = host().installed("codex");
    Sandbox.Run r = sb.run("add-runtime", "codex", "--all");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("boris: added\n" + NOVA_SKIPPED);

    Path cwd = sb.root.resolve("peers/boris");
    assertThat(profile(cwd).get("default_runtime").asString()).isEqualTo("claude");
    assertThat(strings(profile(cwd).get("runtimes"))).containsExactly("claude", "codex");
    PeerRecord rec = record(sb, "boris").orElseThrow();
    assertThat(rec.runtime()).isEqualTo("claude");
    assertThat(rec.runtimes()).containsExactly("claude", "codex");
    assertThat(record(sb, "nova").orElseThrow().runtimes()).containsExactly("telegram");
    // The new runtime is wired: codex trusts the folder and knows the daemon.
    assertThat(read(sb.home.resolve(".codex/config.toml")))
        .contains("[mcp_servers.iapeer]")
        .contains("[projects.\"" + cwd.toRealPath() + "\"]");

    Sandbox.Run again = sb.run("add-runtime", "codex", "--all");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("boris: already\n" + NOVA_SKIPPED);
  }

  @Test
  void theCallersOwnPeerIdentityDoesNotGateAnotherPeer() {
    Sandbox sb = host().installed("codex");
    sb.env("PEER_PERSONALITY", "someone-else").env("PEER_IDENTITY", "claude-someone-else").env("PEER_RUNTIME", "claude");
    Sandbox.Run r = sb.run("add-runtime", "codex", "--peer", "boris");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("boris: added\n");
  }

  @Test
  void aRuntimeThatIsNotInstalledFailsPerPeerAndChangesNothing() {
    Sandbox sb = host();
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("add-runtime", "codex", "--peer", "boris");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "boris: failed — runtime \"codex\" is not installed on this host — install it (or point"
                + " IAPEER_CODEX_BIN at it) or choose an installed runtime\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }
}
