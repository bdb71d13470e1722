package io.iapeer.host.session;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.session.CommandRunner.Command;
import io.iapeer.host.session.CommandRunner.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link SessionHost} on tmux: one server socket per identity under the layout's sock dir. */
public final class TmuxSessionHost implements SessionHost {
  /** Unix socket paths hold 108 bytes with the terminating NUL (06 D7). */
  private static final int MAX_SOCKET_BYTES = 107;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicLong BUFFERS = new AtomicLong();
  private static final Pattern PANE_STATE = Pattern.compile("([01]) (\\d+)");
  private static final Pattern TOKEN = Pattern.compile("\\d+:\\$\\d+:%\\d+");

  private final Layout layout;
  private final CommandRunner runner;
  private final Optional<ControlClients> control;

  public TmuxSessionHost(Layout layout) {
    this(layout, new ProcessCommandRunner(TIMEOUT));
  }

  public TmuxSessionHost(Layout layout, CommandRunner runner) {
    this(layout, runner, Optional.empty());
  }

  TmuxSessionHost(Layout layout, CommandRunner runner, Optional<ControlClients> control) {
    this.layout = layout;
    this.runner = runner;
    this.control = control;
  }

  /**
   * A host for a long-lived process, the daemon: the calls a delivery makes on a live session go
   * through a control client kept attached to it ({@link ControlClient}) instead of a client
   * process each. A verb's short run would spend more attaching than it saves.
   */
  public static TmuxSessionHost withControlClients(Layout layout) {
    return new TmuxSessionHost(layout, new ProcessCommandRunner(TIMEOUT), Optional.of(new ControlClients()));
  }

  /** Detaches the control clients, if any; the host stays usable through client processes. */
  public void closeControlClients() {
    control.ifPresent(ControlClients::close);
  }

  @Override
  public void start(SessionSpec spec) {
    Identity id = spec.identity();
    Tmux tmux = tmux(id);
    Path cwd = spec.cwd().toAbsolutePath();
    // tmux would quietly start elsewhere, and an agent must never work in the wrong folder.
    if (!Files.isDirectory(cwd)) {
      throw new IapException("cannot start " + id + ": its folder " + cwd + " is not a directory");
    }
    Dirs.ensure(layout.sockDir());
    // Deleting the socket also keeps new-session away from a server that is still shutting down.
    tmux.run("kill-server");
    deleteSocket(tmux);
    Map<String, String> env = new HashMap<>(spec.env());
    env.remove("TMUX");
    env.remove("TMUX_PANE");
    List<String> newSession = new ArrayList<>(List.of(
        "new-session", "-d", "-s", id.address(),
        "-x", Integer.toString(spec.width()), "-y", Integer.toString(spec.height()),
        "-c", cwd.toString()));
    newSession.addAll(command(spec.argv()));
    Path exits = privateFile(Dirs.ensure(layout.eventLogDir()).resolve("exits.log"));
    // One client call: the key binding and the exit hook exist before the session does (a program
    // that dies at once must still leave its exits.log line), and a new server inherits exactly
    // this environment, which the pane then inherits (03 §5 steps 3–4).
    Result r = tmux.sequence(env, List.of(
        List.of("bind-key", "-n", "C-]", "detach-client"),
        List.of("set-option", "-g", "remain-on-exit", "on"),
        List.of("set-hook", "-g", "pane-died", ExitHook.command(spec.identity(), exits)),
        newSession));
    if (!r.ok()) {
      throw new TmuxException("new-session", r.failure());
    }
  }

  /**
   * Two or more elements run as the process itself, no shell: the user's login shell (fish, nu…)
   * never re-reads our quoting, and the pane's exit status is the program's own. tmux hands a lone
   * element to {@code $SHELL -c}, so it goes single-quoted.
   */
  private static List<String> command(List<String> argv) {
    return argv.size() == 1 ? List.of(Shell.quote(argv.getFirst())) : argv;
  }

  @Override
  public void installExitHook(Identity id) {
    Tmux tmux = tmux(id);
    Path exits = privateFile(Dirs.ensure(layout.eventLogDir()).resolve("exits.log"));
    String hook = ExitHook.command(id, exits);
    // pane-died fires only while the dead pane remains (03 §5 step 4).
    tmux.require("set-option", "-t", Tmux.pane(id), "remain-on-exit", "on");
    tmux.require("set-hook", "-t", Tmux.pane(id), "pane-died", hook);
  }

