package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.iapeer.core.IapException;
import io.iapeer.core.testsupport.ChildJvm;
import io.iapeer.core.testsupport.WriteMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 01 §8 and acceptance case 47; modes of §7.5. */
class AtomicFilesTest {
  @TempDir Path tmp;

  /** Every path below {@code dir}, relative, so a left-over temp file shows by name. */
  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void writesTheExactBytesAndCreatesTheParentDirs() throws IOException {
    Path target = tmp.resolve("a/b/c/file.txt");

    AtomicFiles.write(target, "hello\nworld\n");

    assertThat(target).hasBinaryContent("hello\nworld\n".getBytes(StandardCharsets.UTF_8));
    assertThat(tree(tmp)).containsExactly("a", "a/b", "a/b/c", "a/b/c/file.txt");
    for (String dir : List.of("a", "a/b", "a/b/c")) {
      assertThat(mode(tmp.resolve(dir))).as(dir).isEqualTo("rwx------");
    }
  }

  @Test
  void anInterruptedThreadStillWritesInFull() {
    Path target = tmp.resolve("marker");
    Thread.currentThread().interrupt();
    try {
      AtomicFiles.write(target, "idle-reaped");
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
    }
    assertThat(target).hasContent("idle-reaped");
  }

  @Test
  void aMultibytePayloadIsWrittenByteExact() {
    String text = "Café №2 — 项目 Наталья 😀 \u0000 end";
    Path target = tmp.resolve("multi.txt");

    AtomicFiles.write(target, text);

    assertThat(target).hasBinaryContent(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void twoMillionAndOneCharsAreWrittenInFull() throws IOException {
    String text = "x".repeat(2_000_000) + "é"; // one multibyte char at the very end
    Path target = tmp.resolve("big.txt");

    AtomicFiles.write(target, text);

    assertThat(Files.size(target)).isEqualTo(2_000_002L);
    assertThat(Files.readString(target)).isEqualTo(text);
  }

  @Test
  void anExistingFileIsReplacedAndNoTempFileIsLeft() throws IOException {
    Path target = tmp.resolve("file.json");
    Files.writeString(target, "old content that is longer than the new one");

    AtomicFiles.write(target, "new");

    assertThat(target).hasContent("new");
    assertThat(tree(tmp)).containsExactly("file.json");
  }

  @Test
  void aCustomTempDirIsCreatedAndLeftEmpty() throws IOException {
    Path target = tmp.resolve("out/file.txt");
    Path tmpDir = tmp.resolve("spool/tmp");

    AtomicFiles.write(target, "payload", Modes.PRIVATE, tmpDir);

    assertThat(target).hasContent("payload");
    assertThat(tmpDir).isEmptyDirectory();
    assertThat(mode(tmpDir)).isEqualTo("rwx------");
  }

  @Test
  void theTempFileLivesInTheCustomTempDirUnderItsSpecName() throws Exception {
    // inotify sees a file that exists for microseconds; a polling watch service (macOS) would not.
    assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
    Path target = tmp.resolve("out/file.txt");
    Path tmpDir = Files.createDirectory(tmp.resolve("spool"));
    List<String> created = new ArrayList<>();
    try (WatchService ws = FileSystems.getDefault().newWatchService()) {
      tmpDir.register(ws, StandardWatchEventKinds.ENTRY_CREATE);

      AtomicFiles.write(target, "payload", Modes.PRIVATE, tmpDir);

      WatchKey key = ws.poll(5, TimeUnit.SECONDS);
      assertThat(key).as("a file was created in the temp dir").isNotNull();
      key.pollEvents().forEach(e -> created.add(e.context().toString()));
    }
    assertThat(created)
        .singleElement()
        .asString()
        .matches("\\.file\\.txt\\." + ProcessHandle.current().pid() + "\\.[0-9a-f-]{36}\\.tmp");
    assertThat(tmpDir).isEmptyDirectory();
    assertThat(target).hasContent("payload");
  }

  @Test
  void anUnusableCustomTempDirFailsTheWriteAndLeavesNoTarget() throws IOException {
    Files.writeString(tmp.resolve("plain"), "x");
    Path target = tmp.resolve("out/file.txt");

    assertThatThrownBy(() -> AtomicFiles.write(target, "payload", Modes.PRIVATE, tmp.resolve("plain/tmp")))
        .hasMessageContaining("plain");

    assertThat(target).doesNotExist();
  }

  @Test
  void aTargetBelowARegularFileFailsLeavingNeitherTempFileNorTarget() throws IOException {
    Files.writeString(tmp.resolve("plain"), "x");

    assertThatThrownBy(() -> AtomicFiles.write(tmp.resolve("plain/sub/file.txt"), "payload"))
        .hasMessageContaining("plain");
    assertThatThrownBy(() -> AtomicFiles.write(tmp.resolve("plain/file.txt"), "payload"))
        .hasMessageContaining("plain");

    assertThat(tree(tmp)).containsExactly("plain");
    assertThat(tmp.resolve("plain")).hasContent("x");
  }

  @Test
  void aTargetThatIsADirectoryFailsAfterTheTempFileAndTheTempFileIsRemoved() throws IOException {
    // The rename is what fails here, so this exercises the clean-up of a temp file already written.
    Files.createDirectories(tmp.resolve("taken/inner"));

    assertThatThrownBy(() -> AtomicFiles.write(tmp.resolve("taken"), "payload"))
        .hasMessageContaining("taken");

    assertThat(tree(tmp)).containsExactly("taken", "taken/inner");
  }

  @Test
  void filesArePrivateByDefaultAndSharedOnRequest() throws IOException {
    Path priv = tmp.resolve("private.json");
    Path shared = tmp.resolve("IAPEER.md");

    AtomicFiles.write(priv, "{}\n");
    AtomicFiles.write(shared, "# doctrine\n", Modes.SHARED);

    assertThat(mode(priv)).isEqualTo("rw-------");
    assertThat(mode(shared)).isEqualTo("rw-r--r--");
  }

  @Test
  void theModeOfAReplacedFileIsTheRequestedOne() throws IOException {
    Path target = tmp.resolve("file");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));

    AtomicFiles.write(target, "new");

    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void modesAreExactUnderARestrictiveUmask() throws IOException {
    // Our own JVM's umask cannot be changed, so a child JVM writes under umask 077.
    Path shared = tmp.resolve("shared.md");
    Path priv = tmp.resolve("deep/private.json");
    try (ChildJvm a = ChildJvm.startWithUmask("077", WriteMain.class, shared.toString(), "rw-r--r--", "s");
        ChildJvm b = ChildJvm.startWithUmask("077", WriteMain.class, priv.toString(), "rw-------", "p")) {
      assertThat(a.readLine()).isEqualTo("done");
      assertThat(b.readLine()).isEqualTo("done");
    }

    assertThat(mode(shared)).isEqualTo("rw-r--r--");
    assertThat(mode(priv)).isEqualTo("rw-------");
    assertThat(mode(tmp.resolve("deep"))).isEqualTo("rwx------");
  }

  @Test
  void theRegistryFileIsRefusedByThePublicWriter() {
    Path registry = tmp.resolve("peers-profiles.json");

    assertThatThrownBy(() -> AtomicFiles.write(registry, "{}\n"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("registry")
        .hasMessageContaining("peers-profiles.json");
    assertThatThrownBy(() -> AtomicFiles.write(registry, "{}\n", Modes.PRIVATE))
        .hasMessageContaining("registry");
    assertThatThrownBy(() -> AtomicFiles.write(registry, "{}\n", Modes.PRIVATE, tmp.resolve("t")))
        .hasMessageContaining("registry");

    assertThat(registry).doesNotExist();
    assertThat(tmp.resolve("t")).doesNotExist();
  }

  @Test
  void theRegistrysOwnWriterMayWriteIt() {
    Path registry = tmp.resolve("peers-profiles.json");

    AtomicFiles.writeRegistry(registry, "{}\n");

    assertThat(registry).hasBinaryContent("{}\n".getBytes(StandardCharsets.UTF_8));
  }
}
