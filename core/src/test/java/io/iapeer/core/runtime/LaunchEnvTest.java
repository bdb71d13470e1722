package io.iapeer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.iapeer.core.storage.PeerPaths;
import io.iapeer.core.storage.Scaffold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launch.env} of 01 §16 and acceptance cases 49–51. */
class LaunchEnvTest {
  @TempDir Path cwd;

  private LaunchEnv readFile(String runtime, String text) throws IOException {
    Path f = new PeerPaths(cwd).launchEnv(runtime);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return LaunchEnv.read(cwd, runtime);
  }

  // --- case 49 ---

  @Test
  void case49_aMissingFileIsEmpty() {
    LaunchEnv e = LaunchEnv.read(cwd, "claude");

    assertThat(e).isEqualTo(LaunchEnv.empty());
    assertThat(e.startArgs()).isEmpty();
    assertThat(e.disallowedTools()).isEmpty();
    assertThat(e.env()).isEmpty();
  }

  @Test
  void case49_quotedStartArgsSplitIntoThreeArgs() throws IOException {
    LaunchEnv e = readFile("claude", "PEER_START_ARGS=\"--a --foo bar\"\n");

    assertThat(e.startArgs()).containsExactly("--a", "--foo", "bar");
    assertThat(e.env()).isEmpty();
  }

  @Test
  void case49_anUnquotedSingleArg() throws IOException {
    assertThat(readFile("codex", "PEER_START_ARGS=--yolo\n").startArgs()).containsExactly("--yolo");
  }

  @Test
  void case49_exportAndQuotedValuesBecomeEnvAndStartArgsAreConsumed() throws IOException {
    LaunchEnv e = readFile("claude", "export FOO=bar\nBAZ=\"q u x\"\nPEER_START_ARGS=--a\n");

    assertThat(e.env()).containsOnly(entry("FOO", "bar"), entry("BAZ", "q u x"));
    assertThat(e.startArgs()).containsExactly("--a");
  }

  @Test
  void case49_blanksCommentsAndNonAssignmentsAreIgnored() throws IOException {
    LaunchEnv e =
        readFile(
            "claude",
            """

               \t
            # a comment
               # an indented comment
            #KEY=commented
            FOO = bar
            export FOO
            1X=y
            just words
            -A=1
            OK=yes
            """);

    assertThat(e.env()).containsOnly(entry("OK", "yes"));
    assertThat(e.startArgs()).isEmpty();
  }

  @Test
  void case49_anEmptyQuotedStartArgsGivesNoArgs() throws IOException {
    assertThat(readFile("claude", "PEER_START_ARGS=\"\"\n").startArgs()).isEmpty();
    assertThat(readFile("claude", "PEER_START_ARGS=\n").startArgs()).isEmpty();
    assertThat(readFile("claude", "PEER_START_ARGS=\"   \"\n").startArgs()).isEmpty();
  }

  @Test
  void startArgsSplitOnAnyRunOfWhitespace() {
    assertThat(LaunchEnv.parse("PEER_START_ARGS='  --a \t --b   c  '").startArgs()).containsExactly("--a", "--b", "c");
  }

  // --- case 50 ---

  @Test
  void case50_anAbsentDisallowedToolsIsAbsent() {
    assertThat(LaunchEnv.parse("FOO=1").disallowedTools()).isEmpty();
  }

  @Test
  void case50_anEmptyDisallowedToolsIsPresentEmptyAndLeavesTheEnv() {
    LaunchEnv e = LaunchEnv.parse("PEER_DISALLOWED_TOOLS=\nFOO=1");

    assertThat(e.disallowedTools()).contains("");
    assertThat(e.env()).containsOnlyKeys("FOO");
  }

  @Test
  void case50_aQuotedDisallowedToolsIsUnquoted() {
    LaunchEnv e = LaunchEnv.parse("PEER_DISALLOWED_TOOLS=\"Edit,Write\"");

    assertThat(e.disallowedTools()).contains("Edit,Write");
    assertThat(e.env()).isEmpty();
  }

  // --- case 51 and the skeleton of §16.2 ---

  @Test
  void case51_theSkeletonParsesLikeAMissingFile() {
    assertThat(LaunchEnv.parse(LaunchEnv.SKELETON)).isEqualTo(LaunchEnv.empty());
  }

  @Test
  void theSkeletonDocumentsTheFormatAndShowsTheThreeExamples() {
    assertThat(LaunchEnv.SKELETON)
        .contains("KEY=VALUE", "export ", "#")
        .contains("# PEER_START_ARGS=", "# PEER_DISALLOWED_TOOLS=")
        .containsPattern("(?m)^# [A-Z_]+=(?!.*PEER_).*$");
    assertThat(LaunchEnv.SKELETON.lines()).allMatch(l -> l.startsWith("#"));
  }

