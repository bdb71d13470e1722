package io.iapeer.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who is calling: the header of 02 §8.4 (case 27) and {@code --from} of §12, on a registry. */
class CallersTest {
  static PeerRecord peer(String personality, String runtime, String... more) {
    return new PeerRecord(personality, runtime, List.of(more), "", Intelligence.ARTIFICIAL, Optional.empty(),
        "/work/" + personality, Optional.empty());
  }

  static final RegistrySnapshot REGISTRY = new RegistrySnapshot(RegistrySnapshot.VERSION, List.of(
      peer("boris", "claude"), peer("nova", "telegram"), peer("company-checker", "claude", "codex")));

  @ParameterizedTest(name = "{0}")
  @CsvSource({"claude-boris,claude,boris", "telegram-nova,telegram,nova",
      "claude-company-checker,claude,company-checker", "codex-company-checker,codex,company-checker"})
  void theHeaderSplitsAtItsFirstDash(String header, String runtime, String personality) {
    assertThat(Callers.fromHeader(header, REGISTRY).address()).isEqualTo(new Identity(runtime, personality));
  }

  @Test
  void theHeaderIsTrimmed() {
    assertThat(Callers.fromHeader("  claude-boris\t", REGISTRY).address()).isEqualTo(new Identity("claude", "boris"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"", "  ", "noseparator", "-boris", "claude-", "Claude-boris", "claude-Boris", "cl aude-boris"})
  void aMalformedHeaderIsRefusedWithTheSpecText(String header) {
    assertThatThrownBy(() -> Callers.fromHeader(header, REGISTRY))
        .isInstanceOf(IapException.class)
        .hasMessage("missing or malformed x-iapeer-identity header — expected \"<runtime>-<personality>\"");
  }

  @Test
  void noHeaderAtAllIsTheSame() {
    assertThatThrownBy(() -> Callers.fromHeader(null, REGISTRY)).hasMessageStartingWith("missing or malformed");
  }

  @Test
  void fromHasItsOwnParseTextsThenTheCallerChecks() {
    assertThatThrownBy(() -> Callers.fromFlag("boris", REGISTRY))
        .hasMessage("invalid --from identity \"boris\" — expected <runtime>-<personality>");
    assertThatThrownBy(() -> Callers.fromFlag("-boris", REGISTRY))
        .hasMessage("invalid --from identity \"-boris\" — expected <runtime>-<personality>");
    assertThatThrownBy(() -> Callers.fromFlag("Claude-boris", REGISTRY))
        .hasMessage("invalid runtime in --from \"Claude-boris\"");
    assertThatThrownBy(() -> Callers.fromFlag("claude-Boris", REGISTRY))
        .hasMessage("invalid caller personality \"Boris\" — must match /^[a-z][a-z0-9-]{0,31}$/");
    assertThatThrownBy(() -> Callers.fromFlag("claude-ghost", REGISTRY))
        .hasMessage("unknown caller \"ghost\" — not registered in peers-profiles.json");
    assertThatThrownBy(() -> Callers.fromFlag("codex-boris", REGISTRY))
        .hasMessage("runtime \"codex\" is not declared for caller \"boris\" (declared: claude)");
    assertThat(Callers.fromFlag("codex-company-checker", REGISTRY).cwd()).isEqualTo("/work/company-checker");
  }
}
