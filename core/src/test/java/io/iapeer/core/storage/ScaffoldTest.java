package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaffolds of 01 §7.3–§7.4 and the directory modes of §7.5; case 48's scaffold part. */
class ScaffoldTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private Layout layoutWithRoot(Path root) {
    return Layout.from(Env.of("HOME", tmp.resolve("home").toString(), "IAPEER_ROOT", root.toString()));
  }

  // --- global scaffold ---

  @Test
  void theGlobalScaffoldCreatesTheCategoryDirsAllPrivate() throws IOException {
    Path root = tmp.resolve("r/iapeer");
    Layout layout = layoutWithRoot(root);

    Scaffold.ensureGlobal(layout);

    assertThat(tree(root))
        .containsExactly("cache", "logs", "peers", "plugins", "plugins/iap", "runtimes", "state");
    assertThat(mode(root)).isEqualTo("rwx------");
    for (String d : tree(root)) {
      assertThat(mode(root.resolve(d))).as(d).isEqualTo("rwx------");
    }
  }

  @Test
  void case48_theScaffoldCreatesThePeersHomeUnderAnExplicitRoot() {
    Path root = tmp.resolve("r/iapeer");
    Layout layout = layoutWithRoot(root);

    Scaffold.ensureGlobal(layout);

    assertThat(layout.peersHome()).isEqualTo(root.resolve("peers")).isDirectory();
    assertThat(layout.defaultPeerFolder("worker")).isEqualTo(root.resolve("peers/worker"));
  }

  @Test
  void theGlobalScaffoldIsIdempotentAndDoesNotChmodExistingDirs() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("iapeer"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Layout layout = layoutWithRoot(root);

    Scaffold.ensureGlobal(layout);
    Files.writeString(root.resolve("state/keep.txt"), "precious");
    Scaffold.ensureGlobal(layout);

    assertThat(mode(root)).isEqualTo("rwxr-xr-x");
    assertThat(root.resolve("state/keep.txt")).hasContent("precious");
  }

  @Test
  void runtimePluginScopesExistOnlyForRuntimesWhoseFolderExistsUnderTheNativeHome() throws IOException {
    // Native home = dirname(IAPEER_ROOT) = <tmp>/r; only ~/.claude exists there.
    Path root = tmp.resolve("r/iapeer");
    Files.createDirectories(tmp.resolve("r/.claude"));
    Files.createDirectories(tmp.resolve("home/.codex")); // $HOME is not the native home here

    Scaffold.ensureGlobal(layoutWithRoot(root));

    assertThat(root.resolve("runtimes/claude/plugins/iap")).isDirectory();
    assertThat(root.resolve("runtimes/codex")).doesNotExist();
    assertThat(mode(root.resolve("runtimes/claude"))).isEqualTo("rwx------");
  }

  @Test
  void withoutAnExplicitRootTheNativeHomeIsHome() throws IOException {
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve(".codex"));
    Files.createDirectories(home.resolve(".claude"));
    Layout layout = Layout.from(Env.of("HOME", home.toString()));

    Scaffold.ensureGlobal(layout);

    assertThat(layout.root()).isEqualTo(home.resolve(".iapeer"));
    assertThat(home.resolve(".iapeer/runtimes/claude/plugins/iap")).isDirectory();
    assertThat(home.resolve(".iapeer/runtimes/codex/plugins/iap")).isDirectory();
  }

  @Test
  void aRuntimeMarkerThatIsAFileGetsNoScope() throws IOException {
    Path root = tmp.resolve("r/iapeer");
    Files.createDirectories(tmp.resolve("r"));
    Files.writeString(tmp.resolve("r/.claude"), "not a folder");

    Scaffold.ensureGlobal(layoutWithRoot(root));

    assertThat(root.resolve("runtimes/claude")).doesNotExist();
  }

  @Test
  void theGlobalScaffoldCreatesNoFiles() throws IOException {
    Path root = tmp.resolve("r/iapeer");
    Files.createDirectories(tmp.resolve("r/.claude"));

    Scaffold.ensureGlobal(layoutWithRoot(root));

    try (Stream<Path> s = Files.walk(root)) {
      assertThat(s.filter(Files::isRegularFile)).isEmpty();
    }
  }

  // --- local scaffold and runtime scopes ---

  @Test
  void theLocalScaffoldCreatesTheDotDirAndItsCategoriesAllPrivate() throws IOException {
    Path cwd = Files.createDirectories(tmp.resolve("boris"));

    Scaffold.ensureLocal(new PeerPaths(cwd));

    Path dot = cwd.resolve(".iapeer");
    assertThat(tree(dot)).containsExactly("cache", "logs", "plugins", "plugins/iap", "runtimes", "state");
    assertThat(mode(dot)).isEqualTo("rwx------");
    for (String d : tree(dot)) {
      assertThat(mode(dot.resolve(d))).as(d).isEqualTo("rwx------");
    }
  }

  @Test
  void theLocalScaffoldCreatesAMissingPeerFolderButDoesNotChmodAnExistingOne() throws IOException {
    Path existing = Files.createDirectories(tmp.resolve("existing"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
    Path missing = tmp.resolve("a/b/new");

    Scaffold.ensureLocal(new PeerPaths(existing));
    Scaffold.ensureLocal(new PeerPaths(missing));

    assertThat(mode(existing)).isEqualTo("rwxr-x---");
    assertThat(missing.resolve(".iapeer/state")).isDirectory();
    assertThat(mode(missing)).isEqualTo("rwx------");
  }

  @Test
  void runtimeScopesAreCreatedForAgenticRuntimesOnly() throws IOException {
    Path cwd = Files.createDirectories(tmp.resolve("boris"));
    PeerPaths peer = new PeerPaths(cwd);

    Scaffold.ensureRuntimeScopes(peer, List.of("telegram", "codex", "notifier", "claude", "codex", "discord"));

    assertThat(tree(peer.runtimesDir()))
        .containsExactly(
            "claude", "claude/launch.env", "claude/plugins", "claude/plugins/iap",
            "codex", "codex/launch.env", "codex/plugins", "codex/plugins/iap");
    assertThat(mode(peer.runtimeDir("codex"))).isEqualTo("rwx------");
  }

  @Test
  void infraOnlyRuntimesStillGetTheRuntimesDir() throws IOException {
    PeerPaths peer = new PeerPaths(tmp.resolve("timer"));

    Scaffold.ensureRuntimeScopes(peer, List.of("notifier"));

    assertThat(peer.runtimesDir()).isEmptyDirectory();
  }
}