  @Test
  void case51_theSkeletonIsCreatedWhenMissingAndReadsAsEmpty() throws IOException {
    PeerPaths peer = new PeerPaths(cwd);

    Scaffold.ensureRuntimeScopes(peer, List.of("claude"));

    assertThat(Files.readString(peer.launchEnv("claude"))).isEqualTo(LaunchEnv.SKELETON);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(peer.launchEnv("claude"))))
        .isEqualTo("rw-------");
    assertThat(LaunchEnv.read(cwd, "claude")).isEqualTo(LaunchEnv.empty());
  }

  @Test
  void case51_anEditedFileIsNeverOverwritten() throws IOException {
    PeerPaths peer = new PeerPaths(cwd);
    Scaffold.ensureRuntimeScopes(peer, List.of("claude"));
    Files.writeString(peer.launchEnv("claude"), "PEER_START_ARGS=--x\n");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(peer.launchEnv("claude"), old);

    Scaffold.ensureRuntimeScopes(peer, List.of("claude", "codex"));
    LaunchEnv.writeSkeletonIfMissing(peer.launchEnv("claude"));

    assertThat(Files.readString(peer.launchEnv("claude"))).isEqualTo("PEER_START_ARGS=--x\n");
    assertThat(Files.getLastModifiedTime(peer.launchEnv("claude"))).isEqualTo(old);
    assertThat(LaunchEnv.read(cwd, "claude").startArgs()).containsExactly("--x");
  }

  @Test
  void case51_anEmptyEditedFileIsNotRefilled() throws IOException {
    PeerPaths peer = new PeerPaths(cwd);
    Files.createDirectories(peer.runtimeDir("codex"));
    Files.writeString(peer.launchEnv("codex"), "");

    Scaffold.ensureRuntimeScopes(peer, List.of("codex"));

    assertThat(peer.launchEnv("codex")).isEmptyFile();
  }

  @Test
  void case51_scopesForFourRuntimesCreateLaunchEnvOnlyForClaudeAndCodex() {
    PeerPaths peer = new PeerPaths(cwd);

    Scaffold.ensureRuntimeScopes(peer, List.of("claude", "codex", "telegram", "notifier"));

    assertThat(peer.launchEnv("claude")).exists();
    assertThat(peer.launchEnv("codex")).exists();
    assertThat(peer.runtimeDir("telegram")).doesNotExist();
    assertThat(peer.runtimeDir("notifier")).doesNotExist();
  }

  // --- value rules of §16.1 ---

  @Test
  void crlfLinesParseLikeLf() throws IOException {
    LaunchEnv e = readFile("claude", "# c\r\nFOO=bar\r\nBAZ=\"q u x\"\r\nPEER_START_ARGS=--a --b\r\n\r\n");

    assertThat(e.env()).containsOnly(entry("FOO", "bar"), entry("BAZ", "q u x"));
    assertThat(e.startArgs()).containsExactly("--a", "--b");
  }

  @Test
  void aLastLineWithoutNewlineCounts() {
    assertThat(LaunchEnv.parse("A=1\nB=2").env()).containsOnly(entry("A", "1"), entry("B", "2"));
  }

  @Test
  void aTrailingCommentIsPartOfTheValue() {
    assertThat(LaunchEnv.parse("KEY=x # note").env()).containsOnly(entry("KEY", "x # note"));
  }

  @Test
  void oneLayerOfMatchingQuotesIsStripped() {
    LaunchEnv e =
        LaunchEnv.parse(
            """
            D="double"
            S='single'
            N=""nested""
            IN=' keep inner space '
            MIX="mixed'
            ONE="
            INNER=a"b"c
            EMPTY=''
            """);

    assertThat(e.env())
        .containsOnly(
            entry("D", "double"),
            entry("S", "single"),
            entry("N", "\"nested\""),
            entry("IN", " keep inner space "),
            entry("MIX", "\"mixed'"),
            entry("ONE", "\""),
            entry("INNER", "a\"b\"c"),
            entry("EMPTY", ""));
  }

  @Test
  void valuesAreTrimmedOutsideQuotesAndNotExpanded() {
    LaunchEnv e = LaunchEnv.parse("  A=   spaced   \nB=  \" padded \"  \nC=$HOME/${X}\\n\nD=a=b=c\nE=");

    assertThat(e.env())
        .containsOnly(
            entry("A", "spaced"),
            entry("B", " padded "),
            entry("C", "$HOME/${X}\\n"),
            entry("D", "a=b=c"),
            entry("E", ""));
  }

  @Test
  void exportTakesAnyWhitespaceButNeedsSome() {
    LaunchEnv e = LaunchEnv.parse("export\tTAB=1\nexport   MANY=2\nexportX=3");

    assertThat(e.env()).containsOnly(entry("TAB", "1"), entry("MANY", "2"), entry("exportX", "3"));
  }

  @Test
  void keysAreCaseSensitiveAndMayStartWithAnUnderscore() {
    assertThat(LaunchEnv.parse("_k=1\nlower=2\nMiXed_9=3").env())
        .containsOnly(entry("_k", "1"), entry("lower", "2"), entry("MiXed_9", "3"));
  }

  @Test
  void laterDuplicatesWin() {
    LaunchEnv e = LaunchEnv.parse("A=1\nPEER_START_ARGS=--one\nA=2\nPEER_START_ARGS=--two\nPEER_DISALLOWED_TOOLS=X\nPEER_DISALLOWED_TOOLS=");

    assertThat(e.env()).containsOnly(entry("A", "2"));
    assertThat(e.startArgs()).containsExactly("--two");
    assertThat(e.disallowedTools()).isEqualTo(Optional.of(""));
  }

  @Test
  void anUnreadableFileIsEmpty() throws IOException {
    Files.createDirectories(new PeerPaths(cwd).launchEnv("claude")); // a directory in its place

    assertThat(LaunchEnv.read(cwd, "claude")).isEqualTo(LaunchEnv.empty());
  }

  @Test
  void eachRuntimeReadsItsOwnFile() throws IOException {
    readFile("claude", "WHO=claude");
    readFile("codex", "WHO=codex");

    assertThat(LaunchEnv.read(cwd, "claude").env()).containsEntry("WHO", "claude");
    assertThat(LaunchEnv.read(cwd, "codex").env()).containsEntry("WHO", "codex");
  }
}
