package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.ManagedPeers;
import io.iapeer.host.testing.InMemorySessionHost;
import io.iapeer.host.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery hooks as lifecycle markers (02 §9.7, 03 §9.5, §9.11). */
class LifecycleHooksTest {
  static final Instant NOW = Instant.parse("2026-06-06T10:00:00Z");

  @TempDir Path tmp;
  RouteFixture fx;
  Lifecycle lc;
  LifecycleHooks hooks;

  @BeforeEach
  void setUp() {
    fx = new RouteFixture(tmp, tmp.resolve("socks"));
    fx.peer("lena", "claude").peer("w", "claude");
    lc = Lifecycle.of(fx.layout(), fx.settings(), fx.sessions(new InMemorySessionHost()), new TestClock(NOW),
        ManagedPeers.NONE, r -> { });
    hooks = new LifecycleHooks(lc);
  }

  @Test
  void aReplyFromAnEphemeralWorkerArmsItsQuietReap_anyoneElsesDoesNot() {
    fx.ephemeral("w");

    hooks.onDelivered(fx.caller("claude-w"));
    hooks.onDelivered(fx.caller("claude-lena"));

    assertThat(lc.markers().has(new Identity("claude", "w"), Flag.EPHEMERAL_ARMED)).isTrue();
    assertThat(lc.markers().has(new Identity("claude", "lena"), Flag.EPHEMERAL_ARMED)).isFalse();
  }

  @Test
  void aTopicNoteIsLoggedOnlyWhenItChangesTheSet() throws Exception {
    Identity lena = new Identity("claude", "lena");

    hooks.topicNote(lena, " deploy ");
    hooks.topicNote(lena, "deploy");

    assertThat(lc.topics().list(lena)).containsExactly("deploy");
    assertThat(Files.readString(fx.layout().eventLogDir().resolve("lifecycle.log")))
        .isEqualTo("ts=2026-06-06T10:00:00.000Z ev=topic-note identity=claude-lena topic=deploy\n");
  }

  @Test
  void theDeliveredStampIsTheClocksMillis() throws Exception {
    hooks.delivered(new Identity("claude", "lena"));
    assertThat(lc.markers().lastDelivered(new Identity("claude", "lena"))).isEqualTo(NOW.toEpochMilli());
  }
}
