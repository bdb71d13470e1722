package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.envelope.EnvelopeInput;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.host.daemon.Daemon;
import io.iapeer.host.route.DeliveryRouter;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.Ports;
import io.iapeer.host.testing.Sandbox;
import io.iapeer.host.testing.TmuxServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Agent to agent with the real CLIs (issue 4): the real Claude Code peer {@code alpha} and the real
 * Codex peer {@code beta}, both made by {@code iapeer init} and woken by our daemon (in this JVM, on
 * a port and socket of its own), each against a fake model API of its own. A model answers a
 * trigger with a call of our MCP tool; the CLI's own MCP client calls the daemon; the envelope lands
 * verbatim in the other peer's session; the caller's next model request carries a result that says
 * delivered.
 *
 * <p>What lets each CLI call the tool with nobody at the keyboard, as seen here:
 * <ul>
 *   <li>Claude Code 2.1.332: init's {@code enableAllProjectMcpServers} in {@code .claude/settings.json}
 *       (without it the boot stops at "New MCP server found in this project", cursor on "Continue
 *       without using this MCP server", which the adapter then answers), and the bypass-permissions
 *       mode of our launch, in which the MCP tool runs without a permission prompt — init writes no
 *       permission rules and needs none.
 *   <li>Codex 0.171.0: either the block's {@code default_tools_approval_mode = "approve"} or our
 *       launch's {@code --dangerously-bypass-approvals-and-sandbox} is enough; with neither it asks
 *       "Allow the iapeer MCP server to run tool "send_to_peer"?". init keeps the block's line so a
 *       Codex started by hand does not ask either.
 * </ul>
 */
class RealAgentToAgentIT {
  static final String API_KEY = "sk-ant-iapeer-test-0123456789abcdefghij";
  static final Identity ALPHA = new Identity("claude", "alpha");
  static final Identity BETA = new Identity("codex", "beta");
  static final String ANSWER = "noted";
  /** Through the model's tool input, the daemon's envelope and a paste: a newline, ]]> and non-ASCII. */
  static final String TO_BETA = "pelican sighted at the pier\nline two: ]]> & \"quotes\" — ✓";
  static final String TO_ALPHA = "trout spotted upstream\nline two: <b>not markup</b> 日本語";
  static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Sandbox sb;
  Path alpha;
  Path codexHome;
  FakeModelServer anthropic;
  FakeModelServer openai;
  Daemon daemon;
  TmuxSessionHost host;
  Adapters adapters;

  @BeforeEach
  void setUp() {
    RealClis.assumeInstalled();
    // One model per CLI, so a scripted answer goes to the agent it was written for.
    anthropic = FakeModelServer.start().defaultText(ANSWER);
    openai = FakeModelServer.start().defaultText(ANSWER);
    sb = new Sandbox(tmp);
    codexHome = sb.home.resolve(".codex");
    ClaudeHome.prepare(sb.home, API_KEY);
    // The provider first; init then adds the [mcp_servers.iapeer] block and the folder trust.
    CodexHome.prepare(codexHome, openai.responsesBaseUrl(), null);
    sb.env("IAPEER_CLAUDE_BIN", RealClis.claude().toString())
        .env("IAPEER_CODEX_BIN", RealClis.codex().toString())
        .env("PATH", RealClis.path())
        .env("LANG", "C.UTF-8")
        .env("IS_SANDBOX", "1") // tests only: the real Claude refuses bypass mode as root without it
        .env("CODEX_HOME", codexHome.toString())
        .env(CodexHome.KEY_VARIABLE, "fake")
        .env("ANTHROPIC_BASE_URL", anthropic.anthropicBaseUrl())
        .env("ANTHROPIC_API_KEY", API_KEY)
        .env("DISABLE_AUTOUPDATER", "1")
        .env("IAPEER_PORT", String.valueOf(Ports.free())) // init writes it into both peers' wiring
        .env("IAPEER_BOOT_DEADLINE_SECS", "90")
        .env("IAPEER_READY_GATE_SECS", "60")
        .env("IAP_LIVENESS_GRACE_MS", "10000")
        .env("IAP_TMUX_SUBMIT_TIMEOUT_MS", "6000");
    alpha = init("alpha", "claude");
    init("beta", "codex");
    init("ops", "claude"); // the operator's peer: the sender of the CLI's messages, never launched
    // The launch drops the daemon's CLAUDE_CODE_* (06 D8); without this one Claude Code checks its
    // vendor's reachability.
    Io.write(alpha.resolve(".iapeer/runtimes/claude/launch.env"), "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1\n");
    Settings settings = new Settings(sb.env());
    daemon = Daemon.start(Daemon.Config.of(sb.layout(), settings, "test"),
        DeliveryRouter.forDaemon(sb.layout(), settings, id -> { }), stderr.log());
    host = new TmuxSessionHost(sb.layout());
    adapters = new Adapters(sb.layout());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (sb != null) {
      TmuxServers.killAll(sb.layout().sockDir());
    }
    for (FakeModelServer model : new FakeModelServer[] {anthropic, openai}) {
      if (model != null) {
        assertThat(model.unknown()).as("requests the fake model did not know").isEmpty();
        model.close();
      }
    }
  }

  private Path init(String name, String runtime) {
    Path folder = sb.base.resolve("work/" + name);
    Sandbox.Run r = sb.cd(folder).run("init", "--runtime", runtime);
    assertThat(r.code()).as(r.err()).isZero();
    return folder;
  }

  /** {@code iapeer send} from the operator's folder, through our daemon (no in-process notice). */
  private void send(String to, String message) {
    Sandbox.Run r = sb.cd(sb.base.resolve("work/ops")).run("send", to, "--message", message);
    assertThat(r.err()).as("through the daemon").isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("delivered to " + to + " (");
  }

  private boolean idle(Identity id) {
    String screen = host.capture(id);
    return adapters.of(id.runtime()).isInputReady(screen) && !screen.contains(RealPeer.BUSY);
  }

  /** Waits until {@code id}'s model got a turn carrying {@code text} and the agent is idle again. */
  private void awaitAnswered(Identity id, FakeModelServer model, String text) {
    await().alias(id + " answered a turn with \"" + text + "\"").atMost(PATIENCE).ignoreExceptions()
        .until(() -> turnWith(model, text).isPresent() && idle(id));
  }

  private static Optional<ModelRequest> turnWith(FakeModelServer model, String text) {
    return model.turns().stream()
        .filter(t -> t.conversationTexts().stream().anyMatch(s -> s.contains(text)))
        .findFirst();
  }

  /** Every item of a request's conversation: Anthropic content blocks, Responses input items. */
  private static Stream<JsonNode> items(ModelRequest request) {
    JsonNode json = request.json();
    return json.has("messages")
        ? json.get("messages").valueStream().flatMap(m -> m.path("content").valueStream())
        : json.path("input").valueStream();
  }

  /**
   * The tool's answer as the caller's next model request carries it: the item of {@code type} whose
   * {@code idField} is {@code id}, its {@code field} read as JSON. Both CLIs pass on our
   * structuredContent as compact JSON: Claude as the tool_result's {@code content} string, Codex as
   * the function_call_output's {@code output} after a "Wall time: … Output:" preamble of its own.
   */
  private static JsonNode result(FakeModelServer model, String type, String idField, String id, String field) {
    String text = await().alias("the model sees the " + type + " of " + id).atMost(PATIENCE)
        .until(() -> model.turns().stream().flatMap(RealAgentToAgentIT::items)
            .filter(i -> i.path("type").asString("").equals(type) && i.path(idField).asString("").equals(id))
            .map(i -> i.path(field).asString(""))
            .findFirst(), Optional::isPresent)
        .orElseThrow();
    assertThat(text).contains("{");
    return Json.parse(text.substring(text.indexOf('{')));
  }

  private static List<String> claudeTools(ModelRequest turn) {
    return turn.json().path("tools").valueStream().map(t -> t.path("name").asString("")).toList();
  }

  private static void assertDelivered(JsonNode result, String personality, String runtime) {
    assertThat(result.path("ok").asBoolean(false)).as(result.toString()).isTrue();
    assertThat(result.at("/delivered_to/personality").asString("")).isEqualTo(personality);
    assertThat(result.at("/delivered_to/runtime").asString("")).isEqualTo(runtime);
    assertThat(result.path("woke").asBoolean(true)).as("into the live session").isFalse();
    assertThat(result.has("queued")).as("delivered, not queued").isFalse();
  }

  /** The envelope the daemon typed: the sender's, stamped with the result's ts (02 §7.5 [L]). */
  private static String envelope(Identity from, JsonNode result, String message) {
    return EnvelopeCodec.encode(new EnvelopeInput(from.personality(), from.runtime(), "artificial",
        Optional.of(result.path("ts").asString()), Optional.empty(), List.of(), message));
  }

  private static String arguments(String personality, String message) {
    return Json.compact(Json.object().put("personality", personality).put("message", message));
  }

  private List<String> deliveryLog() {
    return Io.read(sb.layout().deliveryLog()).lines().toList();
  }

  @Test
  void claudeReachesCodexAndCodexReachesClaudeThroughTheDaemon() {
    send("beta", "wake up, beta");
    awaitAnswered(BETA, openai, "wake up, beta");
    send("alpha", "wake up, alpha");
    awaitAnswered(ALPHA, anthropic, "wake up, alpha");
    // Claude Code connects to its MCP servers while it boots: a turn that starts before our daemon
    // answered goes out without our tool (seen under load, DeferredToolPlaceholder in its place).
    // The next turns carry it, so nudge until one does.
    for (int i = 1; !claudeTools(anthropic.turns().getLast()).contains("mcp__iapeer__send_to_peer") && i <= 5; i++) {
      send("alpha", "are you connected? " + i);
      awaitAnswered(ALPHA, anthropic, "are you connected? " + i);
    }
    // How each CLI offers our tool to its model: Claude by a flat name, Codex inside a namespace.
    assertThat(claudeTools(anthropic.turns().getLast())).contains("mcp__iapeer__send_to_peer");
    assertThat(openai.turns().getLast().json().path("tools").valueStream()
        .filter(t -> t.path("name").asString("").equals("mcp__iapeer"))
        .flatMap(t -> t.path("tools").valueStream().map(f -> f.path("name").asString(""))))
        .containsExactly("send_to_peer");

    anthropic.reply(Reply.toolUse("toolu_a2a", "mcp__iapeer__send_to_peer", arguments("beta", TO_BETA)));
    send("alpha", "tell beta the news");
    JsonNode toBeta = result(anthropic, "tool_result", "tool_use_id", "toolu_a2a", "content");
    assertDelivered(toBeta, "beta", "codex");
    String envelope = envelope(ALPHA, toBeta, TO_BETA);
    awaitAnswered(BETA, openai, envelope);
    // Codex takes the typed envelope as the user turn, byte for byte, and records it so.
    assertThat(turnWith(openai, envelope).orElseThrow().conversationTexts()).contains(envelope);
    assertThat(CodexHome.userTexts(codexHome)).contains(envelope);

    await().atMost(PATIENCE).until(() -> idle(ALPHA)); // so the answer to come is delivered, not queued
    openai.reply(Reply.functionCall("call_a2a", "mcp__iapeer", "send_to_peer", arguments("alpha", TO_ALPHA)));
    send("beta", "tell alpha the news");
    JsonNode toAlpha = result(openai, "function_call_output", "call_id", "call_a2a", "output");
    assertDelivered(toAlpha, "alpha", "claude");
    String back = envelope(BETA, toAlpha, TO_ALPHA);
    // Claude hands a multi-line paste to its model inside a <pasted_content> wrapper of its own.
    awaitAnswered(ALPHA, anthropic, back);
    assertThat(ClaudeHome.userTexts(sb.home, alpha)).anySatisfy(t -> assertThat(t).contains(back));

    assertThat(deliveryLog())
        .anySatisfy(l -> assertThat(l).contains("ev=delivery path=mcp caller=claude-alpha to=beta ok=true"
            + " via=codex-beta woke=false"))
        .anySatisfy(l -> assertThat(l).contains("ev=delivery path=mcp caller=codex-beta to=alpha ok=true"
            + " via=claude-alpha woke=false"));
  }
}
