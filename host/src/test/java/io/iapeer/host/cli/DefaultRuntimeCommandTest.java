package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/** {@code iapeer default-runtime <rt> (--peer p | --all)} (04 §3.16, acceptance case 41). */
class DefaultRuntimeCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  /** A claude-only peer boris made while only claude was installed, and a telegram peer nova. */
  private Sandbox host() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris", "--description", "keeps the books").code()).isZero();
    Fixtures.seedPeer(sb, "nova", "telegram", "natural");
    return sb;
  }

  private Path boris(Sandbox sb) {
    return sb.root.resolve("peers/boris");
  }

  // --- parse ---

  @Test
  void theRuntimeAndTheTargetLandInTheirFields() {
    DefaultRuntimeCommand c = Fixtures.parse(DefaultRuntimeCommand.class, "default-runtime", "codex", "--peer", "boris");
    assertThat(c.runtime).isEqualTo("codex");
    assertThat(c.target.peer).isEqualTo("boris");
    assertThat(Fixtures.parse(DefaultRuntimeCommand.class, "default-runtime", "codex", "--all").target.all).isTrue();
    assertThatThrownBy(() -> Fixtures.parse(DefaultRuntimeCommand.class, "default-runtime", "codex", "claude"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "default-runtime # 2 # iapeer: default-runtime needs a runtime — usage: iapeer default-runtime <runtime> (--peer <p> | --all)",
        "default-runtime codex # 2 # iapeer: default-runtime needs a target — pass --peer <p> or --all",
        "default-runtime c-x --all # 1 # iapeer default-runtime: invalid runtime \"c-x\"",
        "default-runtime telegram --peer boris # 1 # iapeer default-runtime: \"telegram\" is an infra runtime — not a warm routing default",
        "default-runtime codex --peer ghost # 1 # iapeer default-runtime: peer \"ghost\" is not registered (run iapeer list)",
      })
  void refusalsAreOneLineWithTheirExitCodeAndChangeNothing(String argv, int code, String message) {
    Sandbox sb = host();
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run(argv.split(" "));
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(message + "\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- run ---

  @Test
  void anUndeclaredRuntimeIsRefusedUntilAddedThenFlippedBothWays() {
    Sandbox sb = host();
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run refused = sb.run("default-runtime", "codex", "--peer", "boris");
    assertThat(refused.out())
        .isEqualTo(
            "boris: refused-undeclared-runtime — declares [claude] — run `iapeer add-runtime codex"
                + " --peer boris` first\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);

    sb.installed("codex");
    assertThat(sb.run("add-runtime", "codex", "--peer", "boris").code()).isZero();
    Sandbox.Run flipped = sb.run("default-runtime", "codex", "--peer", "boris");
    assertThat(flipped.code()).isZero();
    assertThat(flipped.err()).isEmpty();
    assertThat(flipped.out()).isEqualTo("boris: flipped\n");
    ObjectNode p = profile(boris(sb));
    assertThat(p.get("default_runtime").asString()).isEqualTo("codex");
    assertThat(strings(p.get("runtimes"))).containsExactly("codex", "claude");
    assertThat(p.get("description").asString()).isEqualTo("keeps the books");
    PeerRecord rec = record(sb, "boris").orElseThrow();
    assertThat(rec.runtime()).isEqualTo("codex");
    assertThat(rec.runtimes()).containsExactly("codex", "claude");
    assertThat(rec.description()).isEqualTo("keeps the books");

    Sandbox.Run again = sb.run("default-runtime", "codex", "--peer", "boris");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("boris: already\n");

    Sandbox.Run back = sb.run("default-runtime", "claude", "--peer", "boris");
    assertThat(back.out()).isEqualTo("boris: flipped\n");
    assertThat(record(sb, "boris").orElseThrow().runtime()).isEqualTo("claude");
    assertThat(strings(profile(boris(sb)).get("runtimes"))).containsExactly("claude", "codex");
    assertThat(sb.run("verify").code()).isZero();
  }

  @Test
  void allSkipsInfraPeers() {
    Sandbox sb = host();
    Sandbox.Run r = sb.run("default-runtime", "claude", "--all");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("boris: already\nnova: skipped-infra-peer — default runtime \"telegram\" is infra\n");
  }

  @Test
  void aPeerWithoutALocalProfileFails() throws Exception {
    Sandbox sb = host();
    Files.delete(boris(sb).resolve(".iapeer/peer-profile.json"));
    Sandbox.Run r = sb.run("default-runtime", "codex", "--peer", "boris");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.out()))
        .containsExactly("boris: failed — no local profile at " + boris(sb).resolve(".iapeer/peer-profile.json"));
  }

  @Test
  void ownerSectionsAndRawWordsOfTheProfileSurviveAFlip() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    assertThat(sb.run("create", "boris").code()).isZero();
    Fixtures.write(
        boris(sb).resolve(".iapeer/peer-profile.json"),
        """
        {"personality": "boris", "default_runtime": "claude", "runtimes": ["claude", "codex"],
         "description": "d", "intelligence": "artificial", "wake_policy": "ephemeral",
         "persistent-peer": {"owner": "x"}}
        """);
    assertThat(sb.run("default-runtime", "codex", "--peer", "boris").out()).isEqualTo("boris: flipped\n");
    ObjectNode p = profile(boris(sb));
    assertThat(p.get("default_runtime").asString()).isEqualTo("codex");
    assertThat(p.get("wake_policy").asString()).isEqualTo("ephemeral");
    assertThat(p.get("persistent-peer").get("owner").asString()).isEqualTo("x");
    assertThat(p.get("description").asString()).isEqualTo("d");
  }
}
