package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 03 §9.5 and acceptance case 36: the topic set. */
class TopicsTest {
  static final Identity ID = new Identity("claude", "boris");
  @TempDir Path tmp;
  Topics topics;
  Layout layout;

  @BeforeEach
  void setUp() {
    layout = Layout.from(Env.of("HOME", tmp.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));
    topics = new Topics(layout);
  }

  @Test
  void aRepeatedTopicMovesToTheEnd() throws Exception {
    topics.add(ID, "deploy-pipeline");
    topics.add(ID, "flaky-test");
    topics.add(ID, " deploy-pipeline ");

    assertThat(topics.list(ID)).containsExactly("flaky-test", "deploy-pipeline");
    assertThat(topics.last(ID)).contains("deploy-pipeline");
    assertThat(topics.has(ID, "flaky-test")).isTrue();
    assertThat(topics.has(ID, "  ")).isFalse();
    Path file = layout.lifecycleStateDir().resolve("claude-boris.topic");
    assertThat(Files.readString(file)).isEqualTo("flaky-test\ndeploy-pipeline\n");
  }

  @Test
  void anEmptyTopicIsNoOpAndResetEmpties() {
    topics.add(ID, "   ");
    assertThat(topics.list(ID)).isEmpty();
    topics.add(ID, "a");
    topics.reset(ID);
    assertThat(topics.list(ID)).isEmpty();
  }

  @Test
  void onlySixteenAreKept() {
    for (int i = 0; i < 20; i++) {
      topics.add(ID, "t" + i);
    }
    assertThat(topics.list(ID)).hasSize(16).startsWith("t4").endsWith("t19");
  }

  @Test
  void theLiveNoteChangesNothingWhenTheTopicIsAlreadyTheLatest() {
    assertThat(topics.note(ID, "review")).isTrue();
    assertThat(topics.note(ID, "review")).isFalse();
    assertThat(topics.note(ID, "other")).isTrue();
    assertThat(topics.note(ID, "review")).isTrue();
    assertThat(topics.list(ID)).containsExactly("other", "review");
  }

  @Test
  void aTopicFileOfAnotherIdentityIsSeparate() {
    topics.add(ID, "a");
    assertThat(topics.list(new Identity("claude", "boris2"))).isEmpty();
  }
}
