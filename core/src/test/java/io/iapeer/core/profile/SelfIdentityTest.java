package io.iapeer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.settings.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 01 §12.1 runtime resolution and §13.1 identity resolution in a peer process. */
class SelfIdentityTest {
  @TempDir Path tmp;
  Path boris;

  @BeforeEach
  void profile() throws IOException {
    boris = Files.createDirectories(tmp.resolve("boris/.iapeer")).getParent();
    Files.writeString(boris.resolve(".iapeer/peer-profile.json"),
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\",\"codex\"]}");
  }

  @Test
  void theProfileAloneGivesItsDefaultRuntime() {
    assertThat(SelfIdentity.resolve(boris, Env.of()).address().address()).isEqualTo("claude-boris");
  }

  @Test
  void peerIdentityChoosesTheRuntimeOfThisSession() {
    Env env = Env.of("PEER_IDENTITY", "codex-boris", "PEER_PERSONALITY", "boris", "PEER_RUNTIME", "codex");
    assertThat(SelfIdentity.resolve(boris, env).address().address()).isEqualTo("codex-boris");
  }

  @Test
  void aPeerPersonalityOfAnotherPeerIsRefused() {
    assertThatThrownBy(() -> SelfIdentity.resolve(boris, Env.of("PEER_PERSONALITY", "maria")))
        .hasMessage("PEER_PERSONALITY must match .iapeer/peer-profile.json personality \"boris\", got \"maria\"");
  }

  @Test
  void aPeerIdentityThatIsNotRuntimeDashPersonalityIsRefused() {
    assertThatThrownBy(() -> SelfIdentity.resolve(boris, Env.of("PEER_IDENTITY", "claude-maria")))
        .hasMessageContaining("PEER_IDENTITY must equal PEER_RUNTIME + \"-\" + PEER_PERSONALITY (claude-boris)");
  }

  @Test
  void withoutAProfileThereIsNoIdentity() {
    assertThatThrownBy(() -> SelfIdentity.resolve(tmp, Env.of()))
        .hasMessageContaining("cannot resolve identity without .iapeer/peer-profile.json");
  }

  @Test
  void runtimeResolutionOrderWithoutAProfile() {
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("PEER_RUNTIME", "codex"))).isEqualTo("codex");
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("CODEX_THREAD_ID", "t", "CLAUDECODE", "1"))).isEqualTo("codex");
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("CODEX_SANDBOX", "seatbelt"))).isEqualTo("codex");
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("CLAUDECODE", "1"))).isEqualTo("claude");
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("CLAUDE_CODE_SESSION_ID", "s"))).isEqualTo("claude");
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("PEER_IDENTITY", "telegram-nova", "PEER_RUNTIME", "codex")))
        .isEqualTo("telegram");
    // An identity whose runtime part is not a runtime id is skipped, not trusted.
    assertThat(SelfIdentity.runtime(Optional.empty(), Env.of("PEER_IDENTITY", "Bad-x", "PEER_RUNTIME", "codex")))
        .isEqualTo("codex");
  }

  @Test
  void anInvalidPeerRuntimeOrNothingAtAllIsAnError() {
    assertThatThrownBy(() -> SelfIdentity.runtime(Optional.empty(), Env.of("PEER_RUNTIME", "Claude")))
        .hasMessage("PEER_RUNTIME must be a runtime id matching /^[a-z][a-z0-9]{0,31}$/, got \"Claude\"");
    assertThatThrownBy(() -> SelfIdentity.runtime(Optional.empty(), Env.of()))
        .hasMessage("cannot resolve runtime, set PEER_RUNTIME or create .iapeer/peer-profile.json");
  }
}
