package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude's transcript probes (03 §3.2) on a temp HOME. */
class ClaudeTranscriptsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @TempDir Path home;
  @TempDir Path base;
  private Path cwd;
  private Path dir;
  private RuntimeAdapter claude;

  @BeforeEach
  void setUp() throws IOException {
    cwd = Files.createDirectories(base.resolve("my.proj"));
    dir = home.resolve(".claude/projects").resolve(ClaudeTranscripts.slug(cwd));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    claude = new Adapters(Layout.from(Env.of("HOME", home.toString())), clock).of("claude");
  }

  private Path transcript(Path file, String text, Instant mtime) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  @Test
  void theSlugIsTheRealPathWithEveryOtherCharacterAsADash() throws IOException {
    assertThat(ClaudeTranscripts.slug(Path.of("/tmp/h/proj"))).isEqualTo("-tmp-h-proj");
    assertThat(ClaudeTranscripts.slug(Path.of("/a/my.proj_x y"))).isEqualTo("-a-my-proj-x-y");
    assertThat(ClaudeTranscripts.slug(Path.of("/a/é😀"))).isEqualTo("-a----");

    Path link = Files.createSymbolicLink(base.resolve("link"), cwd);
    assertThat(ClaudeTranscripts.slug(link)).isEqualTo(ClaudeTranscripts.slug(cwd));
  }

  @Test
  void withoutAProjectsFolderThereIsNoActivityNoTurnAndNothingToResume() {
    assertThat(claude.newestActivityMtime(cwd)).isEmpty();
    assertThat(claude.lastTurnMtime(cwd)).isEmpty();
    assertThat(claude.childActivityMtime(cwd)).isEmpty();
    assertThat(claude.transcriptFiles(cwd)).isEmpty();
    assertThat(claude.resolveResume(cwd)).isEqualTo(new Resume.Unavailable("no transcript to resume"));
  }

  @Test
  void newestActivityIsTheNewestJsonlDirectlyInTheSlugDir() throws IOException {
    transcript(dir.resolve("a.jsonl"), "{}\n", NOW.minusSeconds(100));
    transcript(dir.resolve("b.jsonl"), "{}\n", NOW.minusSeconds(10));
    transcript(dir.resolve("notes.txt"), "x", NOW);
    transcript(dir.resolve("b/subagents/agent-1.jsonl"), "{}\n", NOW);

    assertThat(claude.newestActivityMtime(cwd)).contains(NOW.minusSeconds(10));
    assertThat(claude.transcriptFiles(cwd)).containsExactlyInAnyOrder(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"));
  }

  @Test
  void resumeNamesTheNewestConversationsUuid() throws IOException {
    transcript(dir.resolve("uuid-old.jsonl"), "{}\n", NOW.minusSeconds(100));
    transcript(dir.resolve("uuid-1.jsonl"), "{}\n", NOW.minusSeconds(10));

    assertThat(claude.resolveResume(cwd)).isEqualTo(new Resume.Available(Optional.of("uuid-1")));
  }

  @Test
  void theLastTurnIsTheContentTimeOfTheNewestFilesLastEntryNotItsMtime() throws IOException {
    transcript(dir.resolve("old.jsonl"), "{\"timestamp\":\"2026-11-27T11:59:00Z\"}\n", NOW.minusSeconds(100));
    transcript(
        dir.resolve("new.jsonl"),
        "{\"type\":\"user\",\"timestamp\":\"2026-11-27T10:00:00.000Z\"}\n{\"type\":\"ai-title\",\"title\":\"t\"}\n",
        NOW);

    assertThat(claude.lastTurnMtime(cwd)).contains(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void childActivityIsTheNewestSubagentTranscriptOfAnyEntry() throws IOException {
    transcript(dir.resolve("s1/subagents/agent-1.jsonl"), "{}\n", NOW.minusSeconds(600));
    transcript(dir.resolve("s2/subagents/deep/agent-2.jsonl"), "{}\n", NOW.minusSeconds(300));
    transcript(dir.resolve("s2/other/agent-3.jsonl"), "{}\n", NOW);

    assertThat(claude.childActivityMtime(cwd)).contains(NOW.minusSeconds(300));
  }

  @Test
  void childActivityLooksAtMostFourLevelsBelowSubagents() throws IOException {
    transcript(dir.resolve("s/subagents/1/2/3/agent.jsonl"), "{}\n", NOW.minusSeconds(500));
    transcript(dir.resolve("s/subagents/1/2/3/4/agent.jsonl"), "{}\n", NOW);

    assertThat(claude.childActivityMtime(cwd)).contains(NOW.minusSeconds(500));
  }

  @Test
  void childActivityYoungerThanAMinuteIsEnough() throws IOException {
    transcript(dir.resolve("s/subagents/agent.jsonl"), "{}\n", NOW.minusSeconds(5));

    assertThat(claude.childActivityMtime(cwd)).contains(NOW.minusSeconds(5));
  }
}
