package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.records;
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
import tools.jackson.databind.node.ObjectNode;

/** {@code iapeer create <name> …} (04 §3.12, 01 §11–§12.3, acceptance cases 49, 50, 53, 54). */
class CreateCommandTest {
  static final String PROMPT =
      """
      More than one agent runtime is installed. Which should this peer default to?
        [1] claude
        [2] codex
      """;
  static final String ASK = "Choose [1-2] (default 1): ";

  @TempDir(factory = FastTempDir.class) Path tmp;

  // --- parse ---

  @Test
  void everyOptionLandsInItsField() {
    CreateCommand c =
        Fixtures.parse(
            CreateCommand.class,
            "create", "worker", "--runtime", "codex", "--path", "some/dir", "--description", "does work",
            "--intelligence", "artificial", "--no-bootstrap");
    assertThat(c.name).isEqualTo("worker");
    assertThat(c.runtime).isEqualTo("codex");
    assertThat(c.path).isEqualTo("some/dir");
    assertThat(c.description).isEqualTo("does work");
    assertThat(c.intelligence).isEqualTo("artificial");
    assertThat(c.noBootstrap).isTrue();
  }

  @Test
  void optionsAreOptionalAndTheNameMayBeMissingUntilTheVerbRuns() {
    CreateCommand c = Fixtures.parse(CreateCommand.class, "create");
    assertThat(c.name).isNull();
    assertThat(c.runtime).isNull();
    assertThat(c.path).isNull();
    assertThat(c.description).isNull();
    assertThat(c.noBootstrap).isFalse();
  }

  @Test
  void keyEqualsValueKeepsTheValueVerbatimAndAnEmptyValueIsTheEmptyString() {
    assertThat(Fixtures.parse(CreateCommand.class, "create", "x", "--description=").description).isEmpty();
    assertThat(Fixtures.parse(CreateCommand.class, "create", "x", "--description=--look").description)
        .isEqualTo("--look");
    assertThat(Fixtures.parse(CreateCommand.class, "create", "x", "--description=re: x").description)
        .isEqualTo("re: x");
  }

