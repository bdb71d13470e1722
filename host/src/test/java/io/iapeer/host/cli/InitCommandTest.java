package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.json;
import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.read;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.records;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.storage.Json;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code iapeer init [folder] …} (04 §3.11, 01 §11–§12.2, 06 D9, acceptance cases 42–48). */
class InitCommandTest {
  static final String REMOVED =
      "init: --personality was removed — a peer's name is its folder name; rename the folder to set"
          + " the name";

  @TempDir(factory = FastTempDir.class) Path tmp;

  private Path folder(Sandbox sb, String name) {
    return Sandbox.mkdirs(sb.base.resolve("work").resolve(name));
  }

  // --- parse ---

  @Test
  void everyOptionLandsInItsField() {
    InitCommand c =
        Fixtures.parse(
            InitCommand.class, "init", "some/dir", "--runtime", "codex", "--description", "d", "--no-bootstrap");
    assertThat(c.folder).isEqualTo("some/dir");
    assertThat(c.runtime).isEqualTo("codex");
    assertThat(c.description).isEqualTo("d");
    assertThat(c.noBootstrap).isTrue();
    assertThat(c.personality).isNull();
  }

  @Test
  void theFolderDefaultsToNothingSoTheWorkingDirectoryIsUsed() {
    InitCommand c = Fixtures.parse(InitCommand.class, "init");
    assertThat(c.folder).isNull();
    assertThat(c.runtime).isNull();
  }

