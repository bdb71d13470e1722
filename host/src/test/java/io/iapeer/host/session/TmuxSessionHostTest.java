package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting sessions on real tmux (03 §5 steps 1–3, §6, 06 D1, D7). */
class TmuxSessionHostTest {
  private static final Identity ID = new Identity("sh", "demo");

  @TempDir Path temp;
  private TmuxSandbox tmux;
  private SessionHost host;

  @BeforeEach
  void setUp() throws Exception {
    tmux = new TmuxSandbox(temp);
    host = tmux.host;
  }

  @AfterEach
  void tearDown() throws Exception {
    tmux.close();
  }

  @Test
  void thePaneRunsInTheCwdWithExactlyTheComposedEnvironment() throws Exception {
    Path envFile = temp.resolve("env.txt");
    Map<String, String> env = new HashMap<>(tmux.env());
    env.put("PEER_VAR", "two words 'quoted' é");
    env.put("TMUX", "/tmp/elsewhere,1,0");
    env.put("TMUX_PANE", "%9");

    host.start(new SessionSpec(ID, tmux.cwd,
        List.of("/bin/sh", "-c", "env > \"$0.tmp\" && mv \"$0.tmp\" \"$0\"; exec cat", envFile.toString()), env));

    await().until(() -> Files.exists(envFile));
    List<String> lines = Files.readAllLines(envFile);
    assertThat(lines).contains("PEER_VAR=two words 'quoted' é", "HOME=" + tmux.home, "PWD=" + tmux.cwd);
    // surefire sets IAPEER_TEST_SANDBOX for this JVM; only the composed environment reaches the pane.
    assertThat(lines).noneMatch(l -> l.startsWith("IAPEER_TEST_SANDBOX="));
    // tmux sets its own TMUX and TMUX_PANE; the ones handed in are gone.
    assertThat(lines).contains("TMUX_PANE=%0").anyMatch(l -> l.startsWith("TMUX=" + tmux.socket(ID) + ","));
  }

