package io.iapeer.host.realcli;

import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.Typed;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One real agent CLI in the folder {@code project}, driven only through our session layer as the
 * verbs wire it ({@link Sessions#of}): a private HOME, IAPEER_ROOT and tmux socket dir, the model
 * API pointed at the fake. Closing kills its tmux server and waits for the CLI to exit.
 */
final class RealPeer implements AutoCloseable {
  /** Both CLIs show this while a turn waits for the model; Codex hides it once an answer streams. */
  static final String BUSY = "esc to interrupt";

  final Identity id;
  final Path project;
  final Path home;
  final RuntimeAdapter adapter;
  final Sessions sessions;
  private final Path codexHome;
  private final Path sockDir;
  private final Layout layout;

  private RealPeer(String runtime, Path tmp, FakeModelServer model) throws IOException {
    id = new Identity(runtime, "project");
    project = Files.createDirectories(tmp.resolve("project"));
    home = Files.createDirectories(tmp.resolve("home"));
    codexHome = tmp.resolve("codex-home");
    // Under /tmp, not the test's folder: a tmux socket path must stay under 108 bytes.
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iapr");
    Map<String, String> env = new HashMap<>(Map.of(
        "HOME", home.toString(),
        "IAPEER_ROOT", tmp.resolve("root").toString(),
        "IAPEER_SOCK_DIR", sockDir.toString(),
        "IAPEER_CLAUDE_BIN", RealClis.claude().toString(),
        "IAPEER_CODEX_BIN", RealClis.codex().toString(),
        "PATH", RealClis.path(),
        "LANG", "C.UTF-8",
        "IS_SANDBOX", "1", // tests only: the real Claude refuses bypass mode as root without it
        "IAPEER_TEST_SANDBOX", "1"));
    env.putAll(Map.of(
        "IAPEER_BOOT_DEADLINE_SECS", "90",
        "IAPEER_READY_GATE_SECS", "60",
        "IAP_LIVENESS_GRACE_MS", "10000",
        "IAP_TMUX_SUBMIT_TIMEOUT_MS", "6000",
        "IAPEER_COMPACT_DONE_TIMEOUT_MS", "120000",
        "IAPEER_COMPACT_DONE_POLL_MS", "250"));
    if (runtime.equals("claude")) {
      ClaudeHome.prepare(home, RealClaudeIT.API_KEY);
      env.putAll(Map.of(
          "ANTHROPIC_BASE_URL", model.anthropicBaseUrl(),
          "ANTHROPIC_API_KEY", RealClaudeIT.API_KEY,
          "DISABLE_AUTOUPDATER", "1"));
      // The launch drops the caller's CLAUDE_CODE_* (06 D8); a peer sets its own in launch.env.
      // Without this one Claude Code checks its vendor's reachability (HEAD /api/hello).
      Io.write(project.resolve(".iapeer/runtimes/claude/launch.env"), "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1\n");
    } else {
      CodexHome.prepare(Files.createDirectories(codexHome), model.responsesBaseUrl(), project);
      env.put("CODEX_HOME", codexHome.toString());
      env.put(CodexHome.KEY_VARIABLE, "fake");
    }
    Env e = new Env(env);
    layout = Layout.from(e);
    sessions = Sessions.of(layout, new Settings(e));
    adapter = sessions.adapters().of(runtime);
  }

  static RealPeer start(String runtime, Path tmp, FakeModelServer model) {
    try {
      return new RealPeer(runtime, tmp, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LaunchResult launch(boolean resume, String firstMessage) {
    return sessions.launcher().launch(LaunchSpec.fresh(id, project).withResume(resume), adapter, firstMessage);
  }

  Typed type(String text) throws InterruptedException {
    return sessions.typist().type(id, adapter, project, text);
  }

  boolean alive() {
    return sessions.host().alive(id);
  }

  void kill() {
    sessions.host().kill(id);
  }

  String screen() {
    return sessions.host().capture(id);
  }

  /** The composer is up and no busy line shows. */
  boolean idle() {
    String screen = screen();
    return adapter.isInputReady(screen) && !screen.contains(BUSY);
  }

  /** Waits until the model's {@code reply} is in the transcript and the turn is over. */
  void awaitAnswered(String reply) {
    await().alias(id + " answered " + reply).atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> replies().contains(reply) && idle());
  }

  /** The screen with its colours, as {@link Screens} saves fixtures. */
  Screen capture() {
    Path socket = sockDir.resolve(id.socketFileName());
    try {
      Process p = new ProcessBuilder("tmux", "-S", socket.toString(), "capture-pane", "-p", "-e",
          "-t", "=" + id.address() + ":").start();
      String ansi = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return Screen.of(ansi);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every record the CLI wrote for this folder: Claude's transcripts or Codex's session files. */
  List<JsonNode> transcript() {
    return id.runtime().equals("claude")
        ? ClaudeHome.transcript(home, project)
        : CodexHome.sessions(codexHome);
  }

  /** The model's answers as the transcript records them, oldest first. */
  List<String> replies() {
    return transcript().stream()
        .flatMap(r -> id.runtime().equals("claude")
            ? assistantTexts(r, "assistant", r.at("/message/content"))
            : assistantTexts(r.path("payload"), "message", r.at("/payload/content")))
        .toList();
  }

  private static Stream<String> assistantTexts(JsonNode record, String type, JsonNode content) {
    boolean assistant = record.path("type").asString("").equals(type)
        && (type.equals("assistant") || record.path("role").asString("").equals("assistant"));
    return assistant ? content.valueStream().map(b -> b.path("text").asString("")) : Stream.empty();
  }

  @Override
  public void close() {
    try {
      TmuxServers.killAll(sockDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
