package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.session.CommandRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control-mode client on real tmux: what it carries, how it fails, and what it leaves alone. */
class ControlClientTest {
  private static final Identity ID = new Identity("sh", "demo");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path temp;
  private TmuxSandbox tmux;
  private Tmux client;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    tmux = new TmuxSandbox(temp);
    client = new Tmux(new ProcessCommandRunner(TIMEOUT), tmux.socket(ID));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    tmux.close();
  }

  private ControlClient attach() {
    Optional<ControlClient> c = ControlClient.attach(client.client(), Tmux.session(ID), tmux.env(), TIMEOUT);
    assertThat(c).as("attached").isPresent();
    opened.add(c.get());
    return c.get();
  }

  @Test
  void everyTextArrivesExactlyAsGiven() throws Exception {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = attach();
    Path saved = temp.resolve("saved");
    Random random = new Random(42);
    // tmux keeps no empty buffer, through a control client or not, so every text has a character.
    String alphabet = "aZ 09'\"\\$~#{};%\t\r\u001b\n-é✓😀";
    List<String> texts = new ArrayList<>(List.of("'", "\n", "-x", "%end 1 2 1", "#{pid} $HOME ~ end;",
        "<iap from=\"a\">\n<![CDATA[x ]]> 'y'\n</iap> héllo ✓ end;", "é✓😀\n'".repeat(4000)));
    for (int i = 0; i < 200; i++) {
      StringBuilder s = new StringBuilder();
      random.ints(1 + random.nextInt(60), 0, alphabet.length()).forEach(k -> s.appendCodePoint(alphabet.codePointAt(
          alphabet.offsetByCodePoints(0, k % alphabet.codePointCount(0, alphabet.length())))));
      texts.add(s.toString());
    }

    for (String text : texts) {
      Optional<Result> r = c.run(List.of(
          List.of("set-buffer", "-b", "t", "--", text), List.of("save-buffer", "-b", "t", saved.toString())));

      assertThat(r).contains(new Result(0, "", ""));
      assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  @Test
  void outputAndFailuresAreThoseOfAClientProcess() {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = attach();
    List<List<String>> ok = List.of(List.of("has-session", "-t", "=sh-demo"),
        List.of("display-message", "-p", "-t", "=sh-demo:", "#{session_name} #{pane_id}"),
        List.of("list-sessions", "-F", "#{session_name}"));
    List<List<String>> failing = List.of(List.of("set-buffer", "-b", "first", "x"),
        List.of("has-session", "-t", "=nobody"), List.of("set-buffer", "-b", "never", "x"));

    assertThat(c.run(ok)).contains(new Result(0, "sh-demo %0\nsh-demo\n", ""));
    Result failed = c.run(failing).orElseThrow();
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.failure()).isEqualTo(client.sequence(List.of(List.of("has-session", "-t", "=nobody"))).failure())
        .isEqualTo("can't find session: nobody");
    assertThat(tmux.tmux(ID, "list-buffers", "-F", "#{buffer_name}")).isEqualTo("first\n");
  }

  @Test
  void aNulCannotTravelOnALineSoTheCallerIsToldToUseAProcess() {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = attach();

    assertThat(c.run(List.of(List.of("set-buffer", "-b", "n", "a\0b")))).isEmpty();
    assertThat(c.open()).isTrue();
  }

  @Test
  void aCommandThatWentOutUnansweredFailsInsteadOfBeingHandedToAProcess() {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = ControlClient.attach(client.client(), Tmux.session(ID), tmux.env(), Duration.ofSeconds(2))
        .orElseThrow();
    opened.add(c);

    // wait-for answers at once but holds the client's queue until someone signals the channel:
    // the next command goes out and waits past the 2 s this client waits
    Optional<Result> r = c.run(List.of(List.of("wait-for", "never-signalled"), List.of("display-message", "-p", "x")));

    assertThat(r).isPresent();
    assertThat(r.get().exit()).isEqualTo(-1);
    assertThat(r.get().failure()).isEqualTo("the tmux control client ended before it answered");
    assertThat(c.open()).isFalse();
    assertThat(c.run(List.of(List.of("list-sessions")))).as("nothing sent now").isEmpty();
  }

  @Test
  void thereIsNoClientForAMissingSession() {
    tmux.host.start(tmux.spec(ID, "cat"));

    assertThat(ControlClient.attach(client.client(), "=nobody", tmux.env(), TIMEOUT)).isEmpty();
  }

  @Test
  void theClientEndsWithItsSession() {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = attach();

    tmux.host.kill(ID);

    await().until(() -> !c.open());
    assertThat(c.run(List.of(List.of("list-sessions")))).isEmpty();
  }

  @Test
  void theHostsClientNeitherSizesTheWindowNorCountsAsSomeoneWatching() throws Exception {
    TmuxSessionHost host = TmuxSessionHost.withControlClients(tmux.layout);
    opened.add(host::closeControlClients);
    host.start(tmux.spec(ID, "cat"));

    assertThat(host.attachedIfAlive(ID)).contains(false);
    await().until(() -> tmux.tmux(ID, "list-clients", "-F", "#{client_flags}").contains("no-output"));
    assertThat(tmux.tmux(ID, "display-message", "-p", "-t", "=sh-demo:", "#{window_width}x#{window_height}"))
        .isEqualTo("220x50\n");
    assertThat(host.clientAttached(ID)).isFalse();
    assertThat(host.attachedIfAlive(ID)).contains(false);
    assertThat(tmux.host.attachedIfAlive(ID)).as("a host without control clients").contains(false);

    tmux.attachClient(ID);

    await().until(() -> host.clientAttached(ID));
    assertThat(host.attachedIfAlive(ID)).contains(true);
  }

  @Test
  void whenTheHostsClientDiesAClientProcessAnswersAndANewClientIsAttached() {
    TmuxSessionHost host = TmuxSessionHost.withControlClients(tmux.layout);
    opened.add(host::closeControlClients);
    host.start(tmux.spec(ID, "/bin/sh", "-c", "echo shown; exec cat"));
    assertThat(host.alive(ID)).isTrue();
    await().until(() -> tmux.tmux(ID, "list-clients", "-F", "#{client_flags}").contains("no-output"));
    String pid = tmux.tmux(ID, "list-clients", "-F", "#{client_pid}").strip();

    ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();

    await().until(() -> tmux.tmux(ID, "list-clients").isEmpty());
    assertThat(host.capture(ID)).contains("shown");
    assertThat(host.sessionToken(ID)).isPresent();
    await().until(() -> !tmux.tmux(ID, "list-clients", "-F", "#{client_pid}").strip().matches("|" + pid));
  }

  @Test
  void theClientRunsWithTheGivenEnvironmentOnly() throws Exception {
    tmux.host.start(tmux.spec(ID, "cat"));
    ControlClient c = ControlClient.attach(client.client(), Tmux.session(ID), Map.of("PATH", "/usr/bin:/bin"), TIMEOUT)
        .orElseThrow();
    opened.add(c);

    String pid = tmux.tmux(ID, "list-clients", "-F", "#{client_pid}").strip();
    // no TMUX, no HOME, nothing of this JVM's: what tmux copies from a client into a session is ours to pick
    assertThat(Files.readString(Path.of("/proc", pid, "environ"))).isEqualTo("PATH=/usr/bin:/bin\0");
  }
}
