package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.read;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code iapeer remove <peer> [--force]} (04 §3.18, acceptance cases 23, 24). */
class RemoveCommandTest {
  static final String KEPT = " (remove never deletes peer data — `rm -rf` it yourself if it was a throwaway)";

  @TempDir(factory = FastTempDir.class) Path tmp;

  private Sandbox host(String... peers) {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    for (String p : peers) {
      assertThat(sb.run("create", p).code()).isZero();
    }
    return sb;
  }

  private Path state(Sandbox sb) {
    return sb.root.resolve("state/lifecycle");
  }

  // --- parse ---

  @Test
  void thePeerAndForceLandInTheirFields() {
    RemoveCommand c = Fixtures.parse(RemoveCommand.class, "remove", "boris", "--force");
    assertThat(c.peer).isEqualTo("boris");
    assertThat(c.force).isTrue();
    RemoveCommand bare = Fixtures.parse(RemoveCommand.class, "remove");
    assertThat(bare.peer).isNull();
    assertThat(bare.force).isFalse();
    assertThatThrownBy(() -> Fixtures.parse(RemoveCommand.class, "remove", "a", "b"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void aMissingPeerIsTheTargetedUsageLine() {
    Sandbox sb = host("boris");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("remove");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("iapeer: remove needs a peer name — usage: iapeer remove <peer> [--force]\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- run ---

  @Test
  void removeDropsTheRecordAndKeepsTheFolderUntouched() {
    Sandbox sb = host("boris", "maria");
    Path cwd = sb.root.resolve("peers/boris");
    Map<String, String> folder = snapshot(cwd);
    Sandbox.Run r = sb.run("remove", "boris");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("removed \"boris\" from the registry\nfolder kept: " + cwd + KEPT + "\n");
    assertThat(record(sb, "boris")).isEmpty();
    assertThat(record(sb, "maria")).isPresent();
    assertThat(snapshot(cwd)).isEqualTo(folder);
  }

  @Test
  void removingAnUnregisteredPeerIsANoOpThatChangesNothing() {
    Sandbox sb = host("boris");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("remove", "ghost");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("\"ghost\" not registered — no-op\n");
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void aSecondRemoveIsANoOp() {
    Sandbox sb = host("boris");
    assertThat(sb.run("remove", "boris").code()).isZero();
    Sandbox.Run again = sb.run("remove", "boris");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("\"boris\" not registered — no-op\n");
  }

  @Test
  void forceRemovesLikeWithoutItWhenNothingIsLive() {
    Sandbox sb = host("boris");
    Sandbox.Run r = sb.run("remove", "boris", "--force");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("removed \"boris\" from the registry\n");
    assertThat(record(sb, "boris")).isEmpty();
  }

  @Test
  void lifecycleStateOfTheIdentityIsPurgedAndALongerNameSharingThePrefixSurvives() {
    Sandbox sb = host("reborn", "reborn2");
    Path dir = state(sb);
    write(dir.resolve("claude-reborn.stopped"), "");
    write(dir.resolve("claude-reborn.idle-reaped"), "");
    write(dir.resolve("claude-reborn.topic"), "t");
    write(dir.resolve("claude-reborn.queue/0001.json"), "{}");
    write(dir.resolve("claude-reborn2.stopped"), "");
    write(dir.resolve("claude-rebornx"), "");
    Path cwd = sb.root.resolve("peers/reborn");
    Sandbox.Run r = sb.run("remove", "reborn");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "removed \"reborn\" from the registry\n"
                + "lifecycle state purged: claude-reborn.idle-reaped, claude-reborn.queue,"
                + " claude-reborn.stopped, claude-reborn.topic\n"
                + "folder kept: " + cwd + KEPT + "\n");
    assertThat(dir.resolve("claude-reborn.stopped")).doesNotExist();
    assertThat(dir.resolve("claude-reborn.queue")).doesNotExist();
    assertThat(dir.resolve("claude-reborn2.stopped")).exists();
    assertThat(dir.resolve("claude-rebornx")).exists();
    assertThat(record(sb, "reborn2")).isPresent();
  }

  @Test
  void everyDeclaredRuntimesStateIsPurged() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    assertThat(sb.run("create", "boris").code()).isZero();
    write(state(sb).resolve("claude-boris.stopped"), "");
    write(state(sb).resolve("codex-boris.stopped"), "");
    Sandbox.Run r = sb.run("remove", "boris");
    assertThat(r.out()).contains("lifecycle state purged: claude-boris.stopped, codex-boris.stopped\n");
  }

  @Test
  void aFolderThatIsGoneIsNotReportedAsKept() throws Exception {
    Sandbox sb = host("boris");
    Path cwd = sb.root.resolve("peers/boris");
    try (Stream<Path> walk = java.nio.file.Files.walk(cwd)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
    Sandbox.Run r = sb.run("remove", "boris");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("removed \"boris\" from the registry\n");
  }

  @Test
  void aCodexPeersFolderTrustIsDroppedAndEverythingElseInTheConfigKept() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    assertThat(sb.run("create", "boris").code()).isZero();
    assertThat(sb.run("create", "maria").code()).isZero();
    Path config = sb.home.resolve(".codex/config.toml");
    Path boris = sb.root.resolve("peers/boris").toRealPath();
    Path maria = sb.root.resolve("peers/maria").toRealPath();
    assertThat(read(config)).contains("[projects.\"" + boris + "\"]");

    Sandbox.Run r = sb.run("remove", "boris");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "removed \"boris\" from the registry\ncodex trust entry: removed\nfolder kept: "
                + sb.root.resolve("peers/boris") + KEPT + "\n");
    String after = read(config);
    assertThat(after).doesNotContain(boris.toString());
    assertThat(after).contains("[projects.\"" + maria + "\"]\ntrust_level = \"trusted\"");
    assertThat(after).contains("[mcp_servers.iapeer]");
  }
}