  @Override
  public void logPane(Identity id) {
    Tmux tmux = tmux(id);
    Path log = privateFile(Dirs.ensure(layout.paneLogDir()).resolve(id.address() + ".log"));
    // pipe-pane expands formats in its command: a # in the path must reach sh as itself.
    String cat = "cat >> " + Shell.quote(log.toString()).replace("#", "##");
    tmux.require("pipe-pane", "-t", Tmux.pane(id), cat);
  }

  @Override
  public boolean alive(Identity id) {
    return attachedIfAlive(id).isPresent();
  }

  /** One client call: the pane's state and the session's clients. */
  @Override
  public Optional<Boolean> attachedIfAlive(Identity id) {
    Optional<List<String>> lines =
        look(id, List.of(display(id, "#{pane_dead} #{pid}"), clients(id)));
    Optional<Matcher> pane = lines.map(l -> PANE_STATE.matcher(l.getFirst())).filter(Matcher::matches);
    if (pane.isEmpty()) {
      return Optional.empty();
    }
    if (pane.get().group(1).equals("0")) {
      return Optional.of(watched(lines.get().subList(1, lines.get().size())));
    }
    // tmux up to 3.4 can lose the SIGCHLD of a pane's process (3.3a here: about one death in five
    // under test load). With remain-on-exit the dead pane then stays and pane-died never fires.
    // Another SIGCHLD makes the server reap it, so the exit hook still logs and ends the session.
    runner.run(Command.of(List.of("kill", "-CHLD", pane.get().group(2))));
    return Optional.empty();
  }

  @Override
  public void kill(Identity id) {
    Tmux tmux = tmux(id);
    if (!Files.exists(tmux.socket())) {
      return;
    }
    tmux.run("kill-session", "-t", Tmux.session(id));
    Result left = tmux.run("list-sessions", "-F", "#{session_name}");
    if (!left.ok() || left.out().isBlank()) {
      tmux.run("kill-server");
      deleteSocket(tmux);
    }
  }

  @Override
  public Death classifyDeath(Identity id) {
    Tmux tmux = tmux(id);
    if (!Files.exists(tmux.socket())) {
      return Death.SOCKET_MISSING;
    }
    return tmux.run("list-sessions").ok() ? Death.SESSION_GONE : Death.STALE_SOCKET;
  }

  @Override
  public String capture(Identity id) {
    return require(id, List.of("capture-pane", "-p", "-t", Tmux.pane(id))).out();
  }

  @Override
  public String captureStyled(Identity id) {
    return require(id, List.of("capture-pane", "-p", "-e", "-t", Tmux.pane(id))).out();
  }

  @Override
  public void paste(Identity id, String text, PasteMode mode) {
    Tmux tmux = tmux(id);
    // Unique per call: buffers are per server, and a leftover must never be pasted by mistake.
    String buffer = "iap-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis()
        + "-" + BUFFERS.incrementAndGet();
    List<String> args = new ArrayList<>(List.of("paste-buffer", "-d"));
    if (mode.bracketed()) {
      args.add("-p");
    }
    if (mode.keepLf()) {
      args.add("-r");
    }
    args.addAll(List.of("-b", buffer, "-t", Tmux.pane(id)));
    // One client call, which costs more than either command; a failed load stops the paste. A
    // control client has no stdin of its own to load from, but its lines carry any length.
    Result paste = onControl(tmux, List.of(List.of("set-buffer", "-b", buffer, "--", text), args))
        .orElseGet(() -> tmux.input(text, List.of(List.of("load-buffer", "-b", buffer, "-"), args)));
    if (!paste.ok()) {
      // -d deletes the buffer once pasted; one a failed paste left is deleted here
      tmux.run("delete-buffer", "-b", buffer);
      throw new TmuxException("paste-buffer", paste.failure());
    }
  }

  @Override
  public void sendKeys(Identity id, String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", Tmux.pane(id)));
    args.addAll(List.of(keys));
    require(id, args);
  }

  @Override
  public void sendLiteral(Identity id, String text) {
    // "--": text that starts with "-" is text, not an option.
    require(id, List.of("send-keys", "-t", Tmux.pane(id), "-l", "--", text));
  }

  @Override
  public Optional<String> sessionToken(Identity id) {
    // Every launch starts a new server whose first session and pane are $0 and %0 again, so the
    // pane's process id tells one launch from the next.
    return look(id, List.of(display(id, "#{pane_pid}:#{session_id}:#{pane_id}")))
        .map(lines -> TOKEN.matcher(lines.getFirst()))
        .filter(Matcher::matches)
        .map(Matcher::group);
  }

