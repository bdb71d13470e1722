package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex's session probes (03 §3.3) on a temp HOME / CODEX_HOME. */
class CodexSessionsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  @TempDir Path home;
  @TempDir Path base;
  private Path cwd;
  private Path sessions;

  @BeforeEach
  void setUp() throws IOException {
    cwd = Files.createDirectories(base.resolve("proj"));
    sessions = home.resolve(".codex/sessions");
  }

  private RuntimeAdapter codex(String... env) {
    Env e = Env.of("HOME", home.toString());
    for (int i = 0; i + 1 < env.length; i += 2) {
      e = e.with(env[i], env[i + 1]);
    }
    return new Adapters(Layout.from(e)).of("codex");
  }

  private static String meta(Path folder) {
    return "{\"timestamp\":\"2026-11-27T11:00:00.000Z\",\"type\":\"session_meta\",\"payload\":"
        + "{\"id\":\"u\",\"cwd\":\"" + folder + "\"}}\n";
  }

  private static Path session(Path root, String name, String text, Instant mtime) throws IOException {
    Path file = root.resolve("2026/11/27").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  @Test
  void withoutSessionsThereIsNothingToResume() {
    assertThat(codex().newestActivityMtime(cwd)).isEmpty();
    assertThat(codex().lastTurnMtime(cwd)).isEmpty();
    assertThat(codex().resolveResume(cwd)).isEqualTo(new Resume.Unavailable("no codex session to resume"));
  }

  @Test
  void onlySessionsWhoseFirstLineNamesTheFolderCount(@TempDir Path other) throws IOException {
    Path mine = session(sessions, "rollout-a.jsonl", meta(cwd), T0.minusSeconds(60));
    session(sessions, "rollout-b.jsonl", meta(other), T0);
    session(sessions, "rollout-c.jsonl", "{\"type\":\"event_msg\"}\n" + meta(cwd), T0);
    session(sessions, "rollout-d.jsonl", "not json\n", T0);

    RuntimeAdapter codex = codex();
    assertThat(codex.transcriptFiles(cwd)).containsExactly(mine);
    assertThat(codex.newestActivityMtime(cwd)).contains(T0.minusSeconds(60));
    assertThat(codex.resolveResume(cwd)).isEqualTo(new Resume.Available(Optional.empty()));
  }

  @Test
  void codexHomeMovesTheSessionRoot(@TempDir Path codexHome) throws IOException {
    session(sessions, "rollout-home.jsonl", meta(cwd), T0);
    Path mine = session(codexHome.resolve("sessions"), "rollout-ch.jsonl", meta(cwd), T0);

    assertThat(codex("CODEX_HOME", codexHome.toString()).transcriptFiles(cwd)).containsExactly(mine);
  }

  @Test
  void folderPathsAreComparedAsRealPaths() throws IOException {
    Path link = Files.createSymbolicLink(base.resolve("link"), cwd);
    Path viaLink = session(sessions, "rollout-link.jsonl", meta(link), T0);

    assertThat(codex().transcriptFiles(cwd)).containsExactly(viaLink);
    assertThat(codex().transcriptFiles(link)).containsExactly(viaLink);
  }

  @Test
  void aFirstLineLongerThanTheWindowIsReadWhole() throws IOException {
    String instructions = "x".repeat(200 * 1024);
    String line =
        "{\"type\":\"session_meta\",\"payload\":{\"instructions\":\"" + instructions + "\",\"cwd\":\""
            + cwd + "\"}}\n";
    Path big = session(sessions, "rollout-big.jsonl", line + "{\"timestamp\":\"2026-11-27T11:30:00Z\"}\n", T0);

    assertThat(codex().transcriptFiles(cwd)).containsExactly(big);
    assertThat(new CodexSessions(sessions, 16).files(cwd)).containsExactly(big);
  }

  @Test
  void aSessionFileWithoutNewlineYetIsJudgedByWhatIsThere() throws IOException {
    Path partial = session(sessions, "rollout-p.jsonl", meta(cwd).strip(), T0);
    Path cut = session(sessions, "rollout-cut.jsonl", meta(cwd).substring(0, 40), T0);

    assertThat(new CodexSessions(sessions, 16).files(cwd)).containsExactly(partial).doesNotContain(cut);
  }

  @Test
  void aParsedFirstLineIsRememberedPerFile() throws IOException {
    Path file = session(sessions, "rollout-a.jsonl", meta(cwd), T0);
    CodexSessions probe = new CodexSessions(sessions);
    assertThat(probe.files(cwd)).containsExactly(file);

    Files.writeString(file, "garbage\n");

    assertThat(probe.files(cwd)).containsExactly(file);
    assertThat(new CodexSessions(sessions).files(cwd)).isEmpty();
  }

  @Test
  void anUnparsableFirstLineIsLookedAtAgainOnceWritten() throws IOException {
    Path file = session(sessions, "rollout-a.jsonl", "", T0);
    CodexSessions probe = new CodexSessions(sessions);
    assertThat(probe.files(cwd)).isEmpty();

    Files.writeString(file, meta(cwd));

    assertThat(probe.files(cwd)).containsExactly(file);
  }

  @Test
  void theLastTurnIsTheLastTimestampOfTheNewestMatchingSession() throws IOException {
    session(sessions, "rollout-old.jsonl", meta(cwd) + "{\"timestamp\":\"2026-11-27T11:50:00Z\"}\n", T0.minusSeconds(60));
    session(
        sessions,
        "rollout-new.jsonl",
        meta(cwd) + "{\"timestamp\":\"2026-11-27T11:20:00Z\",\"type\":\"event_msg\"}\n{\"type\":\"x\"}\n",
        T0);

    assertThat(codex().lastTurnMtime(cwd)).contains(Instant.parse("2026-11-27T11:20:00Z"));
  }

  @Test
  void codexHasNoChildActivity() throws IOException {
    session(sessions, "rollout-a.jsonl", meta(cwd), T0);
    assertThat(codex().childActivityMtime(cwd)).isEmpty();
  }
}
