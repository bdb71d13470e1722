package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.runtime.LaunchEnv;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 03 §4.2 as amended by 06 D8: 03 §12 cases 7 and 16–21, the root rule, binary resolution. */
class LaunchComposerTest {
  private static final Platform USER = new Platform(false, true);
  private static final Platform ROOT = new Platform(true, true);

  @TempDir Path home;
  @TempDir Path cwd;
  private final Map<String, String> base = new HashMap<>();

  @BeforeEach
  void baseEnvironment() {
    base.put("HOME", home.toString());
    base.put("PATH", "/base/bin:/usr/bin");
    base.put("IAPEER_CLAUDE_BIN", "/opt/claude");
    base.put("IAPEER_CODEX_BIN", "/opt/codex");
  }

  private Composition compose(String runtime, LaunchEnv launchEnv, Platform platform) {
    return compose(spec(runtime), launchEnv, platform);
  }

  private Composition compose(LaunchSpec spec, LaunchEnv launchEnv, Platform platform) {
    Adapters adapters = new Adapters(Layout.from(new Env(base)));
    return new LaunchComposer(adapters, platform).compose(spec, launchEnv);
  }

  private LaunchPlan plan(String runtime, LaunchEnv launchEnv) {
    return (LaunchPlan) compose(runtime, launchEnv, USER);
  }

  private LaunchSpec spec(String runtime) {
    return LaunchSpec.fresh(new Identity(runtime, "boris"), cwd);
  }

  // --- case 7: the intelligence gate ---

  @Test
  void telegramRefusesAnArtificialPeer() {
    Composition c =
        compose(spec("telegram").withIntelligence(Intelligence.ARTIFICIAL), LaunchEnv.empty(), USER);

    assertThat(c)
        .isEqualTo(
            new LaunchRefusal(
                "runtime \"telegram\" requires intelligence=natural, peer \"boris\" is artificial"
                    + " — refusing to launch"));
  }

  @Test
  void telegramRefusesAPeerOfUnknownIntelligence() {
    assertThat(compose("telegram", LaunchEnv.empty(), USER))
        .isInstanceOfSatisfying(LaunchRefusal.class, r -> assertThat(r.reason()).contains("is unknown"));
  }

  @Test
  void telegramLaunchesANaturalPeerAndUngatedRuntimesLaunchAnyone() {
    assertThat(compose(spec("telegram").withIntelligence(Intelligence.NATURAL), LaunchEnv.empty(), USER))
        .isInstanceOf(LaunchPlan.class);
    for (String rt : List.of("claude", "codex", "notifier")) {
      assertThat(compose(rt, LaunchEnv.empty(), USER)).as(rt).isInstanceOf(LaunchPlan.class);
    }
  }

  @Test
  void aRuntimeWithoutAdapterIsRefusedByName() {
    assertThat(compose("voicetalk", LaunchEnv.empty(), USER))
        .isEqualTo(new LaunchRefusal("no launch adapter for runtime \"voicetalk\""));
  }

  // --- case 16: argv extras ---

  @Test
  void startArgsFollowTheCallersExtrasAndStayOutOfTheEnvironment() {
    LaunchEnv le = LaunchEnv.parse("PEER_START_ARGS=--a --b\nMY_KEY=v\n");

    LaunchPlan p =
        (LaunchPlan) compose(spec("claude").withExtraArgs(List.of("--x")), le, USER);

    assertThat(p.argv()).endsWith("--x", "--a", "--b");
    assertThat(p.argv().getFirst()).isEqualTo("/opt/claude");
    assertThat(p.env()).doesNotContainKey("PEER_START_ARGS").containsEntry("MY_KEY", "v");
  }

  // --- case 17: PEER_DISALLOWED_TOOLS ---

  @Test
  void anEmptyDisallowedToolsDropsTheFlag() {
    LaunchPlan p = plan("claude", LaunchEnv.parse("PEER_DISALLOWED_TOOLS=\n"));

    assertThat(p.argv()).doesNotContain("--disallowedTools", "AskUserQuestion");
    assertThat(p.env()).doesNotContainKey("PEER_DISALLOWED_TOOLS");
  }

  @Test
  void anAbsentDisallowedToolsKeepsTheDefaultAndAValueReplacesIt() {
    assertThat(plan("claude", LaunchEnv.empty()).argv()).containsSequence("--disallowedTools", "AskUserQuestion");
    assertThat(plan("claude", LaunchEnv.parse("PEER_DISALLOWED_TOOLS=X,Y")).argv())
        .containsSequence("--disallowedTools", "X,Y")
        .doesNotContain("AskUserQuestion");
  }

