package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.session.Typed;
import io.iapeer.host.session.Typist;
import io.iapeer.host.testing.TmuxServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own launch primitive and typist (03 §5, §7.1) against the real Claude Code and Codex on a
 * fresh HOME: every boot dialog answered by the adapters, READY only after the model took the
 * first message, a second message typed into the live session and confirmed as 06 D2 says.
 */
class RealLaunchIT {
  static final String API_KEY = "sk-ant-iapeer-test-0123456789abcdefghij";
  static final String FIRST = "first task: line one\nline two with ]]> and </iap> and \"quotes\" — ünïcode";
  static final String SECOND = "second task, typed live";

  @TempDir Path tmp;
  Path sockDir;
  Path home;
  Path project;
  FakeModelServer model;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    RealClis.assumeInstalled();
    sockDir = Files.createTempDirectory(Path.of("/tmp"), "iapr");
    home = Files.createDirectories(tmp.resolve("home"));
    project = Files.createDirectories(tmp.resolve("project"));
    model = FakeModelServer.start().defaultText("ack");
    env.putAll(Map.of(
        "HOME", home.toString(),
        "IAPEER_ROOT", tmp.resolve("root").toString(),
        "IAPEER_SOCK_DIR", sockDir.toString(),
        "IAPEER_CLAUDE_BIN", RealClis.claude().toString(),
        "IAPEER_CODEX_BIN", RealClis.codex().toString(),
        "PATH", RealClis.path(),
        "LANG", "C.UTF-8",
        "IS_SANDBOX", "1", // tests only: the real Claude refuses bypass mode as root without it
        "IAPEER_TEST_SANDBOX", "1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (model != null) {
      model.close();
    }
    TmuxServers.killAll(sockDir);
  }

  private Typed launchAndType(String runtime) throws InterruptedException {
    Layout layout = Layout.from(new Env(env));
    TmuxSessionHost host = new TmuxSessionHost(layout);
    Launcher launcher = new Launcher(
        host,
        new LaunchComposer(new Adapters(layout), Platform.current()),
        new Launcher.Timings(Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMillis(300)),
        d -> Thread.sleep(d.toMillis()));
    Identity id = new Identity(runtime, "project");
    RuntimeAdapter adapter = new Adapters(layout).of(runtime);

    LaunchResult r = launcher.launch(LaunchSpec.fresh(id, project), adapter, FIRST);
    assertThat(r).as(r.toString()).isInstanceOf(LaunchResult.Ready.class);

    Typist typist = new Typist(host, new Typist.Timings(Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofMillis(250)),
        d -> Thread.sleep(d.toMillis()));
    return typist.type(id, adapter, project, SECOND);
  }

  private boolean modelSaw(String text) {
    return model.turns().stream().anyMatch(q -> q.conversationTexts().stream().anyMatch(t -> t.contains(text)));
  }

  @Test
  void realClaudeCodeIsLaunchedAndTypedIntoByOurPrimitive() throws Exception {
    ClaudeHome.prepare(home, API_KEY);
    env.putAll(Map.of(
        "ANTHROPIC_BASE_URL", model.anthropicBaseUrl(),
        "ANTHROPIC_API_KEY", API_KEY,
        "DISABLE_AUTOUPDATER", "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"));

    Typed second = launchAndType("claude");

    assertThat(second).isEqualTo(new Typed.Delivered("transcript"));
    assertThat(modelSaw(FIRST)).as("the first message verbatim at the model").isTrue();
    assertThat(String.join("\n", ClaudeHome.userTexts(home, project))).contains(FIRST).contains(SECOND);
  }

  @Test
  void realCodexIsLaunchedAndTypedIntoByOurPrimitive() throws Exception {
    Path codexHome = Files.createDirectories(tmp.resolve("codex-home"));
    CodexHome.prepare(codexHome, model.responsesBaseUrl(), project);
    env.put("CODEX_HOME", codexHome.toString());
    env.put(CodexHome.KEY_VARIABLE, "fake");

    Typed second = launchAndType("codex");

    assertThat(second).isInstanceOf(Typed.Delivered.class);
    assertThat(modelSaw(FIRST)).as("the first message verbatim at the model").isTrue();
    await().alias("the second message at the model").atMost(Duration.ofSeconds(30)).until(() -> modelSaw(SECOND));
  }
}
