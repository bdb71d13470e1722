package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.testing.InMemorySessionHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 02 §9.2: which live session a send goes to. */
class TargetsTest {
  private final InMemorySessionHost host = new InMemorySessionHost();
  private final PeerRecord nova = new PeerRecord("nova", "claude", List.of("claude", "telegram", "codex"), "",
      Intelligence.ARTIFICIAL, Optional.empty(), "/tmp", Optional.empty());

  private Targets.Resolved resolve(String runtime) {
    return Targets.resolve(host, nova, Optional.ofNullable(runtime));
  }

  private static Identity id(String rt) {
    return new Identity(rt, "nova");
  }

  @Test
  void anExplicitRuntimeIsLiveOrOfflineByItself() {
    host.live(id("claude"));
    assertThat(resolve("telegram")).isEqualTo(new Targets.Offline("peer offline: nova (telegram)"));
    host.live(id("telegram"));
    assertThat(resolve("telegram")).isEqualTo(new Targets.Live(id("telegram"), false));
  }

  @Test
  void theDefaultRuntimeWinsWhenLive() {
    host.live(id("claude"), id("codex"), id("telegram"));
    assertThat(resolve(null)).isEqualTo(new Targets.Live(id("claude"), false));
  }

  @Test
  void elseTheOneLiveRuntime() {
    host.live(id("codex"));
    assertThat(resolve(null)).isEqualTo(new Targets.Live(id("codex"), false));
  }

  @Test
  void noneLiveIsOffline() {
    assertThat(resolve(null)).isEqualTo(new Targets.Offline("peer offline: nova"));
  }

  @Test
  void severalLiveRuntimesAreListedSortedForTheSenderToChoose() {
    host.live(id("telegram"), id("codex"));
    assertThat(resolve(null))
        .isEqualTo(new Targets.Offline("nova is online in multiple runtimes (codex, telegram) — specify runtime"));
  }
}