  // --- case 18: PATH ---

  @Test
  void launchEnvPathWinsOverTheBasePath() {
    assertThat(plan("claude", LaunchEnv.parse("PATH=/peer/bin:/usr/bin")).env())
        .containsEntry("PATH", "/peer/bin:/usr/bin");
  }

  @Test
  void withoutLaunchEnvPathTheBasePathIsKept() {
    assertThat(plan("codex", LaunchEnv.empty()).env()).containsEntry("PATH", "/base/bin:/usr/bin");
  }

  @Test
  void withoutAnyPathLinuxFallsBackToTheUsersLocalBinThenTheSystem() {
    base.remove("PATH");
    assertThat(plan("claude", LaunchEnv.empty()).env())
        .containsEntry("PATH", home + "/.local/bin:/usr/local/bin:/usr/bin:/bin");
  }

  @Test
  void withoutAnyPathMacOsFallsBackToBunLocalAndHomebrew() {
    base.remove("PATH");
    LaunchPlan p = (LaunchPlan) compose("claude", LaunchEnv.empty(), new Platform(false, false));
    assertThat(p.env())
        .containsEntry(
            "PATH",
            home + "/.bun/bin:" + home + "/.local/bin:/opt/homebrew/bin:/opt/homebrew/sbin"
                + ":/usr/local/bin:/usr/bin:/bin");
  }

  // --- case 19: identity ABI ---

  @Test
  void theIdentityVariablesAreTheSpecsEvenWhenLaunchEnvSetsThem() {
    LaunchEnv le = LaunchEnv.parse("PEER_IDENTITY=claude-evil\nPEER_RUNTIME=x\nPEER_PERSONALITY=evil\n");

    assertThat(plan("claude", le).env())
        .contains(
            entry("PEER_IDENTITY", "claude-boris"),
            entry("PEER_RUNTIME", "claude"),
            entry("PEER_PERSONALITY", "boris"));
  }

  // --- case 20: CLAUDE_CODE_* (06 D8: from the base only) ---

  @Test
  void inheritedClaudeSessionVariablesAreStrippedForBothCLIs() {
    base.putAll(
        Map.of(
            "CLAUDE_CODE_SESSION_ID", "s", "CLAUDE_CODE_CHILD_SESSION", "1", "CLAUDECODE", "1",
            "CLAUDE_CODE_ENTRYPOINT", "cli", "CLAUDE_EFFORT", "high", "UNRELATED", "kept"));

    for (String rt : List.of("claude", "codex")) {
      assertThat(plan(rt, LaunchEnv.empty()).env())
          .as(rt)
          .doesNotContainKeys(
              "CLAUDE_CODE_SESSION_ID", "CLAUDE_CODE_CHILD_SESSION", "CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT")
          .contains(entry("CLAUDE_EFFORT", "high"), entry("UNRELATED", "kept"));
    }
  }

  @Test
  void claudePinsTheClassicRendererAndCodexDoesNot() {
    assertThat(plan("claude", LaunchEnv.empty()).env()).containsEntry("CLAUDE_CODE_DISABLE_ALTERNATE_SCREEN", "1");
    assertThat(plan("codex", LaunchEnv.empty()).env()).doesNotContainKey("CLAUDE_CODE_DISABLE_ALTERNATE_SCREEN");
  }

  @Test
  void aPeersOwnClaudeCodeVariableInLaunchEnvSurvives() {
    base.put("CLAUDE_CODE_USE_BEDROCK", "inherited");

    assertThat(plan("claude", LaunchEnv.parse("CLAUDE_CODE_USE_BEDROCK=1\nCLAUDECODE=peer")).env())
        .containsEntry("CLAUDE_CODE_USE_BEDROCK", "1")
        .containsEntry("CLAUDECODE", "peer");
  }

  @Test
  void theTmuxVariablesOfTheLaunchingShellAreNotPassedOn() {
    base.put("TMUX", "/tmp/tmux-0/default,1,0");
    base.put("TMUX_PANE", "%3");

    assertThat(plan("claude", LaunchEnv.empty()).env()).doesNotContainKeys("TMUX", "TMUX_PANE");
  }

  // --- case 21: the codex bearer stub ---

  @Test
  void codexGetsThePublicBearerStubAndClaudeDoesNot() {
    assertThat(plan("codex", LaunchEnv.parse("IAPEER_BEARER=other")).env())
        .containsEntry("IAPEER_BEARER", "iapeer-localhost-open-no-secret");
    assertThat(plan("claude", LaunchEnv.empty()).env()).doesNotContainKey("IAPEER_BEARER");
  }

