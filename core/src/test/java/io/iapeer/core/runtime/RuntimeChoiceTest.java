package io.iapeer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Installedness and the runtime choices of 01 §12.2–§12.3, cases 36–38. HOME and PATH always point
 * into the temp dir, so what this machine has installed never leaks in.
 */
class RuntimeChoiceTest {
  @TempDir Path tmp;
  Path home;
  Path bin;
  Path cwd;

  @BeforeEach
  void dirs() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    cwd = Files.createDirectories(tmp.resolve("peer"));
  }

  /** HOME, PATH and root in the temp dir, plus {@code extra} pairs. */
  private Layout layout(String... extra) {
    List<String> pairs =
        new ArrayList<>(List.of("HOME", home.toString(), "PATH", bin.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));
    pairs.addAll(List.of(extra));
    return Layout.from(Env.of(pairs.toArray(String[]::new)));
  }

  private void standIn(String name) throws IOException {
    Path f = Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void marker(String dir) throws IOException {
    Files.createDirectories(cwd.resolve(dir));
  }

  // --- installedness (01 §12.2 with our sandbox deviation) ---

  @Test
  void nothingIsInstalledInAnEmptySandbox() {
    assertThat(Installed.agentic(layout())).isEmpty();
  }

  @Test
  void theTestSandboxFlagDoesNotMakeRuntimesInstalled() {
    assertThat(Installed.agentic(layout("IAPEER_TEST_SANDBOX", "1"))).isEmpty();
  }

  @Test
  void anExecutableOnPathIsInstalled() throws IOException {
    standIn("codex");

    assertThat(Installed.agentic(layout())).containsExactly("codex");
    assertThat(Installed.which(layout(), "codex")).contains(bin.resolve("codex"));
  }

  @Test
  void aNonExecutableFileOrADirectoryOnPathIsNotInstalled() throws IOException {
    Files.writeString(bin.resolve("claude"), "not executable");
    Files.createDirectories(bin.resolve("codex"));

    assertThat(Installed.agentic(layout())).isEmpty();
  }

  @Test
  void pathIsSearchedInOrderAndToleratesEmptyAndMissingEntries() throws IOException {
    Path second = Files.createDirectories(tmp.resolve("bin2"));
    Path f = Files.writeString(second.resolve("claude"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    String path = ":" + tmp.resolve("missing") + "::" + bin + ":" + second;

    assertThat(Installed.which(layout("PATH", path), "claude")).contains(f);
  }

  @Test
  void theMachinesRealPathIsNeverConsulted() {
    // /bin/sh exists on every host we run on; without PATH in the Env it must not be found.
    Layout noPath = Layout.from(Env.of("HOME", home.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));

    assertThat(Installed.which(noPath, "sh")).isEmpty();
    assertThat(Installed.which(layout(), "sh")).isEmpty();
  }

  @Test
  void anAbsoluteNameIsCheckedAsIs() throws IOException {
    standIn("claude");

    assertThat(Installed.which(layout(), bin.resolve("claude").toString())).contains(bin.resolve("claude"));
    assertThat(Installed.which(layout(), bin.resolve("nope").toString())).isEmpty();
    assertThat(Installed.which(layout(), bin.toString())).isEmpty();
  }

  @Test
  void aBinVariableMakesItsRuntimeInstalled() {
    assertThat(Installed.agentic(layout("IAPEER_CLAUDE_BIN", "/opt/stand-in/claude"))).containsExactly("claude");
    assertThat(Installed.agentic(layout("IAPEER_CODEX_BIN", "/opt/stand-in/codex"))).containsExactly("codex");
  }

  @Test
  void aBlankBinVariableCountsAsUnset() {
    assertThat(Installed.agentic(layout("IAPEER_CLAUDE_BIN", "  ", "IAPEER_CODEX_BIN", ""))).isEmpty();
  }

  @Test
  void anExecutableInLocalBinIsInstalled() throws IOException {
    Path f = Files.createDirectories(home.resolve(".local/bin")).resolve("claude");
    Files.writeString(f, "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));

    assertThat(Installed.agentic(layout())).containsExactly("claude");
  }

  @Test
  void aConfigFolderInHomeIsInstalled() throws IOException {
    Files.createDirectories(home.resolve(".codex"));

    assertThat(Installed.agentic(layout())).containsExactly("codex");
  }

  @Test
  void agenticListsClaudeFirst() throws IOException {
    standIn("codex");
    standIn("claude");

    assertThat(Installed.agentic(layout())).containsExactly("claude", "codex");
  }

  // --- case 36: primary runtime for init ---

  @Test
  void case36_anExplicitRuntimeBeatsMarkers() throws IOException {
    marker(".claude");
    standIn("codex");

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.of("codex"))).isEqualTo("codex");
    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.of("telegram"))).isEqualTo("telegram");
  }

  @Test
  void case36_aCodexMarkerOnlyIsCodexEvenWhenNothingIsInstalled() throws IOException {
    marker(".codex");

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.empty())).isEqualTo("codex");
  }

  @Test
  void case36_aClaudeMarkerIsClaude() throws IOException {
    marker(".claude");
    standIn("codex"); // markers win over install state

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.empty())).isEqualTo("claude");
  }

  @Test
  void case36_bothMarkersAreClaude() throws IOException {
    marker(".claude");
    marker(".codex");

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.empty())).isEqualTo("claude");
  }

  @Test
  void case36_noMarkersWithBothInstalledIsClaude() throws IOException {
    standIn("claude");
    standIn("codex");

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.empty())).isEqualTo("claude");
  }

  @Test
  void noMarkersWithOneInstalledIsThatOne() throws IOException {
    standIn("codex");

    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.empty())).isEqualTo("codex");
  }

  @Test
  void noMarkersAndNothingInstalledIsAnError() {
    assertThatThrownBy(() -> RuntimeChoice.primary(layout(), cwd, Optional.empty()))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("no agentic runtime installed (Claude Code or Codex CLI)");
  }

  // --- case 37 ---

  @ParameterizedTest
  @ValueSource(strings = {"notifier", "telegram", "voicetalk", "web"})
  void case37_anExplicitInfraRuntimePassesWithNothingInstalled(String rt) {
    assertThat(RuntimeChoice.primary(layout(), cwd, Optional.of(rt))).isEqualTo(rt);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void case37_anExplicitAgenticRuntimeMustBeInstalled(String rt) {
    assertThatThrownBy(() -> RuntimeChoice.primary(layout(), cwd, Optional.of(rt)))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("runtime \"" + rt + "\" is not installed")
        .hasMessageContaining("IAPEER_" + rt.toUpperCase() + "_BIN");
  }

  @Test
  void case37_anExplicitRuntimeInstalledThroughItsBinVariablePasses() {
    assertThat(RuntimeChoice.primary(layout("IAPEER_CODEX_BIN", "/x/codex"), cwd, Optional.of("codex")))
        .isEqualTo("codex");
  }

  // --- case 38: the create plan ---

  @Test
  void case38_bothInstalledAndNoneExplicitIsAmbiguousWithClaudeAsFallback() throws IOException {
    standIn("claude");
    standIn("codex");

    RuntimeChoice.Plan plan = RuntimeChoice.plan(layout(), Optional.empty());

    assertThat(plan.ambiguous()).isTrue();
    assertThat(plan.defaultRuntime()).isEmpty();
    assertThat(Installed.agentic(layout()).get(0)).isEqualTo("claude"); // the non-TTY fallback
    assertThat(plan.secondaries()).containsExactly("codex");
  }

  @Test
  void case38_anExplicitCodexIsCodexWithClaudeSecondary() throws IOException {
    standIn("claude");
    standIn("codex");

    assertThat(RuntimeChoice.plan(layout(), Optional.of("codex")))
        .isEqualTo(new RuntimeChoice.Plan(Optional.of("codex"), false, List.of("claude")));
  }

  @Test
  void case38_anExplicitClaudeIsClaudeWithCodexSecondary() throws IOException {
    standIn("claude");
    standIn("codex");

    assertThat(RuntimeChoice.plan(layout(), Optional.of("claude")))
        .isEqualTo(new RuntimeChoice.Plan(Optional.of("claude"), false, List.of("codex")));
  }

  @Test
  void case38_oneInstalledIsThatOneWithNoSecondaries() throws IOException {
    standIn("codex");

    assertThat(RuntimeChoice.plan(layout(), Optional.empty()))
        .isEqualTo(new RuntimeChoice.Plan(Optional.of("codex"), false, List.of()));
  }

  @Test
  void case38_noneInstalledIsUnresolved() {
    assertThat(RuntimeChoice.plan(layout(), Optional.empty()))
        .isEqualTo(new RuntimeChoice.Plan(Optional.empty(), false, List.of()));
  }

  @Test
  void anExplicitInfraRuntimeGetsNoSecondaries() throws IOException {
    standIn("claude");
    standIn("codex");

    assertThat(RuntimeChoice.plan(layout(), Optional.of("notifier")).secondaries()).isEmpty();
  }
}