  @Test
  void theSocketIsPerIdentityInAPrivateSockDir() throws Exception {
    Path nested = tmux.sockDir.resolve("s");
    SessionHost inNested =
        new TmuxSessionHost(Layout.from(tmux.layout.env().with("IAPEER_SOCK_DIR", nested.toString())));

    inNested.start(tmux.spec(ID, "cat"));

    assertThat(nested.resolve("tmux-iap-sh-demo.sock")).exists();
    assertThat(Files.getPosixFilePermissions(nested)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    inNested.kill(ID);
  }

  @Test
  void theScreenIs220By50AndCtrlRightBracketDetachesBesideTheDefaultKey() {
    host.start(tmux.spec(ID, "cat"));

    assertThat(tmux.tmux(ID, "display-message", "-p", "-t", "=sh-demo:", "#{window_width}x#{window_height}"))
        .isEqualTo("220x50\n");
    assertThat(tmux.tmux(ID, "list-keys", "-T", "root", "C-]")).contains("detach-client");
    assertThat(tmux.tmux(ID, "list-keys", "-T", "prefix", "d")).contains("detach-client");
  }

  @Test
  void aUsersTmuxConfDoesNotReachOurServer() throws Exception {
    Files.writeString(tmux.home.resolve(".tmux.conf"), "set -g prefix C-a\nset -g status off\nset -g base-index 5\n");

    host.start(tmux.spec(ID, "cat"));

    assertThat(tmux.tmux(ID, "display-message", "-p", "-t", "=sh-demo:", "#{prefix} #{status} #{window_index}"))
        .isEqualTo("C-b on 0\n");
  }

  @Test
  void startTearsDownAStaleServerOnTheSameSocket() throws Exception {
    tmux.tmux(ID, "new-session", "-d", "-s", "stale", "cat");
    assertThat(tmux.tmux(ID, "list-sessions", "-F", "#{session_name}")).isEqualTo("stale\n");

    host.start(tmux.spec(ID, "cat"));

    assertThat(tmux.tmux(ID, "list-sessions", "-F", "#{session_name}")).isEqualTo("sh-demo\n");
  }

  @Test
  void startReplacesALeftoverSocketFile() throws Exception {
    Files.writeString(tmux.socket(ID), "not a socket");

    host.start(tmux.spec(ID, "cat"));

    assertThat(host.alive(ID)).isTrue();
  }

  @Test
  void aLoneProgramRunsThroughTheShellQuoted() throws Exception {
    Path prog = temp.resolve("my 'odd' prog");
    Files.writeString(prog, "#!/bin/sh\necho lone-program-ran\nexec cat\n");
    Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwx------"));

    host.start(tmux.spec(ID, prog.toString()));

    await().until(() -> host.capture(ID).contains("lone-program-ran"));
  }

  @Test
  void argvElementsReachTheProgramUnchangedEvenWithATrailingSemicolon() {
    host.start(tmux.spec(ID, "/bin/sh", "-c", "echo \"[$0|$1]\"; exec cat", "x;", "#{session_name} $HOME"));

    await().until(() -> host.capture(ID).contains("[x;|#{session_name} $HOME]"));
  }

  @Test
  void aRefusedNewSessionSaysWhatTmuxSaid() {
    SessionSpec tooNarrow = new SessionSpec(ID, tmux.cwd, List.of("cat"), tmux.env(), 0, 50);

    assertThatThrownBy(() -> host.start(tooNarrow))
        .isInstanceOf(TmuxException.class)
        .hasMessage("tmux new-session failed: width too small");
  }

  @Test
  void aMissingFolderIsRefusedBeforeAnyTmuxWork() {
    Path gone = temp.resolve("gone");

    assertThatThrownBy(() -> host.start(new SessionSpec(ID, gone, List.of("cat"), tmux.env())))
        .isInstanceOf(IapException.class)
        .hasMessage("cannot start sh-demo: its folder " + gone + " is not a directory");
    assertThat(tmux.socket(ID)).doesNotExist();
  }

  @Test
  void aSocketPathOver107BytesIsRefusedNamingIapeerSockDir() {
    Path deep = Path.of("/tmp", "d".repeat(90));
    SessionHost deepHost = new TmuxSessionHost(Layout.from(tmux.layout.env().with("IAPEER_SOCK_DIR", deep.toString())));

    assertThatThrownBy(() -> deepHost.start(tmux.spec(ID, "cat")))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("IAPEER_SOCK_DIR")
        .hasMessageContaining(deep.resolve("tmux-iap-sh-demo.sock").toString());
    assertThatThrownBy(() -> deepHost.alive(ID)).hasMessageContaining("IAPEER_SOCK_DIR");
    assertThat(deep).doesNotExist();
  }

  @Test
  void aSocketPathOfExactly107BytesIsAccepted() {
    String name = ID.socketFileName();
    Path dir = tmux.sockDir.resolve("x".repeat(107 - tmux.sockDir.toString().length() - 2 - name.length()));
    SessionHost edge = new TmuxSessionHost(Layout.from(tmux.layout.env().with("IAPEER_SOCK_DIR", dir.toString())));
    assertThat(dir.resolve(name).toString()).hasSize(107);

    edge.start(tmux.spec(ID, "cat"));

    assertThat(edge.alive(ID)).isTrue();
    edge.kill(ID);
  }

  @Test
  void aliveFollowsTheSessionAndTheTokenTellsOneLaunchFromTheNext() {
    assertThat(host.alive(ID)).isFalse();
    assertThat(host.sessionToken(ID)).isEmpty();

    host.start(tmux.spec(ID, "cat"));

    assertThat(host.alive(ID)).isTrue();
    String first = host.sessionToken(ID).orElseThrow();
    assertThat(first).matches("\\d+:\\$\\d+:%\\d+");
    host.kill(ID);
    assertThat(host.sessionToken(ID)).isEmpty();

    host.start(tmux.spec(ID, "cat"));
    assertThat(host.sessionToken(ID)).hasValueSatisfying(t -> assertThat(t).isNotEqualTo(first));
    host.kill(ID);
  }

  @Test
  void anotherSessionOnTheSocketIsNotOurs() {
    tmux.tmux(ID, "new-session", "-d", "-s", "sh-demo2", "cat");

    assertThat(host.alive(ID)).isFalse();
    assertThat(host.sessionToken(ID)).isEmpty();
    assertThat(host.clientAttached(ID)).isFalse();
    assertThat(host.attachedIfAlive(ID)).isEmpty();
  }

  @Test
  void nobodyIsAttachedUntilAClientAttaches() throws Exception {
    assertThat(host.attachedIfAlive(ID)).as("no session").isEmpty();
    host.start(tmux.spec(ID, "cat"));
    assertThat(host.clientAttached(ID)).isFalse();
    assertThat(host.attachedIfAlive(ID)).contains(false);

    tmux.attachClient(ID);

    await().atMost(Duration.ofSeconds(10)).until(() -> host.clientAttached(ID));
    assertThat(host.attachedIfAlive(ID)).contains(true);
  }

  @Test
  void attachIsPlainTmuxAttachOnTheSocketWithoutTmuxInItsEnvironment() {
    AttachInvocation attach = host.attachCommand(ID);

    assertThat(attach.argv()).containsExactly("tmux", "-S", tmux.socket(ID).toString(), "attach", "-t", "=sh-demo");
    assertThat(attach.env()).containsEntry("HOME", tmux.home.toString()).doesNotContainKeys("TMUX", "TMUX_PANE");
  }
}
