package io.iapeer.host.bench;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.realcli.ClaudeHome;
import io.iapeer.host.realcli.FakeModelServer;
import io.iapeer.host.realcli.RealClis;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.session.Typist;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One real Claude Code peer for the benchmark, in a sandbox of its own (IAPEER_ROOT, HOME, socket
 * dir under /tmp), wired as the daemon wires it ({@link Sessions#of} with default settings), talking
 * to a fake model on loopback that answers every turn at once with {@link #ANSWER}.
 */
final class LiveClaude implements AutoCloseable {
  static final String ANSWER = "noted";
  private static final String API_KEY = "sk-ant-iapeer-bench-0123456789abcdefghij";
  private static final Duration IDLE_DEADLINE = Duration.ofSeconds(60);
  private static final Duration IDLE_POLL = Duration.ofMillis(50);

  final Identity id = new Identity("claude", "bench");
  final Path project;
  final Sessions sessions;
  /** The host under {@link #sessions}: where the typist's tmux calls are timed. */
  final TimedHost timed;
  final RuntimeAdapter adapter;
  private final Path root;
  private final Path sockDir;
  private final FakeModelServer model;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LiveClaude(Path root) throws IOException {
    this.root = root;
    sockDir = Files.createDirectories(root.resolve("s"));
    Path home = Files.createDirectories(root.resolve("home"));
    project = Files.createDirectories(root.resolve("project"));
    model = FakeModelServer.start().defaultText(ANSWER);
    ClaudeHome.prepare(home, API_KEY);
    Map<String, String> env = Map.ofEntries(
        Map.entry("HOME", home.toString()),
        Map.entry("IAPEER_ROOT", root.resolve("root").toString()),
        Map.entry("IAPEER_SOCK_DIR", sockDir.toString()),
        Map.entry("IAPEER_CLAUDE_BIN", RealClis.claude().toString()),
        Map.entry("PATH", RealClis.path()),
        Map.entry("LANG", "C.UTF-8"),
        Map.entry("IS_SANDBOX", "1"), // the real Claude refuses bypass mode as root without it
        Map.entry("IAPEER_TEST_SANDBOX", "1"),
        Map.entry("ANTHROPIC_BASE_URL", model.anthropicBaseUrl()),
        Map.entry("ANTHROPIC_API_KEY", API_KEY),
        Map.entry("DISABLE_AUTOUPDATER", "1"),
        Map.entry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"));
    Layout layout = Layout.from(new Env(env));
    timed = new TimedHost(new TmuxSessionHost(layout));
    sessions = Sessions.of(timed, new Adapters(layout), new Settings(new Env(env)));
    adapter = sessions.adapters().of(id.runtime());
  }

  /** Starts Claude on a fresh sandbox and waits for its input prompt. */
  static LiveClaude launch() throws IOException {
    if (!Files.isExecutable(RealClis.claude())) {
      throw new IllegalStateException("Claude Code is not installed at " + RealClis.claude()
          + " — run dev/install-agent-clis.sh");
    }
    LiveClaude c = new LiveClaude(Files.createTempDirectory(Path.of("/tmp"), "iap-typing"));
    try {
      LaunchResult r = c.sessions.launcher().launch(LaunchSpec.fresh(c.id, c.project), c.adapter, "");
      if (!(r instanceof LaunchResult.Ready)) {
        throw new IllegalStateException("claude did not start: " + r);
      }
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  Typist typist() {
    return sessions.typist();
  }

  /** The tmux server socket of the session, for the floor script. */
  Path socket() {
    return sockDir.resolve(id.socketFileName());
  }

  /** The session's pane as a tmux target (exact name, active pane). */
  String target() {
    return "=" + id.address() + ":";
  }

  /** The conversation's transcript file, once the first message made Claude write one. */
  Path transcript() {
    return adapter.transcriptFiles(project).stream()
        .max(Comparator.comparingLong(LiveClaude::size))
        .orElseThrow(() -> new IllegalStateException("claude wrote no transcript in " + project));
  }

  /**
   * Waits until Claude is idle again after its {@code answers}-th turn: that many answers in the
   * transcript, the composer drawn, and screen and transcript unchanged over one more poll.
   */
  void awaitIdle(int answers) throws InterruptedException {
    long deadline = System.nanoTime() + IDLE_DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Thread.sleep(IDLE_POLL);
      String screen = sessions.host().capture(id);
      int seen = answers();
      String now = seen + "\n" + transcriptBytes() + "\n" + screen;
      boolean ready = seen >= answers && adapter.isInputReady(screen);
      if (ready && now.equals(last)) {
        return;
      }
      last = ready ? now : "";
    }
    throw new IllegalStateException("claude did not become idle after answer " + answers + " within "
        + IDLE_DEADLINE.toSeconds() + " s; screen:\n" + sessions.host().capture(id));
  }

  /** Assistant records in the transcript whose text is the fake model's answer. */
  private int answers() {
    int n = 0;
    for (Path f : adapter.transcriptFiles(project)) {
      for (String line : read(f).split("\n")) {
        if (line.contains("\"assistant\"") && line.contains(ANSWER) && isAnswer(line)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean isAnswer(String line) {
    try {
      JsonNode r = Json.parse(line);
      return r.path("type").asString("").equals("assistant")
          && r.at("/message/content").valueStream().anyMatch(b -> b.path("text").asString("").equals(ANSWER));
    } catch (JacksonException e) {
      return false; // a line still being written
    }
  }

  private long transcriptBytes() {
    return adapter.transcriptFiles(project).stream().mapToLong(LiveClaude::size).sum();
  }

  /** A file's size; 0 while it does not exist yet. */
  static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  /** A file's text; empty while it does not exist yet. */
  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return "";
    }
  }

  /** Kills every tmux server of the sandbox, waits for Claude to exit, removes the sandbox. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      model.close();
      TmuxServers.killAll(sockDir);
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
