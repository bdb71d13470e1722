package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which runtime a wake brings up, 03 §9.2 step 4 (case 29). */
class RuntimePickTest {
  static RuntimePick pick(Optional<String> explicit, String dflt, List<String> declared) {
    return RuntimePick.of("bob", explicit, dflt, declared);
  }

  @Test
  void case29_explicitDeclaredWins() {
    assertThat(pick(Optional.of("codex"), "claude", List.of("claude", "codex")))
        .isEqualTo(new RuntimePick.Chosen("codex"));
  }

  @Test
  void case29_anExplicitUndeclaredOrInvalidRuntimeIsRefused() {
    assertThat(pick(Optional.of("codex"), "claude", List.of("claude")))
        .isEqualTo(new RuntimePick.Refused("runtime \"codex\" is not declared for \"bob\""));
    assertThat(pick(Optional.of("Co-dex"), "claude", List.of("claude")))
        .isEqualTo(new RuntimePick.Refused("invalid runtime \"Co-dex\""));
  }

  @Test
  void case29_withoutOneTheDefault_elseTheFirstDeclared_elseNothing() {
    assertThat(pick(Optional.empty(), "codex", List.of("claude", "codex"))).isEqualTo(new RuntimePick.Chosen("codex"));
    assertThat(pick(Optional.empty(), "", List.of("codex", "claude"))).isEqualTo(new RuntimePick.Chosen("codex"));
    assertThat(pick(Optional.empty(), "", List.of()))
        .isEqualTo(new RuntimePick.Refused("cannot pick a runtime to wake \"bob\"; specify runtime"));
  }
}
