package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal is one stderr line that says what was wrong, exit 1 (refused) or 2 (usage), and
 * leaves the host exactly as it was: the whole sandbox tree — paths, sizes, bytes — is compared.
 *
 * <p>The host has both agent CLIs installed unless a case says otherwise, so create's "both are
 * installed" note (or its terminal prompt) would show up if a refusal came after it.
 */
class BadInputTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  /** boris at the default location, maria at a folder of her own, both installed. */
  private Sandbox host() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    assertThat(sb.run("create", "boris", "--runtime", "claude").code()).isZero();
    assertThat(sb.run("init", Sandbox.mkdirs(tmp.resolve("work/maria")).toString()).code()).isZero();
    return sb;
  }

  private Path maria() {
    return tmp.resolve("work/maria");
  }

  /** Runs {@code args} and checks the refusal contract; returns the one stderr line. */
  private static String refused(Sandbox sb, int code, String... args) {
    return refusedWithInput(sb, "", false, code, args);
  }

  private static String refusedWithInput(Sandbox sb, String stdin, boolean tty, int code, String... args) {
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.runWithInput(stdin, tty, args);
    assertThat(r.code()).as("exit of %s; stderr: %s", List.of(args), r.err()).isEqualTo(code);
    assertThat(r.out()).as("stdout of %s", List.of(args)).isEmpty();
    assertThat(lines(r.err())).as("stderr of %s", List.of(args)).hasSize(1);
    assertThat(snapshot(sb.base)).as("the host after %s", List.of(args)).isEqualTo(before);
    return r.err().strip();
  }

  // --- names ---

  @ParameterizedTest(name = "create \"{0}\"")
  @ValueSource(strings = {"", "2nd", "😀", "-", "①②③", "42"})
  void aNameThatDoesNotNormalizeToAPersonalityIsRefused(String name) {
    assertThat(refused(host(), 1, "create", name))
        .isEqualTo(
            "iapeer create: invalid personality \"" + name + "\" — must normalize to"
                + " /^[a-z][a-z0-9-]{0,31}$/");
  }

  @Test
  void removeOfANameThatIsNoPersonalityIsRefused() {
    assertThat(refused(host(), 1, "remove", "Bad Name")).contains("invalid personality \"Bad Name\"");
  }

  // --- folders that belong to another peer ---

  @Test
  void createIntoTheFolderOfAnotherPeerIsRefused() {
    assertThat(refused(host(), 1, "create", "x", "--path", maria().toString()))
        .isEqualTo(
            "iapeer create: refusing to create peer \"x\" at " + maria() + ": it already holds peer"
                + " \"maria\" (.iapeer/peer-profile.json) — choose another --path or personality");
  }

  @Test
  void aRefusedCreateNeverAsksWhichRuntime() {
    Sandbox sb = host();
    assertThat(refusedWithInput(sb, "2\n", true, 1, "create", "x", "--path", maria().toString()))
        .contains("already holds peer \"maria\"");
  }

  @Test
  void createOfARegisteredNameInAnotherFolderIsRefused() {
    Sandbox sb = host();
    Path elsewhere = tmp.resolve("elsewhere/boris");
    assertThat(refused(sb, 1, "create", "boris", "--path", elsewhere.toString()))
        .startsWith("iapeer create: personality \"boris\" (from cwd basename) already belongs to "
            + sb.root.resolve("peers/boris"));
  }

  @Test
  void initOfAFolderNamedLikeAPeerRegisteredElsewhereIsRefused() {
    Sandbox sb = host();
    Path twin = Sandbox.mkdirs(tmp.resolve("work/boris"));
    assertThat(refused(sb, 1, "init", twin.toString()))
        .startsWith(
            "iapeer init: personality \"boris\" (from cwd basename) already belongs to "
                + sb.root.resolve("peers/boris") + ";");
  }

  @Test
  void initOfACopyOfAnotherPeersFolderIsRefused() {
    Sandbox sb = host();
    Path copy = tmp.resolve("work/copy/boris"); // its profile still names boris, registered elsewhere
    write(copy.resolve(".iapeer/peer-profile.json"), Fixtures.read(sb.root.resolve("peers/boris/.iapeer/peer-profile.json")));
    assertThat(refused(sb, 1, "init", copy.toString()))
        .isEqualTo(
            "iapeer init: personality collision: \"boris\" already belongs to " + sb.root.resolve("peers/boris")
                + "; change .iapeer/peer-profile.json");
  }

  // --- runtimes ---

  @Test
  void anUndeclaredDefaultRuntimeChangesNothing() {
    // 04 §3.16: a per-peer outcome on stdout, exit 1 only for `failed` — see the report.
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("default-runtime", "codex", "--peer", "boris");
    assertThat(r.out()).startsWith("boris: refused-undeclared-runtime — declares [claude]");
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anUninstalledRuntimeIsRefused() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(refused(sb, 1, "create", "x", "--runtime", "codex"))
        .startsWith("iapeer create: runtime \"codex\" is not installed on this host");
    Path dir = Sandbox.mkdirs(tmp.resolve("work/y"));
    assertThat(refused(sb, 1, "init", dir.toString(), "--runtime", "codex"))
        .startsWith("iapeer init: runtime \"codex\" is not installed on this host");
  }

  @Test
  void withNoRuntimeInstalledAtAllCreateAndInitAreRefused() {
    Sandbox sb = new Sandbox(tmp);
    assertThat(refused(sb, 1, "create", "x")).startsWith("iapeer create: no agentic runtime installed");
    assertThat(refused(sb, 1, "create", "x", "--runtime", "claude"))
        .startsWith("iapeer create: runtime \"claude\" is not installed");
    Path dir = Sandbox.mkdirs(tmp.resolve("work/y"));
    assertThat(refused(sb, 1, "init", dir.toString())).startsWith("iapeer init: no agentic runtime installed");
  }

  @Test
  void anInvalidRuntimeIdIsRefused() {
    Sandbox sb = host();
    assertThat(refused(sb, 1, "create", "x", "--runtime", "Claude"))
        .isEqualTo("iapeer create: invalid runtime \"Claude\" — must match /^[a-z][a-z0-9]{0,31}$/");
    assertThat(refused(sb, 1, "init", maria().toString(), "--runtime", "Claude"))
        .isEqualTo("iapeer init: invalid runtime \"Claude\" — must match /^[a-z][a-z0-9]{0,31}$/");
    assertThat(refused(sb, 1, "add-runtime", "Claude", "--all")).isEqualTo("iapeer add-runtime: invalid runtime \"Claude\"");
  }

  // --- a corrupt registry ---

  static Stream<Arguments> verbsThatReadTheRegistry() {
    return Stream.of(
            List.of("create", "x"),
            List.of("create", "x", "--runtime", "codex"),
            List.of("init", "work/fresh"),
            List.of("list"),
            List.of("list", "--json"),
            List.of("verify"),
            List.of("verify", "--fix"),
            List.of("verify", "--json"),
            List.of("remove", "boris"),
            List.of("add-runtime", "codex", "--all"),
            List.of("add-runtime", "codex", "--peer", "boris"),
            List.of("default-runtime", "codex", "--all"),
            List.of("default-runtime", "codex", "--peer", "boris"))
        .flatMap(
            args ->
                Stream.of(
                    Arguments.of(String.join(" ", args), "{ \"version\": 2, \"peers\": [", "corrupted, restore from backup"),
                    Arguments.of(String.join(" ", args), "{\"version\": 2, \"peers\": [{\"personality\": \"Bad Name\"}]}", "corrupted: peer personality")));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("verbsThatReadTheRegistry")
  void aCorruptRegistryIsReportedByEveryVerbAndLeftByteIdentical(String argv, String registry, String says) {
    Sandbox sb = host();
    Sandbox.mkdirs(tmp.resolve("work/fresh"));
    write(sb.registry(), registry);
    String verb = argv.split(" ")[0];
    assertThat(refused(sb, 1, argv.split(" ")))
        .startsWith("iapeer " + verb + ": " + sb.registry() + " ")
        .contains(says);
  }

  // --- a corrupt local profile ---

  @ParameterizedTest(name = "profile: {0}")
  @ValueSource(
      strings = {
        "{ not json",
        "[]",
        "{\"personality\": \"😀\", \"default_runtime\": \"claude\"}",
        "{\"personality\": \"maria\", \"default_runtime\": \"Claude\"}",
        "{\"personality\": \"maria\"}"
      })
  void initOverAnUnreadableProfileIsRefusedAndTheFileKept(String text) {
    Sandbox sb = host();
    write(maria().resolve(".iapeer/peer-profile.json"), text);
    assertThat(refused(sb, 1, "init", maria().toString())).startsWith("iapeer init: ").contains("peer-profile");
  }

  @Test
  void initWhereTheProfileIsADirectoryIsRefused() throws Exception {
    Sandbox sb = host();
    Path file = maria().resolve(".iapeer/peer-profile.json");
    Files.delete(file);
    Files.createDirectories(file);
    assertThat(refused(sb, 1, "init", maria().toString()))
        .startsWith("iapeer init: .iapeer/peer-profile.json is unreadable");
  }

  @Test
  void createOverAFolderWithAnUnreadableProfileIsRefused() {
    Sandbox sb = host();
    Path dir = tmp.resolve("work/x");
    write(dir.resolve(".iapeer/peer-profile.json"), "{ not json");
    assertThat(refused(sb, 1, "create", "x", "--path", dir.toString()))
        .startsWith("iapeer create: .iapeer/peer-profile.json is invalid JSON");
  }

  // --- usage problems ---

  @Test
  void aDescriptionOverFourHundredFiftyCharactersIsAUsageError() {
    Sandbox sb = host();
    String d = "d".repeat(451);
    assertThat(refused(sb, 2, "create", "x", "--description", d))
        .startsWith("iapeer: --description is 451 characters; the limit is 450 — shorten it");
    assertThat(refused(sb, 2, "init", maria().toString(), "--description", d))
        .startsWith("iapeer: --description is 451 characters; the limit is 450");
    // Exactly 450 is fine.
    assertThat(sb.run("create", "x", "--description", "d".repeat(450), "--runtime", "claude").code()).isZero();
  }

  @Test
  void anUnknownFlagIsOneLineNamingIt() {
    assertThat(refused(host(), 2, "create", "x", "--bogus"))
        .startsWith("iapeer: unknown option: '--bogus' — usage: iapeer create <personality>")
        .contains("usage: iapeer create <personality>");
  }

  @Test
  void aMissingOptionValueIsOneLineNamingTheOption() {
    Sandbox sb = host();
    assertThat(refused(sb, 2, "create", "x", "--runtime"))
        .startsWith("iapeer: missing required parameter for option '--runtime'")
        .contains(" — usage: iapeer create <personality>");
    assertThat(refused(sb, 2, "add-runtime", "codex", "--peer")).contains("'--peer'");
  }

  @Test
  void aSecondPositionalIsOneLine() {
    assertThat(refused(host(), 2, "create", "x", "y"))
        .startsWith("iapeer: unmatched argument at index 2: 'y' — usage: iapeer create <personality>");
  }
}
