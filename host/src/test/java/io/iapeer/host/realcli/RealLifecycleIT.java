package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.testing.LifecycleHarness;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle with the real Claude Code against the fake model API: a peer put to sleep by the
 * idle reap is resumed by a message on its topic — the model's next request carries the earlier
 * conversation — and starts fresh on a new topic, with no earlier turn.
 */
class RealLifecycleIT {
  static final String API_KEY = "sk-ant-iapeer-test-0123456789abcdefghij";
  static final Identity PEER = new Identity("claude", "project");

  @TempDir Path tmp;
  LifecycleHarness h;
  FakeModelServer model;

  @BeforeEach
  void setUp() throws Exception {
    RealClis.assumeInstalled();
    model = FakeModelServer.start().defaultText("noted");
    h = new LifecycleHarness(tmp);
    ClaudeHome.prepare(h.sb.home, API_KEY);
    h.sb.env("IAPEER_CLAUDE_BIN", RealClis.claude().toString())
        .env("PATH", RealClis.path())
        .env("ANTHROPIC_BASE_URL", model.anthropicBaseUrl())
        .env("ANTHROPIC_API_KEY", API_KEY)
        .env("DISABLE_AUTOUPDATER", "1")
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        // the peer's MCP wiring points at a port nobody listens on: no daemon in this test
        .env("IAPEER_PORT", Integer.toString(freePort()))
        .env("IAPEER_BOOT_DEADLINE_SECS", "90")
        .env("IAPEER_READY_GATE_SECS", "60")
        .env("IAPEER_IDLE_SECS", "2");
    h.peer("project", "claude");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (h != null) {
      h.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void wake(Lifecycle lc, String task, String topic) {
    Waker.Result r = lc.waker().wake(Waker.Request.message("project", Optional.empty(), Optional.of(topic), task));
    assertThat(r.ready()).as(r.reason().orElse("")).isTrue();
    assertThat(r.woke()).isTrue();
  }

  private void idleReap(Lifecycle lc) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      lc.supervisePass().run();
      return lc.markers().idleReaped(PEER);
    });
    assertThat(lc.sessions().host().alive(PEER)).isFalse();
  }

  /** The conversation of the model request that carried {@code text} as its newest user turn. */
  private List<String> requestFor(String text) {
    // READY means the transcript has the message; the model's request follows it
    return await().alias("the model sees \"" + text + "\"").atMost(Duration.ofSeconds(30))
        .until(() -> model.turns().stream()
            .filter(q -> q.conversationTexts().stream().anyMatch(t -> t.contains(text)))
            .findFirst(), Optional::isPresent)
        .orElseThrow().conversationTexts();
  }

  @Test
  void aParkedPeerResumesOnItsTopicAndStartsFreshOnANewOne() {
    Lifecycle lc = h.lifecycle();
    wake(lc, "remember the word pelican", "birds");
    assertThat(requestFor("remember the word pelican")).isNotEmpty();

    idleReap(lc);
    wake(lc, "which word did I ask you to remember?", "birds");

    assertThat(requestFor("which word did I ask you to remember?"))
        .as("the resumed session sends the earlier conversation").anyMatch(t -> t.contains("pelican"));
    assertThat(h.lifecycleLog()).contains("mode=resume cause=idle-reaped-resume");

    idleReap(lc);
    wake(lc, "let us talk about trout", "fish");

    assertThat(requestFor("let us talk about trout"))
        .as("a fresh session has no earlier turns").noneMatch(t -> t.contains("pelican"));
    assertThat(h.lifecycleLog()).contains("mode=fresh cause=idle-reaped-new-topic");
  }
}
