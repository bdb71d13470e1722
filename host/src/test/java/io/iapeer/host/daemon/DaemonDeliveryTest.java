package io.iapeer.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.settings.Settings;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.route.DeliveryRouter;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.McpClients;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with the real delivery path, end to end on real tmux with the fake agent: an agent's
 * {@code send_to_peer} wakes a sleeping peer with the message, then reaches it live; {@code iapeer
 * send} goes through the same daemon; a stopped peer is refused without a session.
 */
class DaemonDeliveryTest {
  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Sandbox sb;
  DeliveryRouter router;
  Daemon daemon;

  @BeforeEach
  void host() {
    sb = new Sandbox(tmp);
    FakeAgentInstall.Installed fake = FakeAgentInstall.into(tmp.resolve("fake-bin"));
    // The fake agent's own needs, as the route tests give it: a UTF-8 locale and the system tools.
    sb.env("IAPEER_CLAUDE_BIN", fake.claude().toString()).env("IS_SANDBOX", "1")
        .env("LANG", "C.UTF-8").env("PATH", sb.bin + ":/usr/bin:/bin");
    assertThat(sb.run("create", "lena", "--runtime", "claude").code()).isZero();
    assertThat(sb.run("create", "nova", "--runtime", "claude").code()).isZero();
    Settings settings = sb.settingsWithPort(0);
    router = DeliveryRouter.forDaemon(sb.layout(), settings, id -> { });
    daemon = Daemon.start(Daemon.Config.of(sb.layout(), settings, "t"), router, stderr.log());
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    TmuxServers.killAll(sb.layout().sockDir());
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  private List<String> deliveryLog() {
    try {
      return Files.readAllLines(sb.layout().deliveryLog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String transcripts(String personality) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path f : new Adapters(sb.layout()).of("claude").transcriptFiles(sb.layout().defaultPeerFolder(personality))) {
      all.append(Files.readString(f));
    }
    return all.toString();
  }

  @Test
  void anAgentsSendWakesTheSleeperThenReachesItLiveAndTheCliGoesThroughTheSameDaemon() throws Exception {
    try (McpSyncClient lena = McpClients.of(daemon.tcpUrl().orElseThrow(), "claude-lena", Duration.ofMinutes(5))) {
      lena.initialize();
      CallToolResult woke = lena.callTool(new CallToolRequest("send_to_peer",
          Map.of("personality", "nova", "message", "first, while you slept")));
      assertThat(woke.isError()).as(text(woke)).isNotEqualTo(Boolean.TRUE);
      @SuppressWarnings("unchecked")
      Map<String, Object> w = (Map<String, Object>) woke.structuredContent();
      assertThat(w).containsEntry("woke", true)
          .containsEntry("delivered_to", Map.of("personality", "nova", "runtime", "claude"));

      CallToolResult live = lena.callTool(new CallToolRequest("send_to_peer",
          Map.of("personality", "nova", "message", "second, while you are up", "topic", "e2e")));
      assertThat(live.isError()).as(text(live)).isNotEqualTo(Boolean.TRUE);
      @SuppressWarnings("unchecked")
      Map<String, Object> l = (Map<String, Object>) live.structuredContent();
      assertThat(l).containsEntry("woke", false).doesNotContainKey("queued");
    }

    Sandbox.Run cli = sb.run("send", "nova", "--message", "third, from the operator", "--from", "claude-lena");
    assertThat(cli.err()).isEmpty();
    // nova may still be on its turn for the second message: then Claude queues the third itself.
    assertThat(cli.out()).isIn("delivered to nova (claude)\n",
        "queued for nova (claude), depth 1 — the session takes it when its running turn ends\n");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(transcripts("nova"))
        .contains("first, while you slept", "second, while you are up", "third, from the operator"));
    assertThat(deliveryLog()).hasSize(3);
    assertThat(deliveryLog().get(0))
        .contains("ev=delivery path=mcp caller=claude-lena to=nova ok=true via=claude-nova woke=true");
    assertThat(deliveryLog().get(1)).contains("ok=true via=claude-nova woke=false").contains("topic=e2e");
    assertThat(deliveryLog().get(2)).contains("path=cli caller=claude-lena to=nova ok=true");
  }

  @Test
  void aStoppedPeerIsRefusedAndNoSessionStarts() throws Exception {
    Path flag = sb.layout().lifecycleStateDir().resolve("claude-nova.stopped");
    Files.createDirectories(flag.getParent());
    Files.writeString(flag, "");
    try (McpSyncClient lena = McpClients.of(daemon.tcpUrl().orElseThrow(), "claude-lena")) {
      lena.initialize();
      CallToolResult r =
          lena.callTool(new CallToolRequest("send_to_peer", Map.of("personality", "nova", "message", "m")));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("stopped");
    }
    assertThat(sb.layout().sockDir().resolve("tmux-iap-claude-nova.sock")).doesNotExist();
  }
}
