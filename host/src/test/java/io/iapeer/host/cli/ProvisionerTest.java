package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.read;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.host.peer.Provisioner;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provisioning a local profile (01 §11; 01 cases 29 claude part, 32, 33, 36–37; 04 case 56–57),
 * directly and through the verbs that drive it.
 */
class ProvisionerTest {
  @TempDir(factory = FastTempDir.class) Path tmp;
  final List<String> warnings = new ArrayList<>();

  private Provisioner provisioner(Sandbox sb) {
    return new Provisioner(sb.layout(), new Settings(sb.env()), Fixtures.registry(sb), warnings::add);
  }

  private static Provisioner.Request request(Path cwd, String runtime, Optional<String> personality, Env env) {
    return new Provisioner.Request(cwd, runtime, personality, Optional.empty(), Optional.empty(), List.of(), env);
  }

  private Path folder(String name) {
    return Sandbox.mkdirs(tmp.resolve("work").resolve(name));
  }

  // --- 01 case 29 (claude part) ---

  @Test
  void aNewClaudePeerInFolderWorkerGetsAProfileAndARecord() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("worker");
    Provisioner.Outcome o = provisioner(sb).provision(request(cwd, "claude", Optional.empty(), sb.env()));
    assertThat(o.newPeer()).isTrue();
    assertThat(o.profile().personality()).isEqualTo("worker");
    ObjectNode p = profile(cwd);
    assertThat(p.get("personality").asString()).isEqualTo("worker");
    assertThat(p.get("default_runtime").asString()).isEqualTo("claude");
    assertThat(strings(p.get("runtimes"))).containsExactly("claude");
    assertThat(p.get("intelligence").asString()).isEqualTo("artificial");
    assertThat(p.has("runtime")).isFalse();
    assertThat(record(sb, "worker").orElseThrow().cwd()).isEqualTo(cwd.toString());
    assertThat(cwd.resolve(".iapeer/runtimes/claude/launch.env")).exists();
    assertThat(warnings).isEmpty();
  }

  @Test
  void anInfraRuntimeIsRefusedBeforeAnythingIsWritten() {
    Sandbox sb = new Sandbox(tmp);
    Path cwd = folder("timer");
    Map<String, String> before = snapshot(sb.base);
    assertThatThrownBy(() -> provisioner(sb).provision(request(cwd, "notifier", Optional.empty(), sb.env())))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("\"notifier\" is an always-on infra runtime");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- 01 case 32, 04 case 57: personality ↔ folder is 1:1 ---

  @Test
  void anExplicitPersonalityEqualToTheNormalizedBasenameProvisions() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("My Worker");
    Provisioner.Outcome o = provisioner(sb).provision(request(cwd, "claude", Optional.of("My-Worker"), sb.env()));
    assertThat(o.profile().personality()).isEqualTo("my-worker");
  }

  @Test
  void anExplicitPersonalityOtherThanTheBasenameIsRejectedAndNothingWritten() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("worker");
    Map<String, String> before = snapshot(sb.base);
    assertThatThrownBy(() -> provisioner(sb).provision(request(cwd, "claude", Optional.of("boris"), sb.env())))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("must equal the normalized cwd basename \"worker\"")
        .hasMessageContaining("1:1");
    assertThatThrownBy(() -> provisioner(sb).provision(request(cwd, "claude", Optional.of("!!!"), sb.env())))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("personality must match");
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  // --- 01 case 33, 04 case 56: the description ---

  @Test
  void theDescriptionLandsEverywhereSurvivesReindexIsKeptWithoutOneAndReplacedByANewOne() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("boris");
    assertThat(sb.run("init", cwd.toString(), "--description", "keeps the books").code()).isZero();
    assertDescription(sb, cwd, "keeps the books");

    Sandbox.Run fix = sb.run("verify", "--fix"); // reindexes the registry from the profiles
    assertThat(fix.code()).isZero();
    assertDescription(sb, cwd, "keeps the books");

    assertThat(sb.run("init", cwd.toString()).code()).isZero();
    assertDescription(sb, cwd, "keeps the books");
    assertThat(sb.run("init", cwd.toString(), "--description", "   ").code()).isZero();
    assertDescription(sb, cwd, "keeps the books");

    sb.installed("codex");
    assertThat(sb.run("add-runtime", "codex", "--peer", "boris").code()).isZero();
    assertThat(sb.run("default-runtime", "codex", "--peer", "boris").code()).isZero();
    assertDescription(sb, cwd, "keeps the books");

    assertThat(sb.run("init", cwd.toString(), "--description", "audits the books").code()).isZero();
    assertDescription(sb, cwd, "audits the books");
  }

  private static void assertDescription(Sandbox sb, Path cwd, String expected) {
    assertThat(profile(cwd).get("description").asString()).isEqualTo(expected);
    assertThat(record(sb, "boris").orElseThrow().description()).isEqualTo(expected);
  }

  // --- the caller's identity (01 §11 steps 4–5, 04 §3.11–§3.12) ---

  @Test
  void initKeepsTheCallersPeerPersonalityAndRefusesAMismatch() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("boris");
    sb.env("PEER_PERSONALITY", "maria");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run fresh = sb.run("init", cwd.toString());
    assertThat(fresh.code()).isEqualTo(1);
    assertThat(fresh.err())
        .isEqualTo("iapeer init: PEER_PERSONALITY \"maria\" does not match the peer being initialized (\"boris\")\n");
    assertThat(snapshot(sb.base)).isEqualTo(before);

    sb.env("PEER_PERSONALITY", "Boris"); // compared after normalization
    assertThat(sb.run("init", cwd.toString()).code()).isZero();

    sb.env("PEER_PERSONALITY", "maria");
    Map<String, String> existing = snapshot(sb.base);
    Sandbox.Run again = sb.run("init", cwd.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err())
        .isEqualTo("iapeer init: PEER_PERSONALITY must match .iapeer/peer-profile.json personality \"boris\", got \"maria\"\n");
    assertThat(snapshot(sb.base)).isEqualTo(existing);
  }

  @Test
  void createIgnoresTheCallersOwnPeerIdentity() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    sb.env("PEER_PERSONALITY", "boris").env("PEER_IDENTITY", "claude-boris").env("PEER_RUNTIME", "claude");
    Sandbox.Run r = sb.run("create", "worker");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(record(sb, "worker")).isPresent();
  }

  // --- runtime markers (01 §11 step 2, 01 cases 36–37) ---

  @Test
  void claudeAndCodexMarkersAndRuntimeScopeFoldersAreDiscoveredInOrder() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("boris");
    Files.createDirectories(cwd.resolve(".codex"));
    Files.createDirectories(cwd.resolve(".claude"));
    Files.createDirectories(cwd.resolve(".iapeer/runtimes/webhook"));
    Files.createDirectories(cwd.resolve(".iapeer/runtimes/api"));
    Files.createDirectories(cwd.resolve(".iapeer/runtimes/Not-A-Runtime"));
    Provisioner.Outcome o = provisioner(sb).provision(request(cwd, "codex", Optional.empty(), sb.env()));
    assertThat(o.profile().defaultRuntime()).isEqualTo("codex");
    assertThat(o.profile().runtimes()).containsExactly("codex", "claude", "api", "webhook");
    assertThat(record(sb, "boris").orElseThrow().runtimes()).containsExactly("codex", "claude", "api", "webhook");
  }

  @Test
  void reProvisioningWithAnotherRuntimeDeclaresItButNeverChangesTheDefault() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path cwd = folder("boris");
    provisioner(sb).provision(request(cwd, "claude", Optional.empty(), sb.env()));
    Provisioner.Outcome o = provisioner(sb).provision(request(cwd, "codex", Optional.empty(), sb.env()));
    assertThat(o.newPeer()).isFalse();
    assertThat(o.profile().defaultRuntime()).isEqualTo("claude");
    assertThat(o.profile().runtimes()).containsExactly("claude", "codex");
    assertThat(record(sb, "boris").orElseThrow().runtime()).isEqualTo("claude");
  }

  @Test
  void anIntelligenceTheRuntimeForbidsIsRefusedEvenForAnExistingPeer() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    Sandbox.Run r = sb.run("create", "boris", "--intelligence", "absent");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not valid for runtime \"claude\"");
    assertThat(profile(sb.root.resolve("peers/boris")).get("intelligence").asString()).isEqualTo("artificial");
  }

  @Test
  void anExplicitIntelligenceOnAnExistingPeerIsIgnoredWithAWarning() {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path cwd = folder("boris");
    Fixtures.write(
        cwd.resolve(".iapeer/peer-profile.json"),
        "{\"personality\": \"boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"], \"intelligence\": \"human\"}\n");
    provisioner(sb)
        .provision(
            new Provisioner.Request(
                cwd, "claude", Optional.empty(), Optional.empty(), Optional.of("artificial"), List.of(), sb.env()));
    assertThat(warnings).containsExactly("--intelligence ignored: \"boris\" already exists as natural");
    assertThat(profile(cwd).get("intelligence").asString()).isEqualTo("human");
    assertThat(record(sb, "boris").orElseThrow().intelligenceRaw()).contains("human");
  }

  // --- codex wiring lands in the sandbox's host config ---

  @Test
  void aCodexPeerGetsTheMcpBlockAndFolderTrustInTheSandboxesCodexConfig() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    Path cwd = folder("boris");
    assertThat(sb.run("init", cwd.toString()).code()).isZero();
    Path config = sb.home.resolve(".codex/config.toml");
    assertThat(read(config))
        .isEqualTo(
            """
            check_for_update_on_startup = false

            [mcp_servers.iapeer]
            url = "http://127.0.0.1:8765/mcp"
            default_tools_approval_mode = "approve"
            bearer_token_env_var = "IAPEER_BEARER"

            [mcp_servers.iapeer.env_http_headers]
            "X-IAPeer-Identity" = "PEER_IDENTITY"

            [projects."%s"]
            trust_level = "trusted"
            """
                .formatted(cwd.toRealPath()));
    assertThat(cwd.resolve(".mcp.json")).doesNotExist();
    // ~/.codex exists now, so the global scaffold has codex's plugin scope (04 §1.6) — on this run.
    assertThat(sb.root.resolve("runtimes/codex/plugins/iap")).isDirectory();
    assertThat(sb.root.resolve("runtimes/claude")).doesNotExist();
  }

  @Test
  void codexHomeMovesTheCodexConfig() {
    Sandbox sb = new Sandbox(tmp).installed("codex");
    Path codexHome = tmp.resolve("codex-home");
    sb.env("CODEX_HOME", codexHome.toString());
    Sandbox.Run r = sb.run("init", folder("boris").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).endsWith("; mcp: " + codexHome.resolve("config.toml") + "\n");
    assertThat(codexHome.resolve("config.toml")).exists();
    assertThat(sb.home.resolve(".codex/config.toml")).doesNotExist();
  }

  // --- idempotence ---

  @Test
  void aSecondInitRewritesNothing() {
    Sandbox sb = new Sandbox(tmp).installed("claude").installed("codex");
    Path cwd = folder("boris");
    Sandbox.Run first = sb.run("init", cwd.toString(), "--description", "d");
    assertThat(first.code()).isZero();
    Map<String, String> after = snapshot(sb.base);
    Sandbox.Run second = sb.run("init", cwd.toString());
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(snapshot(sb.base)).isEqualTo(after);
  }

  // --- 01 case 35 / 04 case 58: ephemeral warnings ---

  @Test
  void anEphemeralPeerWithATelegramInterfaceIsWarnedAboutAndAPlainOneIsNot() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Path plain = folder("plain");
    Path human = folder("human");
    Files.createDirectories(plain.resolve(".iapeer"));
    Files.writeString(plain.resolve(".iapeer/peer-profile.json"),
        "{\"personality\":\"plain\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"],\"wake_policy\":\"ephemeral\"}");
    Files.createDirectories(human.resolve(".iapeer"));
    Files.writeString(human.resolve(".iapeer/peer-profile.json"),
        "{\"personality\":\"human\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"],\"wake_policy\":\"ephemeral\","
            + "\"interfaces\":{\"telegram\":{\"bot_username\":\"h_bot\"}}}");

    provisioner(sb).provision(request(plain, "claude", Optional.empty(), sb.env()));
    assertThat(warnings).isEmpty();

    provisioner(sb).provision(request(human, "claude", Optional.empty(), sb.env()));
    assertThat(warnings).singleElement().asString()
        .contains("\"human\" has wake_policy \"ephemeral\" and a telegram interface");
  }
}