  @Test
  void aSecondNameAnUnknownFlagOrAMissingValueIsAParseError() {
    assertThatThrownBy(() -> Fixtures.parse(CreateCommand.class, "create", "a", "b"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> Fixtures.parse(CreateCommand.class, "create", "a", "--bogus"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> Fixtures.parse(CreateCommand.class, "create", "a", "--runtime"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--runtime");
  }

  @Test
  void aMissingNameIsTheTargetedUsageLineAndChangesNothing() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "iapeer: create needs a peer name — usage: iapeer create <personality> [--runtime r]"
                + " [--path dir] [--description d] [--intelligence i]\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- run ---

  @Test
  void createWorkerMakesTheDefaultFolderAProfileARecordAndTheClaudeWiring() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path loc = sb.root.resolve("peers/worker");
    Sandbox.Run r = sb.run("create", "worker");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "created \"worker\" (default: claude; runtimes: claude) at " + loc + "; mcp: "
                + loc.resolve(".mcp.json") + ", " + loc.resolve(".claude/settings.json") + "\n");
    ObjectNode p = profile(loc);
    assertThat(p.get("personality").asString()).isEqualTo("worker");
    assertThat(p.get("default_runtime").asString()).isEqualTo("claude");
    assertThat(strings(p.get("runtimes"))).containsExactly("claude");
    assertThat(p.get("intelligence").asString()).isEqualTo("artificial");
    PeerRecord rec = record(sb, "worker").orElseThrow();
    assertThat(rec.cwd()).isEqualTo(loc.toString());
    assertThat(rec.runtime()).isEqualTo("claude");
    assertThat(loc.resolve(".mcp.json")).exists();
    assertThat(loc.resolve(".iapeer/IAPEER.md")).exists();
    assertThat(sb.home.resolve(".codex")).doesNotExist();
  }

  @Test
  void theNameIsNormalizedAndTheFolderIsNamedAfterTheNormalizedName() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Sandbox.Run r = sb.run("create", "Maria");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("created \"maria\" ").contains(" at " + sb.root.resolve("peers/maria") + ";");
    assertThat(record(sb, "maria")).isPresent();
    assertThat(profile(sb.root.resolve("peers/maria")).get("personality").asString()).isEqualTo("maria");
  }

  @Test
  void aDescriptionIsTrimmedAndStoredInProfileAndRegistry() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "worker", "--description", "  builds things  ").code()).isZero();
    assertThat(profile(sb.root.resolve("peers/worker")).get("description").asString()).isEqualTo("builds things");
    assertThat(record(sb, "worker").orElseThrow().description()).isEqualTo("builds things");
  }

  @Test
  void creatingTheSamePeerAgainIsIdempotent() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Sandbox.Run first = sb.run("create", "worker");
    Map<String, String> after = snapshot(sb.base);
    Sandbox.Run second = sb.run("create", "worker");
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(records(sb)).hasSize(1);
    assertThat(snapshot(sb.base)).isEqualTo(after);
  }

  @Test
  void anAbsolutePathIsHonoured() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path loc = tmp.resolve("elsewhere/worker");
    Sandbox.Run r = sb.run("create", "worker", "--path", loc.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(" at " + loc + "; mcp: ");
    assertThat(record(sb, "worker").orElseThrow().cwd()).isEqualTo(loc.toString());
    assertThat(loc.resolve(".iapeer/peer-profile.json")).exists();
    assertThat(sb.root.resolve("peers/worker")).doesNotExist();
  }

  @Test
  void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Sandbox.Run r = sb.run("create", "worker", "--path", "sub/../team/worker");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(record(sb, "worker").orElseThrow().cwd()).isEqualTo(sb.cwd().resolve("team/worker").toString());
  }

  @Test
  void aPathWhoseBasenameNormalizesToTheNameIsAccepted() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path loc = tmp.resolve("My Project");
    Sandbox.Run r = sb.run("create", "my-project", "--path", loc.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(record(sb, "my-project").orElseThrow().cwd()).isEqualTo(loc.toString());
  }

  @Test
  void aPathWhoseBasenameIsAnotherNameBreaksTheOneToOneRule() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create", "worker", "--path", tmp.resolve("elsewhere").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(lines(r.err()))
        .singleElement()
        .asString()
        .startsWith("iapeer create: personality \"worker\" must equal the normalized cwd basename \"elsewhere\"")
        .contains("1:1");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void aFolderHoldingAnotherPeerIsNeverClobbered() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path loc = tmp.resolve("team/worker");
    Fixtures.write(
        loc.resolve(".iapeer/peer-profile.json"),
        "{\"personality\": \"boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"]}\n");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create", "worker", "--path", loc.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "iapeer create: refusing to create peer \"worker\" at " + loc + ": it already holds peer"
                + " \"boris\" (.iapeer/peer-profile.json) — choose another --path or personality\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anIntelligenceTheRuntimeDoesNotAllowIsRefused() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create", "worker", "--intelligence", "natural");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.err())).singleElement().asString().contains("not valid for runtime \"claude\"");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anInfraRuntimeIsRefusedWhereThereIsNoServiceManager() {
    Sandbox sb = new Sandbox(tmp).env("IAPEER_SERVICE_MANAGER", "none").installed("telegram-runtime");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create", "nova", "--runtime", "telegram");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.err())).singleElement().asString().isEqualTo("iapeer create: runtime \"telegram\" is an"
        + " always-on infra runtime and this host has no service manager (IAPEER_SERVICE_MANAGER=none) — use claude"
        + " or codex, or another manager");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- the runtime plan (case 54) and the prompt ---

  @Test
  void withOnlyCodexInstalledThePeerDefaultsToCodex() {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    Path loc = sb.root.resolve("peers/worker");
    Sandbox.Run r = sb.run("create", "worker");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "created \"worker\" (default: codex; runtimes: codex) at " + loc + "; mcp: "
                + sb.home.resolve(".codex/config.toml") + "\n");
  }

  @Test
  void withBothInstalledAndNoTerminalClaudeIsChosenWithANoteAndCodexIsDeclaredToo() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path loc = sb.root.resolve("peers/worker");
    Sandbox.Run r = sb.run("create", "worker");
    assertThat(r.code()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "note: claude and codex are both installed; defaulting to claude — pass --runtime or run"
                + " in a terminal to choose\n");
    assertThat(r.out())
        .isEqualTo(
            "created \"worker\" (default: claude; runtimes: claude, codex) at " + loc + "; mcp: "
                + loc.resolve(".mcp.json") + ", " + loc.resolve(".claude/settings.json") + ", "
                + sb.home.resolve(".codex/config.toml") + "\n");
  }

  @Test
  void anExplicitRuntimeNeedsNoPromptAndTheOtherInstalledOneIsDeclared() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Sandbox.Run r = sb.runWithInput("", true, "create", "worker", "--runtime", "codex");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("created \"worker\" (default: codex; runtimes: codex, claude) at ");
    assertThat(record(sb, "worker").orElseThrow().runtimes()).containsExactly("codex", "claude");
  }

  @Test
  void withNothingInstalledCreateSaysSoAndChangesNothing() {
    Sandbox sb = new Sandbox(tmp);
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("create", "worker");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "iapeer create: no agentic runtime installed (Claude Code or Codex CLI) — install one,"
                + " then create/init the peer\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @ParameterizedTest(name = "answer {0} → {1}")
  @CsvSource({
    "'1\n', claude",
    "'2\n', codex",
    "'claude\n', claude",
    "'codex\n', codex",
    "' 2 \n', codex",
    "'\n', claude",
    "'', claude",
  })
  void onATerminalTheOperatorPicksTheDefaultByNumberOrNameOrEnterForTheFirst(String answer, String chosen) {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Sandbox.Run r = sb.runWithInput(answer, true, "create", "worker");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    String other = chosen.equals("claude") ? "codex" : "claude";
    assertThat(r.out())
        .startsWith(PROMPT + ASK + "created \"worker\" (default: " + chosen + "; runtimes: " + chosen + ", " + other + ") at ");
    assertThat(record(sb, "worker").orElseThrow().runtime()).isEqualTo(chosen);
  }

  @Test
  void anAnswerThatIsNeitherANumberInRangeNorANameIsAskedAgain() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Sandbox.Run r = sb.runWithInput("gpt\n3\n0\n2\n", true, "create", "worker");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith(PROMPT + ASK + ASK + ASK + ASK + "created \"worker\" (default: codex;");
  }
}
