package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Typed;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own launch primitive and typist (03 §5, §7.1), wired as the verbs wire them, against the real
 * Claude Code and Codex on a fresh HOME: every boot dialog answered by the adapters, READY only after
 * the model took the first message, a second message typed into the live session and confirmed as
 * 06 D2 says.
 */
class RealLaunchIT {
  static final String FIRST = "first task: line one\nline two with ]]> and </iap> and \"quotes\" — ünïcode";
  static final String SECOND = "second task, typed live";

  @TempDir Path tmp;
  FakeModelServer model;
  RealPeer peer;

  @BeforeEach
  void setUp() {
    RealClis.assumeInstalled();
    model = FakeModelServer.start().defaultText("ack");
  }

  @AfterEach
  void tearDown() {
    if (peer != null) {
      peer.close();
    }
    if (model != null) {
      assertThat(model.unknown()).as("requests the fake model did not know").isEmpty();
      model.close();
    }
  }

  private Typed launchAndType(String runtime) throws InterruptedException {
    peer = RealPeer.start(runtime, tmp, model);
    LaunchResult r = peer.launch(false, FIRST);
    assertThat(r).as(r.toString()).isInstanceOf(LaunchResult.Ready.class);
    return peer.type(SECOND);
  }

  private boolean modelSaw(String text) {
    return model.turns().stream().anyMatch(q -> q.conversationTexts().stream().anyMatch(t -> t.contains(text)));
  }

  @Test
  void realClaudeCodeIsLaunchedAndTypedIntoByOurPrimitive() throws Exception {
    Typed second = launchAndType("claude");

    assertThat(second).isEqualTo(new Typed.Delivered("transcript"));
    assertThat(modelSaw(FIRST)).as("the first message verbatim at the model").isTrue();
    assertThat(String.join("\n", ClaudeHome.userTexts(peer.home, peer.project))).contains(FIRST).contains(SECOND);
  }

  @Test
  void realCodexIsLaunchedAndTypedIntoByOurPrimitive() throws Exception {
    Typed second = launchAndType("codex");

    assertThat(second).isInstanceOf(Typed.Delivered.class);
    assertThat(modelSaw(FIRST)).as("the first message verbatim at the model").isTrue();
    await().alias("the second message at the model").atMost(Duration.ofSeconds(30)).until(() -> modelSaw(SECOND));
  }
}
