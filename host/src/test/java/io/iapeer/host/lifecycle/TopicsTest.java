package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic set of 03 §9.5 (case 36). */
class TopicsTest {
  static final Identity BOB = new Identity("claude", "bob");

  @TempDir Path tmp;
  Topics topics;
  Path file;

  @BeforeEach
  void setUp() {
    Layout layout = Layout.from(Env.of("HOME", tmp.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));
    topics = new Topics(layout);
    file = layout.lifecycleStateDir().resolve("claude-bob.topic");
  }

  @Test
  void case36_addingMovesARepeatToTheEndAndMembershipIsAnyPosition() {
    topics.add(BOB, "deploy-pipeline");
    topics.add(BOB, "flaky-test");
    topics.add(BOB, " deploy-pipeline ");

    assertThat(topics.list(BOB)).containsExactly("flaky-test", "deploy-pipeline");
    assertThat(file).hasContent("flaky-test\ndeploy-pipeline\n");
    assertThat(topics.last(BOB)).contains("deploy-pipeline");
    assertThat(topics.has(BOB, "flaky-test")).isTrue();
    assertThat(topics.has(BOB, "other")).isFalse();
    assertThat(topics.has(BOB, "  ")).isFalse();

    topics.add(BOB, "   ");
    assertThat(topics.list(BOB)).containsExactly("flaky-test", "deploy-pipeline");

    topics.reset(BOB);
    assertThat(topics.list(BOB)).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void theSetKeepsTheSixteenMostRecent() {
    IntStream.rangeClosed(1, 20).forEach(i -> topics.add(BOB, "t" + i));
    assertThat(topics.list(BOB)).hasSize(16).startsWith("t5").endsWith("t20");
  }

  @Test
  void aNoteAddsOnlyWhenTheTopicIsNotAlreadyTheMostRecent() {
    assertThat(topics.note(BOB, "a")).isTrue();
    assertThat(topics.note(BOB, "a")).isFalse();
    assertThat(topics.note(BOB, "b")).isTrue();
    assertThat(topics.note(BOB, "a")).isTrue();
    assertThat(topics.list(BOB)).containsExactly("b", "a");
  }

  @Test
  void aTopicFileOfAnotherIdentityIsSeparate() {
    topics.add(BOB, "a");
    assertThat(topics.list(new Identity("claude", "bob2"))).isEmpty();
  }

  @Test
  void anUnreadableFileIsNoTopics() throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
    assertThat(topics.list(BOB)).isEmpty();
  }
}
