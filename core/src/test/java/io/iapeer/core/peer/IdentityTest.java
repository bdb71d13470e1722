package io.iapeer.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §4 and acceptance case 6. */
class IdentityTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource({
    "claude-code-reviewer, claude, code-reviewer",
    "codex-alice, codex, alice",
    "tele-gram-x, tele, gram-x"
  })
  void parseSplitsAtTheFirstDash(String input, String runtime, String personality) {
    assertThat(Identity.parse(input)).contains(new Identity(runtime, personality));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"claude", "-alice", "claude-", "Claude-alice", "claude-Alice", "cl_aude-x"})
  void theseAreNotIdentities(String input) {
    assertThat(Identity.parse(input)).isEmpty();
  }

  @Test
  void parseDoesNotNormalizeOrTrim() {
    assertThat(Identity.parse("claude-alice\n")).isEmpty();
    assertThat(Identity.parse(" claude-alice")).isEmpty();
    assertThat(Identity.parse(null)).isEmpty();
  }

  @Test
  void theAddressIsRuntimeDashPersonality() {
    Identity id = new Identity("claude", "code-reviewer");
    assertThat(id.address()).isEqualTo("claude-code-reviewer");
    assertThat(id).hasToString("claude-code-reviewer");
  }

  @Test
  void anIdentityCannotHoldAnInvalidPart() {
    assertThatThrownBy(() -> new Identity("no-dash", "alice")).isInstanceOf(IapException.class);
    assertThatThrownBy(() -> new Identity("claude", "Alice")).isInstanceOf(IapException.class);
  }

  @Test
  void socketFileNameIsTmuxIapIdentityDotSock() {
    assertThat(new Identity("claude", "code-reviewer").socketFileName())
        .isEqualTo("tmux-iap-claude-code-reviewer.sock");
  }

  @Test
  void theSocketPathExampleParsesToClaudeAndCodeReviewer() {
    Path sock = Path.of("/tmp/tmux-iap-claude-code-reviewer.sock");
    assertThat(Identity.fromSocketFileName(sock.getFileName().toString()))
        .contains(new Identity("claude", "code-reviewer"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tmux-iap-claude.sock",
        "tmux-iap-Claude-alice.sock",
        "tmux-iap-claude-alice.sock.bak",
        "tmux-iap-claude-alice.sock\n",
        "x-tmux-iap-claude-alice.sock",
        "router.sock"
      })
  void otherFileNamesAreNotSessionSockets(String name) {
    assertThat(Identity.fromSocketFileName(name)).isEmpty();
  }

  @Test
  void aSocketFileNameRoundTrips() {
    Identity id = new Identity("codex", "notifier-timer");
    assertThat(Identity.fromSocketFileName(id.socketFileName())).contains(id);
  }
}
