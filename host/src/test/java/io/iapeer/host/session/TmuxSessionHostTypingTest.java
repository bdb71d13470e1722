package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.session.CommandRunner.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and typing into a live session on real tmux (03 §7.1 steps 1–3, §7.2). */
class TmuxSessionHostTypingTest {
  static final Identity ID = new Identity("sh", "demo");
  /** An envelope's awkward parts: CDATA end, the closing tag, both quotes, non-ASCII, a final ';'. */
  private static final String ENVELOPE = "<iap from=\"a\">\n<![CDATA[x ]]> 'y'\n</iap> héllo ✓ end;";

  @TempDir Path temp;
  TmuxSandbox tmux;
  SessionHost host;

  @BeforeEach
  void setUp() throws Exception {
    tmux = new TmuxSandbox(temp);
    host = host(tmux);
  }

  @AfterEach
  void tearDown() throws Exception {
    tmux.close();
  }

  /** The host under test. */
  SessionHost host(TmuxSandbox sandbox) {
    return sandbox.host;
  }

  /** Starts the session that the test reads and types into. */
  void start(SessionSpec spec) {
    host.start(spec);
  }

  /** A program that asks for bracketed paste, then records every byte it receives in raw mode. */
  private Path startRecorder(boolean bracketed) {
    Path bytes = temp.resolve("bytes");
    String mode = bracketed ? "printf '\\033[?2004h'; " : "";
    start(tmux.spec(ID, "/bin/sh", "-c",
        "stty raw -echo; " + mode + "echo recording; exec cat > \"$0\"", bytes.toString()));
    await().until(() -> host.capture(ID).contains("recording"));
    return bytes;
  }

  private static String read(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  @Test
  void captureShowsWhatTheProgramPrinted() {
    start(tmux.spec(ID, "/bin/sh", "-c", "echo captured-text; exec cat"));

    await().until(() -> host.capture(ID).contains("captured-text"));
  }

  @Test
  void theStyledCaptureKeepsTheEscapesThatThePlainOneDrops() {
    start(tmux.spec(ID, "/bin/sh", "-c", "printf '\\033[2mghost\\033[0m typed\\n'; exec cat"));

    await().until(() -> host.capture(ID).contains("ghost typed"));
    assertThat(host.captureStyled(ID)).contains("\u001b[2mghost").contains("typed");
    assertThat(host.capture(ID)).doesNotContain("\u001b");
  }

  @Test
  void aTuiPasteIsOneBracketedBlockWithLfTurnedIntoCr() throws Exception {
    Path bytes = startRecorder(true);

    host.paste(ID, ENVELOPE, PasteMode.TUI);

    String expected = "\033[200~" + ENVELOPE.replace('\n', '\r') + "\033[201~";
    await().until(() -> read(bytes).equals(expected));
  }

  @Test
  void aRouterPasteKeepsLf() throws Exception {
    Path bytes = startRecorder(true);

    host.paste(ID, ENVELOPE, PasteMode.ROUTER);

    await().until(() -> read(bytes).equals("\033[200~" + ENVELOPE + "\033[201~"));
  }

  @Test
  void anUnbracketedPasteIsTheBareText() throws Exception {
    Path bytes = startRecorder(true);

    host.paste(ID, "plain\ntext", new PasteMode(false, true));

    await().until(() -> read(bytes).equals("plain\ntext"));
  }

  @Test
  void catVShowsThePasteMarkersAndEveryLine() {
    start(tmux.spec(ID, "/bin/sh", "-c", "printf '\\033[?2004h'; echo ready; exec cat -v"));
    await().until(() -> host.capture(ID).contains("ready"));

    host.paste(ID, ENVELOPE, PasteMode.TUI);
    host.sendKeys(ID, "Enter");

    await().until(() -> host.capture(ID).contains("end;^[[201~"));
    assertThat(host.capture(ID))
        .contains("^[[200~<iap from=\"a\">", "<![CDATA[x ]]> 'y'", "</iap> hM-CM-)llo")
        .contains("</iap> héllo ✓ end;");
  }

  @Test
  void namedKeysSendTheirBytesAndLiteralTextIsNotReadAsKeyNames() throws Exception {
    Path bytes = startRecorder(false);

    host.sendLiteral(ID, "-a;");
    host.sendKeys(ID, "Enter");
    host.sendKeys(ID, "C-j", "Escape");
    host.sendLiteral(ID, "Enter");

    await().until(() -> read(bytes).equals("-a;\r\n\033Enter"));
  }

  @Test
  void typingIntoADeadSessionFailsNamingTheTmuxCommand() {
    assertThatThrownBy(() -> host.sendKeys(ID, "Enter")).hasMessageStartingWith("tmux send-keys failed: ");
    assertThatThrownBy(() -> host.capture(ID)).hasMessageStartingWith("tmux capture-pane failed: ");
    assertThatThrownBy(() -> host.paste(ID, "x", PasteMode.TUI)).hasMessageStartingWith("tmux paste-buffer failed: ");
  }

  @Test
  void aFailedPasteDeletesItsBuffer() {
    host.start(tmux.spec(ID, "cat"));
    ProcessCommandRunner real = new ProcessCommandRunner(Duration.ofSeconds(10));
    // load-buffer works; paste-buffer is aimed at a pane that does not exist.
    SessionHost misaimed = new TmuxSessionHost(tmux.layout,
        c -> real.run(c.argv().contains("paste-buffer") ? aimedAtNobody(c) : c));

    assertThatThrownBy(() -> misaimed.paste(ID, "x", PasteMode.TUI))
        .hasMessageStartingWith("tmux paste-buffer failed: ");
    assertThat(tmux.tmux(ID, "list-buffers")).isEmpty();
  }

  private static Command aimedAtNobody(Command c) {
    return new Command(c.argv().stream().map(a -> a.equals("=sh-demo:") ? "=nobody:" : a).toList(), c.env(), c.stdin());
  }
}
