package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.host.testing.Sandbox;
import io.iapeer.core.storage.Json;
import java.nio.file.Files;
import tools.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stop}, {@code start}, {@code refresh} on the markers (04 §3.15, acceptance cases 8, 18–22). */
class ParkVerbsTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  private Sandbox host(String... peers) {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    for (String p : peers) {
      Sandbox.Run r = sb.run("create", p, "--runtime", "claude");
      assertThat(r.code()).as(r.err()).isZero();
    }
    return sb;
  }

  private static Path marker(Sandbox sb, String name) {
    return sb.root.resolve("state/lifecycle/" + name);
  }

  // --- parse ---

  @Test
  void peerRuntimeAndAllLandInTheirFields() {
    StopCommand stop = Fixtures.parse(StopCommand.class, "stop", "boris", "codex");
    assertThat(stop.targets.peer).isEqualTo("boris");
    assertThat(stop.targets.runtime).isEqualTo("codex");
    assertThat(stop.targets.all).isFalse();
    assertThat(Fixtures.parse(StartCommand.class, "start", "--all").targets.all).isTrue();
    assertThat(Fixtures.parse(RefreshCommand.class, "refresh").targets.peer).isNull();
    assertThatThrownBy(() -> Fixtures.parse(StopCommand.class, "stop", "a", "b", "c"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void case8_noPeerAndNoAllIsTheUsageLineAndTouchesNothing() {
    Sandbox sb = host("boris");
    write(marker(sb, "claude-boris.stopped"), "x\n");
    Map<String, String> before = snapshot(sb.base);
    for (String verb : new String[] {"stop", "start", "refresh"}) {
      Sandbox.Run r = sb.run(verb);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).isEqualTo(sb.noDaemon(verb) + "iapeer: " + verb + " needs a peer or --all — usage: iapeer "
          + verb + " <peer> [runtime] | --all\n");
    }
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- run ---

  @Test
  void case18_19_stopParksEveryRuntimeAndStartOnlyLiftsTheFlag() {
    Sandbox sb = host("boris");
    write(marker(sb, "claude-boris.session"), "{\"identity\":\"claude-boris\",\"cwd\":\"/w\",\"wokeAt\":1}\n");

    Sandbox.Run stop = sb.run("stop", "boris");

    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(stop.out()).isEqualTo("boris (claude): stopped\nboris (codex): stopped\n");
    assertThat(marker(sb, "claude-boris.stopped")).content().endsWith("Z\n");
    assertThat(marker(sb, "codex-boris.stopped")).exists();
    assertThat(marker(sb, "claude-boris.idle-reaped")).exists();
    assertThat(marker(sb, "claude-boris.session")).doesNotExist();
    assertThat(sb.root.resolve("logs/iapeer/lifecycle.log")).content()
        .contains(" ev=stopped identity=claude-boris\n").contains(" ev=stopped identity=codex-boris\n");

    Sandbox.Run start = sb.run("start", "boris", "claude");

    assertThat(start.code()).isZero();
    assertThat(start.out()).isEqualTo("boris (claude): started\n");
    assertThat(marker(sb, "claude-boris.stopped")).doesNotExist();
    assertThat(marker(sb, "codex-boris.stopped")).exists();
    assertThat(marker(sb, "claude-boris.idle-reaped")).as("start keeps the clean park").exists();
    assertThat(sb.root.resolve("logs/iapeer/lifecycle.log")).content().contains(" ev=started identity=claude-boris\n");
  }

  @Test
  void case18_anUnregisteredPeerOrAnUndeclaredRuntimeIsRefusedWhole() {
    Sandbox sb = host("boris");
    Sandbox.Run ghost = sb.run("stop", "ghost");
    assertThat(ghost.code()).isEqualTo(1);
    assertThat(ghost.err()).isEqualTo(sb.noDaemon("stop") + "iapeer stop: peer \"ghost\" is not registered\n");

    Sandbox.Run undeclared = sb.run("stop", "boris", "gemini");
    assertThat(undeclared.code()).isEqualTo(1);
    assertThat(undeclared.err())
        .isEqualTo(sb.noDaemon("stop")
            + "iapeer stop: peer \"boris\" does not declare runtime \"gemini\" (declared: claude, codex)\n");
    assertThat(marker(sb, "claude-boris.stopped")).doesNotExist();
  }

  @Test
  void case20_startAllLiftsRegisteredPeersOnly() {
    Sandbox sb = host("p1", "p2");
    assertThat(sb.run("stop", "--all").code()).isZero();
    write(marker(sb, "claude-ghost.stopped"), "x\n");

    Sandbox.Run r = sb.run("start", "--all", "ignored-runtime");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "p1 (claude): started\np1 (codex): started\np2 (claude): started\np2 (codex): started\n");
    assertThat(marker(sb, "claude-p1.stopped")).doesNotExist();
    assertThat(marker(sb, "claude-p2.stopped")).doesNotExist();
    assertThat(marker(sb, "claude-ghost.stopped")).exists();
  }

  @Test
  void case22_refreshArmsFreshNextOnAgentRuntimesOnly() {
    Sandbox sb = host("boris");
    Fixtures.seedPeer(sb, "pager", "notifier", "absent");

    Sandbox.Run r = sb.run("refresh", "--all");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "boris (claude): refresh-armed\nboris (codex): refresh-armed\npager (notifier): skipped-non-agentic\n");
    assertThat(marker(sb, "claude-boris.fresh-next")).exists();
    assertThat(marker(sb, "claude-boris.stopped")).doesNotExist();
    assertThat(marker(sb, "notifier-pager.fresh-next")).doesNotExist();
  }

  @Test
  void anInfraPeerIsCreatedWithItsServiceWhichStopBootsOutAndStartBootstraps() throws Exception {
    Sandbox sb = host().env("IAPEER_SERVICE_MANAGER", "builtin").installed("notifier-runtime")
        .env("IAPEER_LAUNCHER", "/opt/iapeer/bin/iapeer");
    Path def = sb.root.resolve("services/com.iapeer.pager.json");

    Sandbox.Run created = sb.run("create", "pager", "--runtime", "notifier");

    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("; plist: " + def + "; bootstrap: skipped-sandbox");
    JsonNode json = Json.parse(Files.readString(def));
    assertThat(json.path("managedBy").asString()).isEqualTo("iapeer");
    assertThat(json.path("argv").toString())
        .isEqualTo("[\"/opt/iapeer/bin/iapeer\",\"run-infra\",\"pager\",\"notifier\"]");
    assertThat(json.path("env").path("NOTIFIER_RUNTIME_BIN").asString())
        .isEqualTo(sb.bin.resolve("notifier-runtime").toString());

    Sandbox.Run stop = sb.run("stop", "pager");
    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(stop.out()).isEqualTo("pager (notifier): bootout\n");
    assertThat(def).as("a stopped service keeps its definition").exists();
    Sandbox.Run start = sb.run("start", "pager");
    assertThat(start.code()).as(start.err()).isZero();
    assertThat(start.out()).isEqualTo("pager (notifier): bootstrap\n");
    assertThat(marker(sb, "notifier-pager.stopped")).doesNotExist();
  }

  @Test
  void anInfraPeerWhoseLauncherIsMissingIsRefusedAndNothingIsWritten() {
    Sandbox sb = host().env("IAPEER_SERVICE_MANAGER", "builtin").env("IAPEER_LAUNCHER", "/opt/iapeer/bin/iapeer");

    Sandbox.Run r = sb.run("create", "pager", "--runtime", "notifier");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer create: cannot provision infra peer \"pager\": runtime launcher"
        + " \"notifier-runtime\" not found on PATH or not executable — install the notifier runtime or set"
        + " NOTIFIER_RUNTIME_BIN to its absolute path\n");
    assertThat(sb.root.resolve("services/com.iapeer.pager.json")).doesNotExist();
    assertThat(sb.root.resolve("peers/pager/.iapeer/peer-profile.json")).doesNotExist();
    assertThat(sb.run("list").out()).doesNotContain("pager");
  }

  @Test
  void aPeerWhoseLabelHoldsAForeignDefinitionIsLeftAlone() throws Exception {
    Sandbox sb = host("boris").env("IAPEER_SERVICE_MANAGER", "builtin");
    Path def = sb.root.resolve("services/com.iapeer.boris.json");
    Files.createDirectories(def.getParent());
    Files.writeString(def, "{\"label\": \"com.iapeer.boris\", \"argv\": [\"/opt/other/run\"]}\n");

    Sandbox.Run stop = sb.run("stop", "boris", "claude");
    Sandbox.Run remove = sb.run("remove", "boris");

    assertThat(stop.code()).isEqualTo(1);
    assertThat(stop.out()).isEqualTo("boris (claude): refused-foreign-launchd — \"boris\" is managed by another"
        + " service manager (foreign definition " + def + ") — iapeer does not stop it\n");
    assertThat(marker(sb, "claude-boris.stopped")).doesNotExist();
    assertThat(remove.code()).isEqualTo(1);
    assertThat(remove.err()).startsWith("iapeer remove: \"boris\" has a service definition iapeer did not write");
    assertThat(sb.run("list").out()).contains("boris");
    Sandbox.Run forced = sb.run("remove", "boris", "--force");
    assertThat(forced.out()).contains("service unit: skipped-foreign (" + def + " left intact)");
    assertThat(Files.readString(def)).isEqualTo("{\"label\": \"com.iapeer.boris\", \"argv\": [\"/opt/other/run\"]}\n");
  }
}