  @Test
  void twoFoldersOrAnUnknownFlagAreParseErrors() {
    assertThatThrownBy(() -> Fixtures.parse(InitCommand.class, "init", "a", "b"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> Fixtures.parse(InitCommand.class, "init", "--name", "x"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--personality=boris", "--personality boris"})
  void personalityIsAcceptedByTheParserOnlyToBeRefusedWithTheSpecText(String flag) {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    sb.cd(folder(sb, "boris"));
    Map<String, String> before = snapshot(sb.base);
    String[] args = ("init " + flag).split(" ");
    Sandbox.Run r = sb.run(args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(lines(r.err())).singleElement().asString().endsWith(REMOVED);
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- run ---

  @Test
  void bothInstalledAndNoMarkersGivesOnePeerDefaultClaudeDeclaringBoth() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path dir = folder(sb, "boris");
    Sandbox.Run r = sb.run("init", dir.toString(), "--no-bootstrap");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "initialized \"boris\" (default: claude; runtimes: claude, codex); mcp: "
                + dir.resolve(".mcp.json") + ", " + dir.resolve(".claude/settings.json") + ", "
                + sb.home.resolve(".codex/config.toml") + "\n");
    assertThat(records(sb)).hasSize(1);
    PeerRecord rec = record(sb, "boris").orElseThrow();
    assertThat(rec.runtime()).isEqualTo("claude");
    assertThat(rec.runtimes()).containsExactly("claude", "codex");
    assertThat(rec.cwd()).isEqualTo(dir.toString());
  }

  @Test
  void anExplicitCodexBecomesTheDefaultAndClaudeIsStillDeclared() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path dir = folder(sb, "boris");
    Sandbox.Run r = sb.run("init", dir.toString(), "--runtime", "codex", "--no-bootstrap");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("initialized \"boris\" (default: codex; runtimes: codex, claude); mcp: ");
    PeerRecord rec = record(sb, "boris").orElseThrow();
    assertThat(rec.runtime()).isEqualTo("codex");
    assertThat(rec.runtimes()).containsExactlyInAnyOrder("claude", "codex");
  }

  @Test
  void withoutAFolderTheWorkingDirectoryBecomesThePeer() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    sb.cd(dir);
    Sandbox.Run r = sb.run("init");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "initialized \"boris\" (default: claude; runtimes: claude); mcp: " + dir.resolve(".mcp.json")
                + ", " + dir.resolve(".claude/settings.json") + "\n");
    assertThat(record(sb, "boris").orElseThrow().cwd()).isEqualTo(dir.toString());
  }

  @Test
  void aRelativeFolderIsResolvedAgainstTheWorkingDirectory() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "team/boris");
    Sandbox.Run r = sb.run("init", "team/./boris");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(record(sb, "boris").orElseThrow().cwd()).isEqualTo(dir.toString());
  }

  @Test
  void theNameIsTheNormalizedFolderName() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "My Project");
    Sandbox.Run r = sb.run("init", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("initialized \"my-project\" ");
    assertThat(profile(dir).get("personality").asString()).isEqualTo("my-project");
  }

  @Test
  void aFolderNameThatYieldsNoValidNameIsRefused() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "2nd");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("init", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "iapeer init: cannot derive peer personality from cwd basename \"2nd\"; create"
                + " .iapeer/peer-profile.json explicitly\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void theDescriptionIsStored() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    assertThat(sb.run("init", dir.toString(), "--description", "keeps the books").code()).isZero();
    assertThat(profile(dir).get("description").asString()).isEqualTo("keeps the books");
    assertThat(record(sb, "boris").orElseThrow().description()).isEqualTo("keeps the books");
  }

  // --- MCP wiring (cases 44, 45, 47; 06 D9) ---

  @Test
  void theMcpEntryNamesTheDaemonAndTheIdentityHeaderAndKeepsOtherServers() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    write(dir.resolve(".mcp.json"), "{\"mcpServers\": {\"other\": {\"type\": \"stdio\", \"command\": \"x\"}}}\n");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    var servers = json(dir.resolve(".mcp.json")).get("mcpServers");
    assertThat(servers.get("other").get("command").asString()).isEqualTo("x");
    assertThat(servers.get("iapeer"))
        .isEqualTo(
            Json.parse(
                """
                {"type": "http", "url": "http://127.0.0.1:8765/mcp",
                 "headers": {"X-IAPeer-Identity": "${PEER_IDENTITY:-claude-boris}"}}
                """));
    assertThat(json(dir.resolve(".claude/settings.json")).get("enableAllProjectMcpServers").asBoolean()).isTrue();
  }

  @Test
  void aMalformedMcpJsonIsCopiedAsideBeforeItIsReplaced() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    write(dir.resolve(".mcp.json"), "{ \"mcpServers\": oops");
    Sandbox.Run r = sb.run("init", dir.toString());
    assertThat(r.code()).isZero();
    assertThat(read(dir.resolve(".mcp.json.corrupt.bak"))).isEqualTo("{ \"mcpServers\": oops");
    assertThat(mcpUrl(dir)).isEqualTo("http://127.0.0.1:8765/mcp");
    assertThat(r.err()).isEqualTo(
        "warn: a malformed file was replaced; its old content is kept at " + dir.resolve(".mcp.json.corrupt.bak") + "\n");
  }

  @Test
  void theDaemonUrlFollowsIapeerPortAndRouterJsonWins() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path dir = folder(sb, "boris");
    sb.env("IAPEER_PORT", "9999");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    assertThat(mcpUrl(dir)).isEqualTo("http://127.0.0.1:9999/mcp");
    assertThat(read(sb.home.resolve(".codex/config.toml"))).contains("url = \"http://127.0.0.1:9999/mcp\"");

    // A re-init follows the daemon's published address, in both files (06 D9: a stale url is rewritten).
    write(sb.root.resolve("state/iapeer/router.json"), "{\"sock\": \"/x.sock\", \"tcp\": \"http://127.0.0.1:7777/mcp\"}");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    assertThat(mcpUrl(dir)).isEqualTo("http://127.0.0.1:7777/mcp");
    String config = read(sb.home.resolve(".codex/config.toml"));
    assertThat(config).contains("url = \"http://127.0.0.1:7777/mcp\"").doesNotContain("9999");
  }

  private static String mcpUrl(Path dir) {
    return json(dir.resolve(".mcp.json")).get("mcpServers").get("iapeer").get("url").asString();
  }

  @Test
  void theCodexBlockIsAddedOnceAndTheUsersConfigIsKept() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    Path config = sb.home.resolve(".codex/config.toml");
    write(config, "model = \"o3\"\n\n[profiles.fast]\nmodel = \"o4-mini\"\n");
    Path dir = folder(sb, "boris");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    String once = read(config);
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    assertThat(read(config)).isEqualTo(once);
    assertThat(once).contains("model = \"o3\"\n\n[profiles.fast]\nmodel = \"o4-mini\"\n");
    assertThat(count(once, "[mcp_servers.iapeer]")).isEqualTo(1);
    assertThat(count(once, "check_for_update_on_startup")).isEqualTo(1);
    assertThat(once.indexOf("check_for_update_on_startup = false")).isLessThan(once.indexOf("[profiles.fast]"));
    assertThat(once).contains("[projects.\"" + dir.toRealPath() + "\"]\ntrust_level = \"trusted\"\n");
  }

  @Test
  void anExplicitUpdateCheckChoiceIsRespected() {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    Path config = sb.home.resolve(".codex/config.toml");
    write(config, "check_for_update_on_startup = true\n");
    assertThat(sb.run("init", folder(sb, "boris").toString()).code()).isZero();
    assertThat(read(config)).startsWith("check_for_update_on_startup = true\n").doesNotContain("= false");
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  // --- doctrine stub (case 46) ---

  @Test
  void theDoctrineStubIsWrittenOnceAndNeverOverwritten() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    Path doctrine = dir.resolve(".iapeer/IAPEER.md");
    assertThat(read(doctrine)).startsWith("# boris — personal doctrine\n");
    write(doctrine, "boris keeps the books.\n");
    assertThat(sb.run("init", dir.toString()).code()).isZero();
    assertThat(read(doctrine)).isEqualTo("boris keeps the books.\n");
  }

  // --- primary runtime resolution (case 48, 01 §12.2) ---

  @ParameterizedTest(name = "installed [{0}], markers [{1}], --runtime {2} → {3}")
  @CsvSource({
    "claude codex, '',            claude, claude",
    "claude codex, '',            codex,  codex",
    "codex,        .claude,       '',     claude",
    "claude,       .codex,        '',     codex",
    "claude codex, .codex,        '',     codex",
    "'',           .claude .codex, '',    claude",
    "codex,        '',            '',     codex",
    "claude,       '',            '',     claude",
    "claude codex, '',            '',     claude",
    "claude,       .claude,       codex,  NOT-INSTALLED",
    "'',           '',            claude, NOT-INSTALLED",
    "'',           '',            '',     NONE",
  })
  void thePrimaryRuntimeIsExplicitElseMarkersElseTheInstalledOnes(
      String installed, String markers, String explicit, String expected) throws Exception {
    Sandbox sb = new Sandbox(tmp);
    for (String rt : installed.split(" ")) {
      if (!rt.isEmpty()) {
        sb.installed(rt);
      }
    }
    Path dir = folder(sb, "boris");
    for (String m : markers.split(" ")) {
      if (!m.isEmpty()) {
        Files.createDirectories(dir.resolve(m));
      }
    }
    List<String> args = new java.util.ArrayList<>(List.of("init", dir.toString()));
    if (!explicit.isEmpty()) {
      args.addAll(List.of("--runtime", explicit));
    }
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run(args.toArray(String[]::new));
    switch (expected) {
      case "NOT-INSTALLED" -> {
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
            .isEqualTo(
                "iapeer init: runtime \"" + explicit + "\" is not installed on this host — install it (or"
                    + " point IAPEER_" + explicit.toUpperCase() + "_BIN at it) or choose an installed runtime\n");
        assertThat(snapshot(sb.base)).isEqualTo(before);
      }
      case "NONE" -> {
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
            .isEqualTo(
                "iapeer init: no agentic runtime installed (Claude Code or Codex CLI) — install one,"
                    + " then create/init the peer\n");
        assertThat(snapshot(sb.base)).isEqualTo(before);
      }
      default -> {
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("initialized \"boris\" (default: " + expected + "; ");
        assertThat(record(sb, "boris").orElseThrow().runtime()).isEqualTo(expected);
      }
    }
  }

  @Test
  void markersAreDeclaredAlongsideThePrimaryEvenWhenNotInstalled() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path dir = folder(sb, "boris");
    Sandbox.mkdirs(dir.resolve(".codex"));
    assertThat(sb.run("init", dir.toString(), "--runtime", "claude").code()).isZero();
    assertThat(record(sb, "boris").orElseThrow().runtimes()).containsExactly("claude", "codex");
  }

  @Test
  void anExplicitInfraRuntimeSkipsTheInstallCheckButIsRefusedWithoutItsLauncher() {
    Sandbox sb = new Sandbox(tmp).env("IAPEER_SERVICE_MANAGER", "builtin");
    Path dir = folder(sb, "nova");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("init", dir.toString(), "--runtime", "telegram");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.err()))
        .singleElement()
        .asString()
        .doesNotContain("not installed")
        .isEqualTo("iapeer init: cannot provision infra peer \"nova\": runtime launcher \"telegram-runtime\" not"
            + " found on PATH or not executable — install the telegram runtime or set TELEGRAM_RUNTIME_BIN to its"
            + " absolute path");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }
}
