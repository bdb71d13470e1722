package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance cases 27–28 of 01 §20: the daemon knows a caller from the registry alone (§13.2). */
class CallerTest {
  @TempDir Path tmp;
  Sandbox box;
  Path borisCwd;

  @BeforeEach
  void register() {
    box = new Sandbox(tmp);
    borisCwd = box.folder("boris");
    box.registry.upsert(UpsertRequest.of("boris", "claude", borisCwd).withDescription("Reviewer."));
    box.registry.upsert(
        UpsertRequest.of("nova", "telegram", box.folder("nova")).withRuntimes(List.of("claude")));
  }

  @Test
  void case27_a_declared_caller_resolves_to_its_address_registry_cwd_and_nature() {
    RegistrySnapshot registry = box.registry.read();

    Caller boris = Caller.resolve("boris", "claude", registry);
    assertThat(boris.address()).isEqualTo(new Identity("claude", "boris"));
    assertThat(boris.address().address()).isEqualTo("claude-boris");
    assertThat(boris.cwd())
        .isEqualTo(borisCwd.toString())
        .isNotEqualTo(System.getProperty("user.dir"));
    assertThat(boris.intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
    assertThat(boris.description()).isEqualTo("Reviewer.");
    assertThat(boris.record()).isEqualTo(registry.find("boris").orElseThrow());

    assertThat(Caller.resolve("nova", "telegram", registry).address().address())
        .isEqualTo("telegram-nova");
    assertThat(Caller.resolve("nova", "claude", registry).address().address())
        .isEqualTo("claude-nova");
  }

  @Test
  void case28_unknown_undeclared_and_invalid_callers_are_refused() {
    RegistrySnapshot registry = box.registry.read();

    assertThatThrownBy(() -> Caller.resolve("ghost", "claude", registry))
        .isInstanceOf(IapException.class)
        .hasMessage("unknown caller \"ghost\" — not registered in peers-profiles.json");
    assertThatThrownBy(() -> Caller.resolve("boris", "codex", registry))
        .isInstanceOf(IapException.class)
        .hasMessage("runtime \"codex\" is not declared for caller \"boris\" (declared: claude)");
    assertThatThrownBy(() -> Caller.resolve("Bad Name", "claude", registry))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("invalid caller personality \"Bad Name\" — must match");
    assertThatThrownBy(() -> Caller.resolve("boris", "Claude", registry))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("caller runtime must be a runtime id");
  }
}