  /**
   * The output lines of {@code queries} on the session, empty when there is no such session:
   * display-message alone answers even for a missing target, so has-session goes first in the
   * same call. A session found this way gets a control client, where the host keeps them.
   */
  private Optional<List<String>> look(Identity id, List<List<String>> queries) {
    Tmux tmux = tmux(id);
    if (!Files.exists(tmux.socket())) {
      return Optional.empty();
    }
    List<List<String>> commands = new ArrayList<>(List.of(List.of("has-session", "-t", Tmux.session(id))));
    commands.addAll(queries);
    Result r = onSession(tmux, commands);
    if (!r.ok() || r.out().isEmpty()) {
      return Optional.empty();
    }
    control.ifPresent(c -> c.attachSoon(tmux.socket(),
        () -> ControlClient.attach(tmux.client(), Tmux.session(id), clientEnv(), TIMEOUT)));
    return Optional.of(r.out().lines().toList());
  }

  private static List<String> display(Identity id, String format) {
    return List.of("display-message", "-p", "-t", Tmux.pane(id), format);
  }

  private static List<String> clients(Identity id) {
    return List.of("list-clients", "-t", Tmux.session(id), "-F", "#{client_flags}");
  }

  /** Whether any of these clients (their flags, a line each) shows the pane to someone. */
  private static boolean watched(List<String> clientFlags) {
    return clientFlags.stream()
        .anyMatch(flags -> !flags.isBlank() && !List.of(flags.split(",")).contains(ControlClient.NO_OUTPUT));
  }

  @Override
  public boolean clientAttached(Identity id) {
    Tmux tmux = tmux(id);
    if (!Files.exists(tmux.socket())) {
      return false;
    }
    List<List<String>> commands = List.of(clients(id));
    Result r = onSession(tmux, commands);
    return r.ok() && watched(r.out().lines().toList());
  }

  /** {@code commands} in one call: through the server's control client when ready, else a client process. */
  private Result onSession(Tmux tmux, List<List<String>> commands) {
    return onControl(tmux, commands).orElseGet(() -> tmux.sequence(commands));
  }

  /** Runs {@code commands} through the server's control client, empty when it has none ready. */
  private Optional<Result> onControl(Tmux tmux, List<List<String>> commands) {
    return control.flatMap(c -> c.ready(tmux.socket())).flatMap(c -> c.run(commands));
  }

  /** One command on the session, through its control client when ready; a failure throws. */
  private Result require(Identity id, List<String> command) {
    Tmux tmux = tmux(id);
    Result r = onSession(tmux, List.of(command));
    if (!r.ok()) {
      throw new TmuxException(command.getFirst(), r.failure());
    }
    return r;
  }

  /** What a control client runs with: ours, without a TMUX that would make it a nested client. */
  private Map<String, String> clientEnv() {
    return layout.env().without("TMUX", "TMUX_PANE").vars();
  }

  @Override
  public AttachInvocation attachCommand(Identity id) {
    Tmux tmux = tmux(id);
    return new AttachInvocation(
        List.of(Tmux.PROGRAM, "-S", tmux.socket().toString(), "attach", "-t", Tmux.session(id)), clientEnv());
  }

  /** The identity's server, refusing a socket path the kernel would cut (06 D7). */
  private Tmux tmux(Identity id) {
    Path socket = layout.sockDir().toAbsolutePath().resolve(id.socketFileName());
    int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SOCKET_BYTES) {
      throw new IapException("tmux socket path " + socket + " is " + bytes + " bytes, over the "
          + MAX_SOCKET_BYTES + " a unix socket allows; set IAPEER_SOCK_DIR to a shorter directory");
    }
    return new Tmux(runner, socket);
  }

  /** Logs are private (03 §1.2): created 0600 here, then appended to by tmux's children. */
  private static Path privateFile(Path file) {
    try {
      Files.createFile(file, Modes.attr(Modes.PRIVATE));
    } catch (FileAlreadyExistsException e) {
      // Shared across the identity's sessions: appended to, never replaced.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static void deleteSocket(Tmux tmux) {
    try {
      Files.deleteIfExists(tmux.socket());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the tmux socket " + tmux.socket() + ": " + e.getMessage(), e);
    }
  }
}
