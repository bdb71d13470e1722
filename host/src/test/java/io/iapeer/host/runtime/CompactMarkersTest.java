package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compact completion gate's transcript scan (03 §7.2 steps 1–2). */
class CompactMarkersTest {
  private static final String CLAUDE_BOUNDARY =
      "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"compactMetadata\":{\"trigger\":\"manual\",\"preTokens\":1234}}";
  private static final String CODEX_COMPACTED =
      "{\"timestamp\":\"2026-11-27T11:00:00Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"context_compacted\"}}";

  @TempDir Path home;
  @TempDir Path cwd;
  private Adapters adapters;

  @BeforeEach
  void setUp() {
    adapters = new Adapters(Layout.from(Env.of("HOME", home.toString())));
  }

  private boolean claudeMarker(String json) {
    return adapters.of("claude").isCompactMarker(Json.parse(json));
  }

  private boolean codexMarker(String json) {
    return adapters.of("codex").isCompactMarker(Json.parse(json));
  }

  @Test
  void claudesMarkerIsACompactBoundaryOrASystemRecordWithCompactMetadata() {
    assertThat(claudeMarker(CLAUDE_BOUNDARY)).isTrue();
    assertThat(claudeMarker("{\"type\":\"system\",\"subtype\":\"compact_boundary\"}")).isTrue();
    assertThat(claudeMarker("{\"type\":\"system\",\"subtype\":\"x\",\"compactMetadata\":{}}")).isTrue();
    assertThat(claudeMarker("{\"type\":\"system\",\"compactMetadata\":\"text\"}")).isFalse();
    assertThat(claudeMarker("{\"type\":\"user\",\"subtype\":\"compact_boundary\"}")).isFalse();
    assertThat(claudeMarker("{\"type\":\"user\",\"message\":{\"content\":\"/compact\"}}")).isFalse();
  }

  @Test
  void codexsMarkerIsAContextCompactedEventOrACompactedRecord() {
    assertThat(codexMarker(CODEX_COMPACTED)).isTrue();
    assertThat(codexMarker("{\"type\":\"compacted\",\"payload\":{\"message\":\"\"}}")).isTrue();
    assertThat(codexMarker("{\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\"}}")).isFalse();
    assertThat(codexMarker("{\"type\":\"response_item\",\"payload\":{\"type\":\"context_compacted\"}}")).isFalse();
  }

  @Test
  void routersHaveNoMarker() {
    assertThat(adapters.of("notifier").isCompactMarker(Json.parse(CLAUDE_BOUNDARY))).isFalse();
  }

  @Test
  void theByteScanFindsAWholeMarkerLineAndIgnoresCutOrBrokenOnes() {
    var claude = adapters.of("claude");
    String before = "{\"type\":\"user\"}\n";
    byte[] bytes = (before + CLAUDE_BOUNDARY + "\n").getBytes(StandardCharsets.UTF_8);

    assertThat(CompactMarkers.scan(bytes, claude::isCompactMarker)).isTrue();
    assertThat(CompactMarkers.scan((before + CLAUDE_BOUNDARY.substring(0, 30)).getBytes(StandardCharsets.UTF_8), claude::isCompactMarker))
        .isFalse();
    assertThat(CompactMarkers.scan(CLAUDE_BOUNDARY.getBytes(StandardCharsets.UTF_8), claude::isCompactMarker)).isTrue();
    assertThat(CompactMarkers.scan("\n\nnot json\n".getBytes(StandardCharsets.UTF_8), claude::isCompactMarker)).isFalse();
    assertThat(CompactMarkers.scan(new byte[0], claude::isCompactMarker)).isFalse();
  }

  @Test
  void anOldClaudeMarkerBeforeTheBaselineDoesNotCountANewOneDoes() throws IOException {
    var claude = adapters.of("claude");
    Path dir = home.resolve(".claude/projects").resolve(ClaudeTranscripts.slug(cwd));
    Files.createDirectories(dir);
    Path t = Files.writeString(dir.resolve("s.jsonl"), "{\"type\":\"user\"}\n" + CLAUDE_BOUNDARY + "\n");

    Map<Path, Long> baseline = CompactMarkers.baseline(claude, cwd);
    assertThat(baseline).containsEntry(t, Files.size(t));
    assertThat(CompactMarkers.seenSince(claude, cwd, baseline)).isFalse();

    Files.writeString(t, "{\"type\":\"user\",\"message\":{\"content\":\"/compact\"}}\n", StandardOpenOption.APPEND);
    assertThat(CompactMarkers.seenSince(claude, cwd, baseline)).isFalse();

    Files.writeString(t, CLAUDE_BOUNDARY + "\n", StandardOpenOption.APPEND);
    assertThat(CompactMarkers.seenSince(claude, cwd, baseline)).isTrue();
  }

  @Test
  void aTranscriptCreatedAfterTheBaselineIsScannedFromItsStart() throws IOException {
    var claude = adapters.of("claude");
    Path dir = home.resolve(".claude/projects").resolve(ClaudeTranscripts.slug(cwd));
    Files.createDirectories(dir);
    Map<Path, Long> baseline = CompactMarkers.baseline(claude, cwd);
    assertThat(baseline).isEmpty();

    Files.writeString(dir.resolve("new.jsonl"), CLAUDE_BOUNDARY + "\n");

    assertThat(CompactMarkers.seenSince(claude, cwd, baseline)).isTrue();
  }

  @Test
  void aCodexSessionIsScannedFromItsBaselineOffset() throws IOException {
    var codex = adapters.of("codex");
    Path file = home.resolve(".codex/sessions/2026/11/27/rollout-a.jsonl");
    Files.createDirectories(file.getParent());
    String meta = "{\"type\":\"session_meta\",\"payload\":{\"cwd\":\"" + cwd + "\"}}\n";
    Files.writeString(file, meta + CODEX_COMPACTED + "\n");

    Map<Path, Long> baseline = CompactMarkers.baseline(codex, cwd);
    assertThat(CompactMarkers.seenSince(codex, cwd, baseline)).isFalse();

    Files.writeString(file, "{\"type\":\"compacted\",\"payload\":{}}\n", StandardOpenOption.APPEND);
    assertThat(CompactMarkers.seenSince(codex, cwd, baseline)).isTrue();
  }

  @Test
  void aTranscriptRewrittenShorterThanItsBaselineIsScannedWhole() throws IOException {
    var claude = adapters.of("claude");
    Path dir = home.resolve(".claude/projects").resolve(ClaudeTranscripts.slug(cwd));
    Files.createDirectories(dir);
    Path t = Files.writeString(dir.resolve("s.jsonl"), "{\"type\":\"user\",\"text\":\"" + "x".repeat(500) + "\"}\n");
    Map<Path, Long> baseline = CompactMarkers.baseline(claude, cwd);

    Files.writeString(t, CLAUDE_BOUNDARY + "\n");

    assertThat(CompactMarkers.seenSince(claude, cwd, baseline)).isTrue();
  }
}
