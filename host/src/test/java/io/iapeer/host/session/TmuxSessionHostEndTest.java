package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pane logs, exits.log, kill and death classification on real tmux (03 §5 steps 4–5, §6, §10). */
class TmuxSessionHostEndTest {
  private static final Identity ID = new Identity("sh", "demo");

  @TempDir Path temp;
  private TmuxSandbox tmux;
  private SessionHost host;
  private Path exitsLog;

  @BeforeEach
  void setUp() throws Exception {
    tmux = new TmuxSandbox(temp);
    host = tmux.host;
    exitsLog = tmux.layout.eventLogDir().resolve("exits.log");
  }

  @AfterEach
  void tearDown() throws Exception {
    tmux.close();
  }

  @Test
  void thePaneLogGrowsWithTheSessionsOutput() throws Exception {
    host.start(tmux.spec(ID, "cat"));
    host.logPane(ID);
    Path log = tmux.layout.paneLogDir().resolve("sh-demo.log");

    host.sendLiteral(ID, "first-line");
    host.sendKeys(ID, "Enter");
    await().until(() -> Files.readString(log).contains("first-line"));
    assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    long size = Files.size(log);
    host.sendLiteral(ID, "second-line");
    host.sendKeys(ID, "Enter");

    await().until(() -> Files.size(log) > size && Files.readString(log).contains("second-line"));
  }

  @Test
  void aProcessExitIsLoggedOnceToExitsLogAndEndsTheSession() throws Exception {
    // cat reads the terminal; C-d ends it and the shell exits 3.
    host.start(tmux.spec(ID, "/bin/sh", "-c", "cat; exit 3"));
    host.installExitHook(ID);

    host.sendKeys(ID, "C-d");

    await().until(() -> !host.alive(ID));
    // The hook ended the last session, so the server is gone; tmux leaves its socket file behind.
    await().until(() -> !Files.readString(exitsLog).isEmpty() && host.classifyDeath(ID) == Death.STALE_SOCKET);
    assertThat(Files.readAllLines(exitsLog)).singleElement().asString()
        .matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
            + " ev=session-exit identity=sh-demo dead_status=3 dead_signal=");
  }

  @Test
  void aSignalFillsDeadSignal() throws Exception {
    host.start(tmux.spec(ID, "/bin/sh", "-c", "exec cat"));
    host.installExitHook(ID);
    String pid = tmux.tmux(ID, "display-message", "-p", "-t", "=sh-demo:", "#{pane_pid}").strip();

    ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();

    await().until(() -> !host.alive(ID));
    await().until(() -> !Files.readString(exitsLog).isEmpty());
    assertThat(Files.readString(exitsLog)).endsWith(" dead_status= dead_signal=9\n");
  }

  @Test
  void aDeadPaneThatRemainsIsNotAlive() {
    host.start(tmux.spec(ID, "/bin/sh", "-c", "exec cat"));
    // Without the exit hook (start installs it server-wide) a dead pane stays in its session.
    tmux.tmux(ID, "set-hook", "-gu", "pane-died");
    String pid = tmux.tmux(ID, "display-message", "-p", "-t", "=sh-demo:", "#{pane_pid}").strip();

    ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();

    await().until(() -> !host.alive(ID));
    assertThat(tmux.tmux(ID, "has-session", "-t", "=sh-demo")).isEmpty();
  }

  @Test
  void theExitHookReachesAnExitsLogWhosePathNeedsQuoting() throws Exception {
    Path odd = temp.resolve("r #{x} $HOME \"q\" `b` \\");
    SessionHost oddHost = new TmuxSessionHost(Layout.from(tmux.layout.env().with("IAPEER_ROOT", odd.toString())));
    oddHost.start(tmux.spec(ID, "/bin/sh", "-c", "cat; exit 4"));
    oddHost.installExitHook(ID);

    oddHost.sendKeys(ID, "C-d");

    Path log = odd.resolve("logs/iapeer/exits.log");
    await().until(() -> !oddHost.alive(ID));
    await().until(() -> Files.exists(log) && Files.readString(log).contains("dead_status=4"));
  }

  @Test
  void killIsIdempotentWritesNoExitLineAndRemovesTheSocketWithTheLastSession() {
    host.start(tmux.spec(ID, "cat"));
    host.installExitHook(ID);

    host.kill(ID);

    assertThat(host.alive(ID)).isFalse();
    assertThat(tmux.socket(ID)).doesNotExist();
    assertThat(exitsLog).isEmptyFile();
    host.kill(ID);
    assertThat(host.classifyDeath(ID)).isEqualTo(Death.SOCKET_MISSING);
  }

  @Test
  void aServerWithAnotherSessionSurvivesTheKillAndTheDeathIsSessionGone() {
    host.start(tmux.spec(ID, "cat"));
    tmux.tmux(ID, "new-session", "-d", "-s", "other", "cat");

    host.kill(ID);

    assertThat(host.alive(ID)).isFalse();
    assertThat(tmux.tmux(ID, "list-sessions", "-F", "#{session_name}")).isEqualTo("other\n");
    assertThat(host.classifyDeath(ID)).isEqualTo(Death.SESSION_GONE);
    assertThat(Death.SESSION_GONE.tag()).isEqualTo("session-gone");
  }

  @Test
  void aKilledServerLeavesAStaleSocketThatKillCleansUp() {
    host.start(tmux.spec(ID, "cat"));
    String pid = tmux.tmux(ID, "display-message", "-p", "#{pid}").strip();

    ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();

    await().until(() -> !host.alive(ID));
    assertThat(host.classifyDeath(ID)).isEqualTo(Death.STALE_SOCKET);
    assertThat(Death.STALE_SOCKET.reason())
        .isEqualTo("tmux server dead — stale socket (SIGKILL class; check exits.log)");
    host.kill(ID);
    assertThat(tmux.socket(ID)).doesNotExist();
  }

  @Test
  void aNeverStartedSessionIsServerDeadWithoutASocket() {
    assertThat(host.classifyDeath(ID)).isEqualTo(Death.SOCKET_MISSING);
    assertThat(List.of(Death.SOCKET_MISSING.tag(), Death.SOCKET_MISSING.reason()))
        .containsExactly("server-dead", "tmux server gone (socket file missing)");
  }
}