  // --- 06 D8: IS_SANDBOX as root ---

  @Test
  void asRootClaudeWithoutIsSandboxIsRefusedAndItIsNeverSetSilently() {
    Composition c = compose("claude", LaunchEnv.empty(), ROOT);

    assertThat(c).isInstanceOfSatisfying(LaunchRefusal.class, r -> assertThat(r.reason())
        .contains("as root", "IS_SANDBOX=1", "launch.env"));
  }

  @Test
  void asRootClaudeLaunchesWhenTheBaseOrLaunchEnvSetsIsSandbox() {
    assertThat(compose("claude", LaunchEnv.parse("IS_SANDBOX=1"), ROOT)).isInstanceOf(LaunchPlan.class);
    base.put("IS_SANDBOX", "1");
    assertThat(((LaunchPlan) compose("claude", LaunchEnv.empty(), ROOT)).env()).containsEntry("IS_SANDBOX", "1");
  }

  @Test
  void asRootAnIsSandboxOtherThanOneIsRefused() {
    assertThat(compose("claude", LaunchEnv.parse("IS_SANDBOX=0"), ROOT)).isInstanceOf(LaunchRefusal.class);
  }

  @Test
  void asRootCodexAndRoutersNeedNoSandboxFlag() {
    assertThat(((LaunchPlan) compose("codex", LaunchEnv.empty(), ROOT)).env()).doesNotContainKey("IS_SANDBOX");
    assertThat(compose("notifier", LaunchEnv.empty(), ROOT)).isInstanceOf(LaunchPlan.class);
  }

  @Test
  void asAUserClaudeNeedsNoSandboxFlagAndGetsNone() {
    assertThat(plan("claude", LaunchEnv.empty()).env()).doesNotContainKey("IS_SANDBOX");
  }

  // --- 06 D8: which binary ---

  @Test
  void thePinnedBinaryVariableWinsOverLocalBinAndPath() throws IOException {
    executable(home.resolve(".local/bin/claude"));
    assertThat(plan("claude", LaunchEnv.empty()).argv().getFirst()).isEqualTo("/opt/claude");
  }

  @Test
  void withoutThePinAnExecutableInLocalBinWinsOverPath(@TempDir Path pathDir) throws IOException {
    base.remove("IAPEER_CLAUDE_BIN");
    base.put("PATH", pathDir.toString());
    executable(pathDir.resolve("claude"));
    Path local = executable(home.resolve(".local/bin/claude"));

    assertThat(plan("claude", LaunchEnv.empty()).argv().getFirst()).isEqualTo(local.toString());
  }

  @Test
  void withoutPinOrLocalBinTheBinaryIsFoundOnPath(@TempDir Path pathDir) throws IOException {
    base.remove("IAPEER_CODEX_BIN");
    base.put("PATH", pathDir.toString());
    Path onPath = executable(pathDir.resolve("codex"));
    Files.createDirectories(home.resolve(".local/bin"));
    Files.writeString(home.resolve(".local/bin/codex"), "not executable");

    assertThat(plan("codex", LaunchEnv.empty()).argv().getFirst()).isEqualTo(onPath.toString());
  }

  @Test
  void legacyClaudeBinIsNotReadAndAMissingBinaryRefusesTheLaunch() {
    base.remove("IAPEER_CLAUDE_BIN");
    base.put("CLAUDE_BIN", "/legacy/claude");

    assertThat(compose("claude", LaunchEnv.empty(), USER))
        .isInstanceOfSatisfying(LaunchRefusal.class, r -> assertThat(r.reason())
            .contains("\"claude\" is not installed", "IAPEER_CLAUDE_BIN"));
  }

  // --- launch.env from the peer folder ---

  @Test
  void composeReadsThePeersLaunchEnvForItsRuntime() throws IOException {
    Path file = cwd.resolve(".iapeer/runtimes/codex/launch.env");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "export PEER_START_ARGS=--model fake\nFAKE_KEY='k'\n");
    Adapters adapters = new Adapters(Layout.from(new Env(base)));

    LaunchPlan p = (LaunchPlan) new LaunchComposer(adapters, USER).compose(spec("codex"));

    assertThat(p.argv()).endsWith("--dangerously-bypass-approvals-and-sandbox", "--model", "fake");
    assertThat(p.env()).containsEntry("FAKE_KEY", "k");
  }

  private static Path executable(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
