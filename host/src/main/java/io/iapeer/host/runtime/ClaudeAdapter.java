package io.iapeer.host.runtime;

import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Claude Code (03 §3.2 with real-runtimes.md and 06 D8). */
public final class ClaudeAdapter implements TuiAdapter {
  static final String DEFAULT_DISALLOWED_TOOLS = "AskUserQuestion";

  /** The mode line of {@code --dangerously-skip-permissions}; without it we are not in charge. */
  static final String BYPASS_ON = "bypass permissions on";

  private final Layout layout;
  private final ClaudeTranscripts transcripts;

  ClaudeAdapter(Layout layout, Clock clock) {
    this.layout = layout;
    this.transcripts = new ClaudeTranscripts(layout.home(), clock);
  }

  @Override
  public String runtime() {
    return Runtimes.CLAUDE;
  }

  @Override
  public List<String> promptGlyphs() {
    return List.of("❯");
  }

  @Override
  public DeliveryConfirm deliveryConfirm() {
    return DeliveryConfirm.TRANSCRIPT;
  }

  @Override
  public Optional<String> binary() {
    return AgentBinary.resolve(layout, Runtimes.CLAUDE);
  }

  /**
   * {@code bin --dangerously-skip-permissions [--disallowedTools T] --add-dir /
   * [--system-prompt-file F] [--continue] [extras…]}. Resume is always {@code --continue} (the
   * folder's latest conversation); a session uuid never goes on argv.
   */
  @Override
  public List<String> argv(String bin, LaunchSpec spec, Optional<String> disallowedTools) {
    List<String> argv = new ArrayList<>(List.of(bin, "--dangerously-skip-permissions"));
    String tools = disallowedTools.orElse(DEFAULT_DISALLOWED_TOOLS);
    if (!tools.isEmpty()) {
      argv.addAll(List.of("--disallowedTools", tools));
    }
    argv.addAll(List.of("--add-dir", "/"));
    spec.systemPromptFile()
        .ifPresent(f -> argv.addAll(List.of("--system-prompt-file", f.toString())));
    if (spec.resume()) {
      argv.add("--continue");
    }
    argv.addAll(spec.extraArgs());
    return List.copyOf(argv);
  }

  @Override
  public BootDialog bootDialog(String screen) {
    return Dialog.answer(ClaudeDialogs.TABLE, screen);
  }

  @Override
  public Optional<List<String>> nagDismissKeys(String screen) {
    return ClaudeDialogs.nagDismissKeys(screen);
  }

  /** The composer row ({@code ❯} at the start of a line) and the bypass mode line, no dialog. */
  @Override
  public boolean isInputReady(String screen) {
    return !Dialog.anyShown(ClaudeDialogs.TABLE, screen)
        && screen.contains(BYPASS_ON)
        && screen.lines().anyMatch(l -> l.stripLeading().startsWith("❯"));
  }

  @Override
  public Optional<Instant> newestActivityMtime(Path cwd) {
    return TranscriptFiles.newestMtime(transcripts.files(cwd));
  }

  @Override
  public Optional<Instant> lastTurnMtime(Path cwd) {
    return transcripts.newest(cwd).flatMap(LastTimestamp::of);
  }

  @Override
  public Optional<Instant> childActivityMtime(Path cwd) {
    return transcripts.childActivity(cwd);
  }

  @Override
  public Resume resolveResume(Path cwd) {
    return transcripts
        .newest(cwd)
        .<Resume>map(f -> new Resume.Available(Optional.of(sessionId(f))))
        .orElse(new Resume.Unavailable("no transcript to resume"));
  }

  @Override
  public List<Path> transcriptFiles(Path cwd) {
    return transcripts.files(cwd);
  }

  /** {@code compact_boundary}, or any system record carrying {@code compactMetadata} (03 §7.2). */
  @Override
  public boolean isCompactMarker(JsonNode record) {
    return "system".equals(record.path("type").asString(""))
        && ("compact_boundary".equals(record.path("subtype").asString(""))
            || record.path("compactMetadata").isObject());
  }

  private static String sessionId(Path transcript) {
    String name = transcript.getFileName().toString();
    return name.substring(0, name.length() - ".jsonl".length());
  }
}
