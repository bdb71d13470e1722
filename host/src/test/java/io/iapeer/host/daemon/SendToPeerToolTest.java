package io.iapeer.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Queued;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.SendRequest;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.McpClients;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code send_to_peer} tool as an agent sees it through the SDK's own MCP client over TCP
 * (02 §7, §8.4, cases 25–34, 41): identity, definition, caller resolution and the result shapes,
 * on a real daemon with a router that records what reached it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendToPeerToolTest {
  @TempDir static Path tmp;
  Sandbox sb;
  final RecordingRouter router = new RecordingRouter();
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Daemon daemon;
  String url;
  McpSyncClient boris;

  @BeforeAll
  void host() throws Exception {
    // boris is created while only claude is installed, so it declares claude alone.
    sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    assertThat(sb.installed("codex").run("create", "nova", "--runtime", "codex").code()).isZero();
    // A record as an older build wrote it: legacy intelligence "human" reads as natural (case 31).
    Path reg = sb.registry();
    Files.writeString(reg, Files.readString(reg).replaceFirst(
        "(\"personality\": \"nova\"[^}]*?\"intelligence\": )\"artificial\"", "$1\"human\""));
    daemon = Daemon.start(
        new Daemon.Config(sb.layout(), Optional.empty(), OptionalInt.of(0), false, Optional.empty(), "test"),
        router,
        stderr.log());
    url = daemon.tcpUrl().orElseThrow();
    boris = McpClients.of(url, "claude-boris");
    boris.initialize();
  }

  @AfterAll
  void stop() {
    boris.close();
    daemon.close();
  }

  @BeforeEach
  void fresh() {
    router.reset();
  }

  private CallToolResult call(McpSyncClient client, Map<String, Object> args) {
    return client.callTool(new CallToolRequest("send_to_peer", args));
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  // --- the server and its one tool ---

  @Test
  void initializeNamesTheServerAndCarriesTheExactInstructions() {
    try (McpSyncClient c = McpClients.of(url, null)) {
      InitializeResult init = c.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("iapeer");
      assertThat(init.serverInfo().version()).isEqualTo("0.0.0");
      assertThat(init.capabilities().tools()).isNotNull();
      assertThat(init.instructions())
          .isEqualTo(
              "Reply only when a message needs one — a question, task, request, or awaited result."
                  + " Skip bare acks/FYIs/thanks; they just loop. Silence is the right reply when nothing"
                  + " is asked.");
    }
  }

  @Test
  void exactlyOneToolIsListedWithoutNeedingAnIdentity() {
    try (McpSyncClient c = McpClients.of(url, null)) {
      c.initialize();
      assertThat(c.listTools().tools()).extracting(Tool::name).containsExactly("send_to_peer");
    }
  }

  @Test
  void theToolIsAlwaysLoadedAndAnnotatedAsAnOpenWorldWrite() {
    Tool t = boris.listTools().tools().get(0);
    assertThat(t.meta()).containsEntry("anthropic/alwaysLoad", true);
    assertThat(t.annotations().title()).isEqualTo("Send to IAP peer");
    assertThat(t.annotations().readOnlyHint()).isFalse();
    assertThat(t.annotations().destructiveHint()).isFalse();
    assertThat(t.annotations().idempotentHint()).isFalse();
    assertThat(t.annotations().openWorldHint()).isTrue();
  }

  @Test
  void theSchemaHasThePatternsAndLimitsOfTheSpec() {
    Map<String, Object> schema = boris.listTools().tools().get(0).inputSchema();
    assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false);
    assertThat(schema.get("required")).isEqualTo(List.of("personality", "message"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) schema.get("properties");
    assertThat(p).containsOnlyKeys("personality", "runtime", "message", "topic", "attachments");
    assertThat(p.get("personality")).containsEntry("type", "string").containsEntry("pattern", "^[a-z][a-z0-9-]{0,31}$");
    assertThat(p.get("runtime")).containsEntry("type", "string").containsEntry("pattern", "^[a-z][a-z0-9]{0,31}$");
    assertThat(p.get("message")).containsEntry("minLength", 1).containsEntry("maxLength", 16000);
    assertThat(p.get("topic")).containsEntry("type", "string").containsEntry("maxLength", 200);
    assertThat(p.get("attachments"))
        .containsEntry("type", "array")
        .containsEntry("maxItems", 20)
        .containsEntry("items", Map.of("type", "string"));
  }

  @Test
  void theDescriptionSaysWhatTheSpecRequiresAndNamesNoPeer() {
    Tool t = boris.listTools().tools().get(0);
    assertThat(t.description())
        .contains(
            "Send a message to a known iapeer peer", "wakes it and delivers there", "parallel to the default runtime")
        .doesNotContain("Known peers", "Runtimes:", "boris", "nova");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) t.inputSchema().get("properties");
    assertThat((String) p.get("runtime").get("description")).contains("wakes it warm-on-demand", "parallel session");
    assertThat((String) p.get("attachments").get("description"))
        .contains("copies each regular file", "sources may be deleted immediately");
  }

  // --- results ---

  @Test
  void aDeliveryIsOkWithWhereItLandedAndTheLocalTimestamp() throws Exception {
    Instant at = Instant.parse("2026-03-02T08:15:07Z");
    router.answer(new Accepted(new Identity("codex", "nova"), false, at, Optional.empty()));
    CallToolResult r = call(boris, Map.of("personality", "nova", "message", "Build is green."));
    assertThat(r.isError()).isNotEqualTo(Boolean.TRUE);
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) r.structuredContent();
    assertThat(value).containsEntry("ok", true).containsEntry("woke", false)
        .containsEntry("delivered_to", Map.of("personality", "nova", "runtime", "codex"))
        .doesNotContainKeys("queued", "queuedBy", "queueDepth");
    assertThat(OffsetDateTime.parse((String) value.get("ts")).toInstant()).isEqualTo(at);
    assertThat((String) value.get("ts")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
    assertThat(text(r))
        .isEqualTo("{\n  \"ok\": true,\n  \"delivered_to\": {\n    \"personality\": \"nova\",\n    \"runtime\":"
            + " \"codex\"\n  },\n  \"woke\": false,\n  \"ts\": \"" + value.get("ts") + "\"\n}");
  }

  @Test
  void aSendThatWokeItsTargetSaysSo() {
    router.answer(new Accepted(new Identity("codex", "nova"), true, Instant.now(), Optional.empty()));
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) call(boris, Map.of("personality", "nova", "message", "m"))
        .structuredContent();
    assertThat(value).containsEntry("woke", true);
  }

  @Test
  void aQueuedSendCarriesTheQueueAndItsDepth() {
    router.answer(
        new Accepted(new Identity("codex", "nova"), false, Instant.now(), Optional.of(new Queued("composer", 3))));
    CallToolResult r = call(boris, Map.of("personality", "nova", "message", "m"));
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) r.structuredContent();
    assertThat(value).containsEntry("ok", true).containsEntry("queued", true)
        .containsEntry("queuedBy", "composer").containsEntry("queueDepth", 3).containsEntry("woke", false);
    assertThat(text(r)).contains("\"queuedBy\": \"composer\"");
  }

  @Test
  void aRefusalIsAnErrorResultWithTheRoutersTextAndNothingElse() {
    router.answer(new Refused("peer offline: nova"));
    CallToolResult r = call(boris, Map.of("personality", "nova", "message", "m"));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("peer offline: nova");
    assertThat(r.structuredContent()).isNull();
  }

  @Test
  void theRouterGetsTheRegistrysCallerAndTheArgumentsAsSent() {
    call(boris, Map.of(
        "personality", "nova", "runtime", "codex", "message", "hi", "topic", "t", "attachments", List.of("/a", "/b")));
    RecordingRouter.Call c = router.only();
    assertThat(c.caller().address()).isEqualTo(new Identity("claude", "boris"));
    assertThat(c.caller().intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
    assertThat(c.caller().cwd()).isEqualTo(sb.layout().defaultPeerFolder("boris").toString());
    assertThat(c.request())
        .isEqualTo(new SendRequest("nova", Optional.of("codex"), "hi", Optional.of("t"), List.of("/a", "/b"), "mcp"));
  }

  @Test
  void wrongArgumentTypesAreCoercedNotRejected() {
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("personality", 42);
    args.put("message", List.of("x"));
    args.put("runtime", 7);
    args.put("topic", Map.of("a", 1));
    args.put("attachments", List.of(1, "/ok", true));
    router.answer(new Refused("send_to_peer requires non-empty \"personality\" and \"message\""));
    CallToolResult r = call(boris, args);
    assertThat(text(r)).isEqualTo("send_to_peer requires non-empty \"personality\" and \"message\"");
    assertThat(router.only().request())
        .isEqualTo(new SendRequest("", Optional.empty(), "", Optional.empty(), List.of("", "/ok", ""), "mcp"));
    router.reset();
    assertThat(call(boris, Map.of("personality", "nova", "message", "m", "attachments", "/not-a-list")).isError())
        .isNotEqualTo(Boolean.TRUE);
    assertThat(router.only().request().attachments()).isEmpty();
  }

  // --- identity ---

  @Test
  void withoutTheHeaderTheCallIsRefusedAndNamesTheHeader() {
    try (McpSyncClient c = McpClients.of(url, null)) {
      c.initialize();
      CallToolResult r = call(c, Map.of("personality", "nova", "message", "m"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r))
          .isEqualTo("missing or malformed x-iapeer-identity header — expected \"<runtime>-<personality>\"");
    }
    assertThat(router.calls()).isEmpty();
    assertThat(stderr.toString()).contains("[iapeer-daemon] tools/call REJECTED tool=send_to_peer caller=-");
  }

  @ParameterizedTest(name = "header \"{0}\"")
  @ValueSource(strings = {"", "noseparator", "-boris", "Claude-boris", "claude-", "claude-Boris"})
  void aMalformedHeaderIsRefused(String header) {
    try (McpSyncClient c = McpClients.of(url, header)) {
      c.initialize();
      CallToolResult r = call(c, Map.of("personality", "nova", "message", "m"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).startsWith("missing or malformed x-iapeer-identity header");
    }
    assertThat(router.calls()).isEmpty();
  }

  @Test
  void anUnregisteredCallerIsRefused() {
    try (McpSyncClient c = McpClients.of(url, "claude-ghost")) {
      c.initialize();
      assertThat(text(call(c, Map.of("personality", "nova", "message", "m"))))
          .isEqualTo("unknown caller \"ghost\" — not registered in peers-profiles.json");
    }
    assertThat(router.calls()).isEmpty();
  }

  @Test
  void aRuntimeTheCallerDoesNotDeclareIsRefused() {
    try (McpSyncClient c = McpClients.of(url, "codex-boris")) {
      c.initialize();
      assertThat(text(call(c, Map.of("personality", "nova", "message", "m"))))
          .isEqualTo("runtime \"codex\" is not declared for caller \"boris\" (declared: claude)");
    }
    assertThat(router.calls()).isEmpty();
  }

  @Test
  void eachRequestResolvesItsOwnCallerAndLegacyHumanReadsAsNatural() {
    try (McpSyncClient c = McpClients.of(url, " codex-nova ")) {
      c.initialize();
      call(c, Map.of("personality", "boris", "message", "m"));
    }
    call(boris, Map.of("personality", "nova", "message", "m"));
    assertThat(router.calls())
        .extracting(x -> x.caller().address().address())
        .containsExactly("codex-nova", "claude-boris");
    assertThat(router.calls().get(0).caller().intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(stderr.toString()).contains("[iapeer-daemon] tools/call tool=send_to_peer caller=codex-nova");
  }

  @Test
  void theRegistryIsReadAgainForEveryCall() {
    try (McpSyncClient c = McpClients.of(url, "claude-late")) {
      c.initialize();
      assertThat(text(call(c, Map.of("personality", "nova", "message", "m")))).startsWith("unknown caller \"late\"");
      assertThat(sb.run("create", "late", "--runtime", "claude").code()).isZero();
      assertThat(call(c, Map.of("personality", "nova", "message", "m")).isError()).isNotEqualTo(Boolean.TRUE);
    }
    assertThat(router.only().caller().personality()).isEqualTo("late");
  }

  @Test
  void anUnknownToolIsAnErrorResultAndTheDaemonGoesOnServing() {
    CallToolResult r = boris.callTool(new CallToolRequest("list_online_peers", Map.of()));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("unknown tool: list_online_peers");
    assertThat(call(boris, Map.of("personality", "nova", "message", "m")).isError()).isNotEqualTo(Boolean.TRUE);
  }
}
