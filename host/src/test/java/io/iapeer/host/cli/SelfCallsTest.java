package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent self-calls {@code self-fresh} and {@code self-done} (04 §3.25, acceptance cases 29, 30; 03 case 49). */
class SelfCallsTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  private Sandbox host() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "worker", "--runtime", "claude").code()).isZero();
    return sb;
  }

  private static Path marker(Sandbox sb, String name) {
    return sb.root.resolve("state/lifecycle/" + name);
  }

  @Test
  void case49_withoutPeerIdentityBothRefuseWithExitOne() {
    Sandbox sb = host();
    for (String verb : new String[] {"self-fresh", "self-done"}) {
      Sandbox.Run r = sb.run(verb);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEqualTo(sb.noDaemon(verb) + "iapeer " + verb
          + ": PEER_IDENTITY is not set — this verb is an agent self-call from inside a session\n");
      Sandbox.Run bad = sb.env("PEER_IDENTITY", "nodash").run(verb);
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.err()).isEqualTo(sb.noDaemon(verb) + "iapeer " + verb
          + ": invalid PEER_IDENTITY \"nodash\" — expected <runtime>-<personality>\n");
      sb.env("PEER_IDENTITY", null);
    }
  }

  @Test
  void selfFreshMarksFirstThenEndsItsOwnSession() {
    Sandbox sb = host().env("PEER_IDENTITY", "claude-worker");

    Sandbox.Run r = sb.run("self-fresh");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("self-fresh: marked claude-worker for eager fresh re-launch; self-killing session\n");
    assertThat(marker(sb, "claude-worker.new-eager")).exists();
  }

  @Test
  void case29_selfDoneArmsAndSaysWhenTheMarkIsInert() {
    Sandbox sb = host().env("PEER_IDENTITY", "claude-worker");

    Sandbox.Run r = sb.run("self-done");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("self-done: armed claude-worker for the quiet-window reap (no one woken)"
        + " — NOTE: this peer is not wake_policy:ephemeral, the marker is inert\n");
    assertThat(marker(sb, "claude-worker.ephemeral-armed")).exists();
  }

  @Test
  void case30_anEphemeralWorkerIsFoundByItsRegistryFolderFromAnywhere() {
    Sandbox sb = host().env("PEER_IDENTITY", "claude-worker");
    Path profile = sb.root.resolve("peers/worker/.iapeer/peer-profile.json");
    write(profile, Fixtures.read(profile).replaceFirst("\\{", "{\n  \"wake_policy\": \"ephemeral\","));

    Sandbox.Run r = sb.cd(sb.base.resolve("elsewhere")).run("self-done");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("self-done: armed claude-worker for the quiet-window reap (no one woken)\n");
  }
}
