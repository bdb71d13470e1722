package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.testing.InMemorySessionHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runtime attach, new and compact pick when none is named, 03 §9.10 (case 50). */
class LiveTargetTest {
  final InMemorySessionHost host = new InMemorySessionHost();

  static PeerRecord peer(String dflt, String... runtimes) {
    return new PeerRecord("bob", dflt, List.of(runtimes), "", Intelligence.ARTIFICIAL, Optional.empty(), "/w",
        Optional.empty());
  }

  @Test
  void case50_theSoleRuntime_elseTheLiveDefault_elseTheOnlyLiveOne_elseTheDefault() {
    assertThat(LiveTarget.forAttach(peer("claude", "claude"), host)).isEqualTo("claude");

    PeerRecord both = peer("claude", "claude", "codex");
    assertThat(LiveTarget.forAttach(both, host)).as("nothing live").isEqualTo("claude");
    host.live(new Identity("codex", "bob"));
    assertThat(LiveTarget.forAttach(both, host)).as("only codex live").isEqualTo("codex");
    host.live(new Identity("claude", "bob"));
    assertThat(LiveTarget.forAttach(both, host)).as("the default live").isEqualTo("claude");
  }

  @Test
  void case50_aCodexDefaultIsTakenAndRepeatedCallsAgree() {
    PeerRecord codexFirst = peer("codex", "claude", "codex");
    assertThat(LiveTarget.forAttach(codexFirst, host)).isEqualTo("codex");
    assertThat(LiveTarget.forAttach(codexFirst, host)).isEqualTo("codex");
  }
}
