package io.iapeer.host.runtime;

import static io.iapeer.host.runtime.Dialog.allOf;
import static io.iapeer.host.runtime.Dialog.anyOf;

import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The Codex CLI (03 §3.3 with real-runtimes.md and 06 D8). */
public final class CodexAdapter implements TuiAdapter {
  static final List<Dialog> DIALOGS =
      List.of(
          // Decline the update: "2" selects "Skip", Enter confirms.
          new Dialog(
              "update",
              allOf("Update available!", "Press enter to continue"),
              Dialog.keys("update", "2", "Enter")),
          new Dialog(
              "directory-trust",
              anyOf("Do you trust the contents of this directory"),
              Dialog.keys("directory-trust", "Enter")),
          // Real 0.171.0 inside a git repository: "Folder access" / "Trust this folder?" with
          // `› 1. Trust and continue` / `2. Back to …`; its option row starts with `› ` and would pass
          // for the composer. Enter only while the cursor is on "Trust and continue".
          new Dialog(
              "folder-access",
              anyOf("Trust this folder?"),
              screen ->
                  new BootDialog.Keys(
                      "folder-access",
                      List.of(
                          screen.lines().anyMatch(l -> l.strip().startsWith("› 1. Trust and continue"))
                              ? "Enter"
                              : "Up"))),
          // Select-by-number commits at once; Enter would open the review panel instead.
          new Dialog("hooks-review", anyOf("Hooks need review"), Dialog.keys("hooks-review", "2")));

  private final Layout layout;
  private final CodexSessions sessions;

  CodexAdapter(Layout layout) {
    this.layout = layout;
    this.sessions = new CodexSessions(layout.codexConfig().getParent().resolve("sessions"));
  }

  @Override
  public String runtime() {
    return Runtimes.CODEX;
  }

  @Override
  public List<String> promptGlyphs() {
    return List.of("›");
  }

  @Override
  public DeliveryConfirm deliveryConfirm() {
    return DeliveryConfirm.SOCKET_ACK;
  }

  @Override
  public Optional<String> binary() {
    return AgentBinary.resolve(layout, Runtimes.CODEX);
  }

  /**
   * {@code bin [resume --last] --no-daemon --no-alt-screen -C cwd [-c model_instructions_file=F]
   * --dangerously-bypass-approvals-and-sandbox [extras…]}. {@code --no-daemon}: a shared app-server
   * keeps the environment of the first session, so every later peer would call our MCP tool with
   * the first peer's identity (real-runtimes.md). {@code --no-alt-screen} keeps the TUI where
   * {@code capture-pane} sees it.
   */
  @Override
  public List<String> argv(String bin, LaunchSpec spec, Optional<String> disallowedTools) {
    List<String> argv = new ArrayList<>(List.of(bin));
    if (spec.resume()) {
      argv.addAll(List.of("resume", "--last"));
    }
    argv.addAll(List.of("--no-daemon", "--no-alt-screen", "-C", spec.cwd().toString()));
    spec.systemPromptFile()
        .ifPresent(f -> argv.addAll(List.of("-c", "model_instructions_file=" + f)));
    argv.add("--dangerously-bypass-approvals-and-sandbox");
    argv.addAll(spec.extraArgs());
    return List.copyOf(argv);
  }

  @Override
  public BootDialog bootDialog(String screen) {
    return Dialog.answer(DIALOGS, screen);
  }

  /**
   * A line starting with {@code › } (the composer, e.g. {@code › Ask Codex to do anything}), no
   * dialog and no "Press enter" prompt. The splash is not required: a resumed history can scroll it
   * away.
   */
  @Override
  public boolean isInputReady(String screen) {
    return !screen.contains("Press enter to continue")
        && !Dialog.anyShown(DIALOGS, screen)
        && screen.lines().anyMatch(l -> l.stripLeading().startsWith("› "));
  }

  @Override
  public Optional<Instant> newestActivityMtime(Path cwd) {
    return TranscriptFiles.newestMtime(sessions.files(cwd));
  }

  @Override
  public Optional<Instant> lastTurnMtime(Path cwd) {
    return TranscriptFiles.newest(sessions.files(cwd)).flatMap(LastTimestamp::of);
  }

  /** Codex picks the folder's newest session itself ({@code resume --last}); no ref is needed. */
  @Override
  public Resume resolveResume(Path cwd) {
    return sessions.files(cwd).isEmpty()
        ? new Resume.Unavailable("no codex session to resume")
        : new Resume.Available(Optional.empty());
  }

  @Override
  public List<Path> transcriptFiles(Path cwd) {
    return sessions.files(cwd);
  }

  /** {@code event_msg} with payload {@code context_compacted}, or a {@code compacted} record. */
  @Override
  public boolean isCompactMarker(JsonNode record) {
    String type = record.path("type").asString("");
    return "compacted".equals(type)
        || ("event_msg".equals(type)
            && "context_compacted".equals(record.path("payload").path("type").asString("")));
  }
}
