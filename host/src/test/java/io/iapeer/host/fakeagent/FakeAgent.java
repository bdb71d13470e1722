package io.iapeer.host.fakeagent;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The test double for the {@code claude} and {@code codex} CLIs (03 §11): boots through a splash
 * and the configured startup dialogs to a composer, takes typed and bracketed-pasted input in a
 * tmux pane, and writes the transcript records the adapters read. Started by the launcher that
 * {@link FakeAgentInstall} writes; behaviour is steered by {@code FAKE_AGENT_*} variables.
 *
 * <p>After start-up everything runs on one thread: keys, timers and hook results are posted to
 * it, so the state needs no locks, and every posted task ends with a redraw.
 */
public final class FakeAgent {
  private static final String ESC = "\u001b";
  private static final String WORKING = "✻ Working… (esc to interrupt)";
  /** Asks the launcher script to kill itself with {@code FAKE_AGENT_KILL_SIGNAL}. */
  private static final int DIE_BY_SIGNAL = 86;
  private static final Pattern NO_UPDATE_CHECK =
      Pattern.compile("(?m)^\\s*check_for_update_on_startup\\s*=\\s*false\\s*(#.*)?$");

  private enum Phase { BOOT, DIALOG, PANEL, READY }

  private final Launch launch;
  private final Transcript transcript;
  private final String glyph;
  private final ScheduledExecutorService ui =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fake-agent-ui"));
  private final ExecutorService hooks =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-agent-run");
        t.setDaemon(true);
        return t;
      });
  private final List<String> history = new ArrayList<>();
  private final Deque<Menu> dialogs = new ArrayDeque<>();
  private final Deque<String> queue = new ArrayDeque<>();
  private final Composer composer;
  private Terminal term;
  private Phase phase = Phase.BOOT;
  private Menu dialog;
  private List<String> panel = List.of();
  private Menu nag;
  private ScheduledFuture<?> turn;
  private ScheduledFuture<?> subagent;
  private boolean renderPending;
  private boolean swallowed;
  private int replies;
  private volatile Integer exitCode;

  private FakeAgent(Launch launch, Transcript transcript) {
    this.launch = launch;
    this.transcript = transcript;
    this.glyph = launch.claude() ? "❯" : "›";
    this.composer = new Composer(launch.claude());
  }

  public static void main(String[] args) throws IOException {
    Launch launch;
    try {
      launch = Launch.parse(List.of(args), callerEnv(), Path.of(System.getProperty("user.dir")));
    } catch (Launch.Refused r) {
      System.err.println(r.getMessage());
      System.exit(r.code);
      return;
    }
    Transcript transcript = null;
    Launch.Refused refusal = null;
    try {
      transcript = Transcript.locate(launch);
    } catch (Launch.Refused r) {
      refusal = r;
    }
    launch.record(ProcessHandle.current().pid(), transcript == null ? null : transcript.file);
    if (launch.flag("CRASH_AT_BOOT")) {
      System.exit(2);
    }
    if (refusal != null) {
      System.out.println(refusal.getMessage());
      System.exit(refusal.code);
    }
    new FakeAgent(launch, transcript).start();
  }

  /** The environment the agent was started with, without the UTF-8 locale the launcher script forced. */
  private static Map<String, String> callerEnv() {
    Map<String, String> env = new HashMap<>(System.getenv());
    String lcAll = env.remove("FAKE_AGENT_LC_ALL_WAS");
    if ("unset".equals(lcAll)) {
      env.remove("LC_ALL");
    } else if (lcAll != null) {
      env.put("LC_ALL", lcAll);
    }
    return Map.copyOf(env);
  }

  private void start() {
    term = Terminal.open();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "fake-agent-exit"));
    new KeyReader(new FileInputStream(FileDescriptor.in), k -> post(() -> onKey(k))).start();
    post(this::boot);
  }

  /**
   * Every exit passes here, deliberate or by SIGTERM/SIGHUP: the terminal is restored, and a
   * signal ends the process with 0 like the real CLIs instead of the JVM's 128+n.
   */
  private void shutdown() {
    try {
      term.close();
    } catch (RuntimeException e) {
      // the pane may already be gone
    } finally {
      Runtime.getRuntime().halt(exitCode == null ? 0 : exitCode);
    }
  }

  private void exit(int code) {
    exitCode = code;
    System.exit(code);
  }

  /** Shows a last line, then exits (a declined dialog, a fake update). */
  private void exitWith(String line, int code) {
    history.add(line);
    render();
    exit(code);
  }

  // ---- scheduling: every task runs on the ui thread and ends with a redraw

  private void post(Runnable r) {
    ui.execute(guard(r));
  }

  private ScheduledFuture<?> later(Runnable r, long ms) {
    return ui.schedule(guard(r), ms, TimeUnit.MILLISECONDS);
  }

  private ScheduledFuture<?> every(long ms, Runnable r) {
    return ms > 0 ? ui.scheduleAtFixedRate(guard(r), ms, ms, TimeUnit.MILLISECONDS) : null;
  }

  /** A failure shows on the screen, where a test's capture-pane will report it. */
  private Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        history.add("fake agent error: " + e);
      }
      if (!renderPending) {
        renderPending = true;
        ui.execute(this::render);
      }
    };
  }

  // ---- boot (F4)

  private void boot() {
    if (launch.claude()) {
      history.add("✻ Claude Code v0.0.0 (fake agent, pid " + ProcessHandle.current().pid() + ")");
      history.add("  cwd: " + launch.cwd());
    } else {
      history.add(">_ OpenAI Codex (v0.0.0, fake agent, pid " + ProcessHandle.current().pid() + ")");
      history.add("  directory: " + launch.workDir());
      if (launch.skipPermissions()) {
        history.add("  permissions: YOLO mode");
      }
    }
    history.add("");
    transcript.begin();
    long crashAfter = launch.number("CRASH_AFTER_MS", -1);
    if (crashAfter >= 0) {
      later(this::crash, crashAfter);
    }
    if (!launch.flag("HANG_BOOT")) {
      later(this::showDialogs, launch.number("BOOT_MS", 300));
    }
  }

  private void crash() {
    exit(launch.knob("KILL_SIGNAL").isBlank() ? (int) launch.number("EXIT_CODE", 3) : DIE_BY_SIGNAL);
  }

  private void showDialogs() {
    for (String name : launch.knob("DIALOGS").split(",")) {
      Menu m = name.isBlank() ? null : dialog(name.strip());
      if (m != null) {
        dialogs.add(m);
      }
    }
    if (launch.claude() && launch.resume() && launch.flag("RESUME_PICKER")) {
      dialogs.add(
          new Menu(glyph, "This conversation is long; resuming it in full uses a lot of context.")
              .option("Resume from summary (recommended)", () -> {
                transcript.compacted();
                nextDialog();
              })
              .option("Resume full session as-is", () -> {
                panel(" Resuming the full session…");
                later(this::nextDialog, 500);
              })
              .numbered()
              .footer("Enter to confirm · Esc to cancel"));
    }
    nextDialog();
  }

  private void nextDialog() {
    dialog = dialogs.poll();
    if (dialog != null) {
      phase = Phase.DIALOG;
    } else {
      ready();
    }
  }

  /** A screen that is neither a menu nor the composer: input is ignored while it shows. */
  private void panel(String... lines) {
    phase = Phase.PANEL;
    dialog = null;
    panel = List.of(lines);
  }

  /**
   * The claude menus mirror Claude Code 2.1 (real-runtimes.md): unnumbered, the cursor on the
   * refusing option, which exits. Null for a dialog that does not apply to this launch; an unknown
   * name is shown on the screen so a mistyped FAKE_AGENT_DIALOGS is not silently ignored.
   */
  private Menu dialog(String name) {
    try {
      return launch.claude() ? claudeDialog(name) : codexDialog(name);
    } catch (IllegalArgumentException e) {
      history.add("(fake agent: " + e.getMessage() + ")");
      return null;
    }
  }

  private IllegalArgumentException unknownDialog(String name) {
    return new IllegalArgumentException("no " + launch.flavor() + " dialog \"" + name + "\"");
  }

  private Menu claudeDialog(String name) {
    String confirm = "Enter to confirm · Esc to cancel";
    return switch (name) {
      case "trust" ->
          new Menu(glyph,
                  "Accessing workspace:", "", launch.cwd().toString(), "",
                  "Quick safety check: Is this a project you created or one you trust? (Like your own code, a",
                  "well-known open source project, or work from your team). If not, take a moment to review what's",
                  "in this folder first.")
              .option("No, exit", this::decline)
              .option("Yes, I trust this folder", this::nextDialog)
              .onEscape(this::decline)
              .footer(confirm);
      case "bypass" ->
          !launch.skipPermissions()
              ? null
              : new Menu(glyph,
                      "WARNING: Claude Code running in Bypass Permissions mode", "",
                      "In Bypass Permissions mode, Claude Code will not ask for your approval before running",
                      "potentially dangerous commands. This mode should only be used in a sandboxed container/VM.", "",
                      "By proceeding, you accept all responsibility for actions taken while running in Bypass",
                      "Permissions mode.")
                  .option("No, exit", this::decline)
                  .option("Yes, I accept", this::nextDialog)
                  .onEscape(this::decline)
                  .footer(confirm);
      case "apikey" -> {
        String key = launch.env().getOrDefault("ANTHROPIC_API_KEY", "");
        Runnable refuse = () -> {
          dialogs.addFirst(login());
          nextDialog();
        };
        yield new Menu(glyph,
                "Detected a custom API key in your environment", "",
                "ANTHROPIC_API_KEY: sk-ant-..." + key.substring(Math.max(0, key.length() - 20)), "",
                "Do you want to use this API key?")
            .option("Yes", this::nextDialog)
            .option("No (recommended)", refuse)
            .cursorAt(1)
            .onEscape(refuse)
            .footer(confirm);
      }
      case "imports" ->
          new Menu(glyph,
                  "Allow external CLAUDE.md file imports?", "",
                  "This project's CLAUDE.md imports files outside the current working directory.")
              .option("Yes, allow external imports", this::nextDialog)
              .footer(confirm);
      case "devchan" ->
          new Menu(glyph, "WARNING: Loading development channels", "",
                  "Channels let MCP servers push messages into this session.")
              .option("I am using this for local development", this::nextDialog)
              .footer(confirm);
      case "mcp" ->
          new Menu(glyph, "2 new MCP servers found in this project", "", "iapeer, fake-extra")
              .option("Use this and all future MCP servers in this project", this::nextDialog)
              .footer(confirm);
      case "theme" ->
          new Menu(glyph, "Let's get started.", "", "Choose the text style that looks best with your terminal")
              .option("Dark mode", this::nextDialog)
              .option("Light mode", this::nextDialog)
              .numbered();
      case "login" -> login();
      default -> throw unknownDialog(name);
    };
  }

  /** Never accepts anything: an unauthenticated host must fail at its boot deadline. */
  private Menu login() {
    return new Menu(glyph, "Select login method:")
        .option("Claude account with subscription · Pro, Max, Team, or Enterprise", () -> { })
        .option("Anthropic Console account · API usage billing", () -> { })
        .option("3rd-party platform · Amazon Bedrock, Microsoft Foundry, or Vertex AI", () -> { })
        .numbered();
  }

  private Menu codexDialog(String name) {
    return switch (name) {
      case "update" ->
          updateCheckDisabled()
              ? null
              : new Menu(glyph, "✨ Update available! 0.0.0 -> 0.0.1", "", "Release notes: https://example.invalid/fake")
                  .option("Update now", () -> exitWith("Updating… (fake agent: exit 4)", 4))
                  .option("Skip", this::nextDialog)
                  .numbered()
                  .footer("Press enter to continue");
      case "dirtrust" ->
          new Menu(glyph, "You are running Codex in " + launch.workDir(), "",
                  "Do you trust the contents of this directory? Working with untrusted contents comes with",
                  "higher risk of prompt injection.")
              .option("Yes, continue", this::nextDialog)
              .option("No, quit", () -> exitWith("", 1))
              .numbered()
              .footer("Press enter to continue");
      case "hooks" ->
          new Menu(glyph, "Hooks need review", "", "This project defines hooks that run commands on your behalf.")
              .option("Review hooks", () -> panel(" Review hooks", "", "   PreToolUse  ./hooks/check.sh"))
              .option("Trust all and continue", this::nextDialog)
              .digitCommits();
      default -> throw unknownDialog(name);
    };
  }

  private boolean updateCheckDisabled() {
    try {
      return NO_UPDATE_CHECK.matcher(Files.readString(launch.codexHome().resolve("config.toml"))).find();
    } catch (IOException e) {
      return false;
    }
  }

  private void decline() {
    exitWith("declined", 3);
  }

  private void ready() {
    phase = Phase.READY;
    if (launch.claude() && launch.resume()) {
      // the re-save a resumed claude does at boot: launchers must sample their baseline after it
      transcript.touch();
    }
    long nagAfter = launch.number("NAG_AFTER_MS", -1);
    if (nagAfter >= 0) {
      later(this::showNag, nagAfter);
    }
    // a no-op task: the redraw that follows every task repaints the clock
    every(launch.number("STATUSLINE_MS", 0), () -> { });
    every(launch.number("RESAVE_MS", 0), transcript::touch);
  }

  /** The needles are split so that this source, shown in a peer's pane, cannot trigger a launcher. */
  private void showNag() {
    nag =
        new Menu(glyph, "Try the new full" + "screen renderer?", "", "Smoother scrolling and no flicker.")
            .option("Yes, try" + " it", () -> {
              nag = null;
              history.add("fullscreen enabled");
            })
            .option("Not now", () -> nag = null)
            .numbered()
            .onEscape(() -> nag = null);
  }

  // ---- input (F3) and turns (F7–F10)

  private void onKey(KeyReader.Key k) {
    switch (k.kind()) {
      case EOF, CTRL_D -> exit(0);
      default -> {
        switch (phase) {
          case DIALOG -> dialog.key(k);
          case READY -> {
            if (nag != null) {
              nag.key(k);
            } else {
              compose(k);
            }
          }
          default -> { }
        }
      }
    }
  }

  private void compose(KeyReader.Key k) {
    switch (k.kind()) {
      case TEXT -> composer.type(k.text());
      case PASTE -> composer.paste(k.text());
      case BACKSPACE -> composer.backspace();
      case ESCAPE -> {
        if (turn != null) {
          interrupt();
        } else {
          composer.clear();
        }
      }
      case SUBMIT -> submit();
      default -> { }
    }
  }

  private void submit() {
    String text = composer.content();
    composer.clear();
    if (text.isBlank()) {
      return;
    }
    if (launch.flag("SWALLOW_FIRST") && !swallowed) {
      swallowed = true;
      return;
    }
    if (text.strip().equals("/exit")) {
      exit(0);
      return;
    }
    if (launch.flag("NEVER_PROCESS")) {
      history.add("● received: " + excerpt(text, 60));
      return;
    }
    if (turn != null) {
      // claude journals queued input at once; codex's queue is durable and journals nothing yet
      queue.add(text);
      if (launch.claude()) {
        transcript.queue("enqueue", text);
      }
      return;
    }
    startTurn(text);
  }

  private void startTurn(String text) {
    if (text.strip().equals("/compact")) {
      busy(launch.number("COMPACT_MS", 600), () -> {
        transcript.compacted();
        history.add("Context compacted");
        if (launch.flag("COMPACT_AUTOCONTINUE")) {
          busy(10_000, this::next);
        } else {
          next();
        }
      });
      return;
    }
    transcript.user(text);
    history.add("● received: " + excerpt(text, 60));
    busy(launch.number("TURN_MS", 400), () -> {
      replies++;
      transcript.reply("ack " + replies);
      history.add("● ack " + replies);
      if (replies == 1) {
        transcript.title("Fake: " + excerpt(text, 40));
      }
      next();
    });
    runHooks(text);
  }

  private void busy(long ms, Runnable then) {
    turn = later(() -> {
      idle();
      then.run();
    }, ms);
    if (launch.claude()) {
      subagent = every(launch.number("SUBAGENT_MS", 0), transcript::subagentTick);
    }
  }

  private void idle() {
    if (turn != null) {
      turn.cancel(false);
      turn = null;
    }
    if (subagent != null) {
      subagent.cancel(false);
      subagent = null;
    }
  }

  private void interrupt() {
    idle();
    transcript.interrupted();
    history.add("■ Interrupted");
    next();
  }

  private void next() {
    String text = queue.poll();
    if (text != null) {
      if (launch.claude()) {
        transcript.queue("dequeue", null);
      }
      startTurn(text);
    }
  }

  /** F10: each line starting with {@code !run } runs in the folder with the session's environment. */
  private void runHooks(String text) {
    List<String> commands = text.lines().filter(l -> l.startsWith("!run ")).map(l -> l.substring(5)).toList();
    if (!commands.isEmpty()) {
      hooks.execute(() -> commands.forEach(c -> {
        List<String> lines = run(c);
        post(() -> history.addAll(lines));
      }));
    }
  }

  private List<String> run(String command) {
    List<String> lines = new ArrayList<>();
    lines.add("! " + excerpt(command, 100));
    try {
      ProcessBuilder pb =
          new ProcessBuilder("/bin/sh", "-c", command)
              .directory(launch.workDir().toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().clear();
      pb.environment().putAll(launch.env());
      Process p = pb.start();
      List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      int code = p.waitFor();
      out.subList(Math.max(0, out.size() - 5), out.size()).forEach(l -> lines.add("  ⎿ " + excerpt(l, 160)));
      lines.add("  ⎿ exit " + code);
    } catch (IOException e) {
      lines.add("  ⎿ failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines;
  }

  // ---- screen (F6)

  private void render() {
    renderPending = false;
    List<String> f = new ArrayList<>(history);
    int cursorLine = -1;
    int cursorCol = 0;
    switch (phase) {
      case DIALOG -> f.addAll(dialog.lines());
      case PANEL -> f.addAll(panel);
      case READY -> {
        queue.forEach(q -> f.add(ESC + "[2m  ↳ queued: " + excerpt(q, 60) + ESC + "[0m"));
        if (turn != null) {
          f.add(WORKING);
        }
        String rule = launch.claude() ? "─".repeat(term.cols) : "";
        if (nag != null) {
          f.addAll(nag.lines());
        } else if (turn == null || !launch.flag("HIDE_COMPOSER_WHEN_BUSY")) {
          f.add(rule);
          List<String> rows = composer.display();
          for (int i = 0; i < rows.size(); i++) {
            f.add((i == 0 ? glyph + " " : "  ") + rows.get(i));
          }
          cursorLine = f.size() - 1;
          cursorCol = Terminal.width(f.get(cursorLine));
          String placeholder = placeholder();
          if (composer.isEmpty() && !placeholder.isEmpty()) {
            f.set(cursorLine, glyph + " " + ESC + "[2m" + placeholder + ESC + "[0m");
          }
          f.add(rule);
        }
        f.add(launch.claude() && launch.skipPermissions()
            ? "  ⏵⏵ bypass permissions on (shift+tab to cycle)"
            : "  ? for shortcuts");
        if (launch.number("STATUSLINE_MS", 0) > 0) {
          f.add("  ◷ " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        }
      }
      default -> { }
    }
    term.draw(f, cursorLine, cursorCol);
  }

  /**
   * Faint ghost text in the empty composer. Codex always has one, so its composer row reads
   * {@code › …} even after capture-pane trims trailing blanks.
   */
  private String placeholder() {
    String p = launch.knob("PROMPT_PLACEHOLDER");
    return p.isEmpty() && !launch.claude() ? "Ask Codex to do anything" : p;
  }

  /** The first n code points on one line. */
  static String excerpt(String s, int n) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(n).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }
}
